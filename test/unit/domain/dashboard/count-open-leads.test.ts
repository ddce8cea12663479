import { describe, expect, it } from 'vitest';
import type { ActivityChange } from '../../../../lambdas/domain/activity/activity-change';
import { brokerageScope } from '../../../../lambdas/domain/activity/activity-change';
import { recordActivity } from '../../../../lambdas/domain/activity/record-activity';
import { countOpenLeads } from '../../../../lambdas/domain/dashboard/count-open-leads';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { brokerageId, openLeadWorld } from '../activity/open-lead-world';

const clock = fixedClock('2026-12-01T09:00:00Z');
const team = brokerageScope(brokerageId);

describe('countOpenLeads (the one-off recount of older leads)', () => {
  it('counts every worked lead once, leaves closed and erasing ones out, and marks the brokerage seeded', async () => {
    const world = openLeadWorld();
    for (let n = 0; n < 60; n++) world.write(`lead-${n}`, { temperature: n % 3 === 0 ? 'hot' : 'warm' });
    world.write('lead-won', { status: 'converted' });
    world.write('lead-going', { erasing: true });

    expect(await countOpenLeads(brokerageId, { recount: world.recount, clock })).toEqual({
      leads: 62,
      moved: 60,
    });
    expect(world.countsOf('agent-a')).toEqual({ hot: 20, warm: 40, cold: 0 });
    expect(world.countsOf(team)).toEqual({ hot: 20, warm: 40, cold: 0 });
    expect(world.seeded).toEqual([brokerageId]);

    expect(await countOpenLeads(brokerageId, { recount: world.recount, clock })).toEqual({
      leads: 62,
      moved: 0,
    });
    expect(world.countsOf('agent-a')).toEqual({ hot: 20, warm: 40, cold: 0 });
  });

  it('reads a lead again when it changed after the page was read, and counts it where it is now', async () => {
    const world = openLeadWorld();
    world.write('lead-1', {});
    const stale = world.recount.leadsOf;
    world.recount.leadsOf = async (id, cursor) => {
      const page = await stale(id, cursor);
      world.write('lead-1', { temperature: 'cold' }); // the agent acts while the page is on its way
      return page;
    };
    await countOpenLeads(brokerageId, { recount: world.recount, clock });
    expect(world.countsOf('agent-a')).toEqual({ hot: 0, warm: 0, cold: 1 });
  });

  it('agrees with the consumer: records of the same leads before and after the recount count nothing twice', async () => {
    const world = openLeadWorld();
    const pending: ActivityChange[] = [];
    for (let n = 0; n < 10; n++) pending.push(world.write(`lead-${n}`, {}));
    pending.push(world.write('lead-3', { temperature: 'hot' }));
    // Half the stream is read before the recount, the rest after (the consumer is a second behind).
    for (const [n, change] of pending.slice(0, 5).entries()) await recordActivity(`r${n}`, change, world);
    await countOpenLeads(brokerageId, { recount: world.recount, clock });
    for (const [n, change] of pending.slice(5).entries()) await recordActivity(`r${n + 5}`, change, world);
    pending.push(world.write('lead-4', { status: 'lost' }));
    await recordActivity('r-last', pending.at(-1) as ActivityChange, world);

    expect(Object.fromEntries(world.kept())).toEqual(Object.fromEntries(world.truth()));
    expect(world.countsOf('agent-a')).toEqual({ hot: 1, warm: 8, cold: 0 });
  });
});

describe('countOpenLeads: pages, groups and leads that move under it', () => {
  it('reads every page of the brokerage’s leads', async () => {
    const world = openLeadWorld();
    for (let n = 0; n < 7; n++) world.write(`lead-${n}`, { temperature: 'cold' });
    const all = world.recount.leadsOf;
    world.recount.leadsOf = async (id, cursor) => {
      const { items } = await all(id);
      const start = Number(cursor ?? 0);
      const next = start + 3;
      return { items: items.slice(start, next), nextCursor: next < items.length ? String(next) : null };
    };

    expect(await countOpenLeads(brokerageId, { recount: world.recount, clock })).toEqual({
      leads: 7,
      moved: 7,
    });
    expect(world.countsOf(team)).toEqual({ hot: 0, warm: 0, cold: 7 });
  });

  it('moves a page in transactions of at most 25, leaving a lead being erased out of them', async () => {
    const world = openLeadWorld();
    await recordActivity('r-going', world.write('lead-going', {}), world); // counted, then its erase begins
    world.write('lead-going', { erasing: true });
    for (let n = 0; n < 60; n++) world.write(`lead-${n}`, {});
    const sizes: number[] = [];
    const move = world.recount.move;
    world.recount.move = async (moves) => {
      sizes.push(moves.length);
      return move(moves);
    };

    expect(await countOpenLeads(brokerageId, { recount: world.recount, clock })).toEqual({
      leads: 61,
      moved: 60,
    });
    expect(sizes).toEqual([25, 25, 10]);
    // The erase's own record takes it out; the recount leaves it where its mark says.
    expect(world.countsOf('agent-a')).toEqual({ hot: 0, warm: 61, cold: 0 });
  });

  it('counts the rest of a group one by one when a lead in it moved, and says how many it moved', async () => {
    const world = openLeadWorld();
    for (const id of ['lead-1', 'lead-2', 'lead-3']) world.write(id, {});
    const stale = world.recount.leadsOf;
    world.recount.leadsOf = async (id, cursor) => {
      const page = await stale(id, cursor);
      world.write('lead-2', { temperature: 'hot' });
      return page;
    };

    expect(await countOpenLeads(brokerageId, { recount: world.recount, clock })).toEqual({
      leads: 3,
      moved: 3,
    });
    expect(world.countsOf('agent-a')).toEqual({ hot: 1, warm: 2, cold: 0 });
  });

  it('leaves out a lead deleted after its page was read', async () => {
    const world = openLeadWorld();
    world.write('lead-1', {});
    world.write('lead-2', {});
    const stale = world.recount.leadsOf;
    world.recount.leadsOf = async (id, cursor) => {
      const page = await stale(id, cursor);
      world.write('lead-2', undefined);
      return page;
    };

    expect(await countOpenLeads(brokerageId, { recount: world.recount, clock })).toEqual({
      leads: 2,
      moved: 1,
    });
    expect(world.countsOf(team)).toEqual({ hot: 0, warm: 1, cold: 0 });
  });

  /** A lead that changes under the recount's first `times` moves of it, then holds still. */
  const changingUnder = (times: number) => {
    const world = openLeadWorld();
    world.write('lead-1', {});
    const move = world.recount.move;
    let calls = 0;
    world.recount.move = async (moves) => {
      calls += 1;
      if (calls <= times) world.write('lead-1', { score: 50 + calls });
      return move(moves);
    };
    return world;
  };

  it('tries a lead that keeps changing up to five times on its own, and counts it when it holds still', async () => {
    // The group's move and four lone moves are refused; the fifth lone move holds.
    const world = changingUnder(5);
    expect(await countOpenLeads(brokerageId, { recount: world.recount, clock })).toEqual({
      leads: 1,
      moved: 1,
    });
    expect(world.countsOf('agent-a')).toEqual({ hot: 0, warm: 1, cold: 0 });
  });

  it('leaves a lead that never holds still to the activity consumer, uncounted', async () => {
    const world = changingUnder(6);
    expect(await countOpenLeads(brokerageId, { recount: world.recount, clock })).toEqual({
      leads: 1,
      moved: 0,
    });
    expect(world.countsOf('agent-a')).toEqual({ hot: 0, warm: 0, cold: 0 });
    expect(world.seeded).toEqual([brokerageId]);
  });
});
