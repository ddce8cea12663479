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
