import { describe, expect, it } from 'vitest';
import {
  followUpRanges,
  leadSummaries,
  stepsIn,
  tasksIn,
  withCount,
  withLead,
} from '../../../../lambdas/domain/dashboard/follow-up-buckets';
import { DEFAULT_AGENT_ID, dashboardWorld } from './dashboard-world';

describe('followUpRanges', () => {
  it('splits at now: overdue before it, today from it to the agent’s midnight on a 25-hour day', () => {
    // 1 November 2026: New York falls back from EDT to EST, so the day runs 04:00Z to 05:00Z next day.
    expect(followUpRanges('America/New_York', new Date('2026-11-01T12:00:00Z'))).toEqual({
      overdue: { before: '2026-11-01T12:00:00.000Z' },
      today: { from: '2026-11-01T12:00:00.000Z', before: '2026-11-02T05:00:00.000Z' },
    });
  });

  it('ends today an hour sooner on a 23-hour day, and at the next local midnight just after one', () => {
    // 8 March 2026: New York springs forward; the day ends at 04:00Z on 9 March.
    expect(followUpRanges('America/New_York', new Date('2026-03-08T06:30:00Z')).today.before).toBe(
      '2026-03-09T04:00:00.000Z',
    );
    // 00:00:01 local on 9 March is already the next day.
    expect(followUpRanges('America/New_York', new Date('2026-03-09T04:00:01Z')).today.before).toBe(
      '2026-03-10T04:00:00.000Z',
    );
    expect(followUpRanges('Asia/Dubai', new Date('2026-12-01T19:59:59Z')).today.before).toBe(
      '2026-12-01T20:00:00.000Z',
    );
  });
});

describe('withCount', () => {
  const page = (n: number, nextCursor: string | null) =>
    Promise.resolve({ items: Array.from({ length: n }, (_, i) => i), nextCursor });

  it('counts a page that is the whole bucket by its length, without a count read', async () => {
    let counted = 0;
    const result = await withCount(page(3, null), async () => {
      counted += 1;
      return { count: 99, atLeast: true };
    });
    expect(result).toEqual({ items: [0, 1, 2], nextCursor: null, count: 3, atLeast: false });
    expect(counted).toBe(0);
  });

  it('counts a bucket with more pages by its count read, capped or not', async () => {
    expect(await withCount(page(2, 'more'), async () => ({ count: 7, atLeast: false }))).toMatchObject({
      nextCursor: 'more',
      count: 7,
      atLeast: false,
    });
    expect(await withCount(page(2, 'more'), async () => ({ count: 100, atLeast: true }))).toMatchObject({
      count: 100,
      atLeast: true,
    });
  });

  it('never counts fewer than the page shows (a count that trails the writes)', async () => {
    expect(await withCount(page(4, 'more'), async () => ({ count: 1, atLeast: false }))).toMatchObject({
      count: 4,
    });
  });
});

describe('tasksIn and stepsIn', () => {
  it('give the first page soonest first and count past it, up to 100 (then "100+")', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    const lead = await world.addLead();
    for (let n = 0; n < 101; n++) {
      const dueAt = new Date(Date.parse('2026-12-01T13:00:00Z') + (101 - n) * 60_000).toISOString();
      world.addTask(lead, dueAt);
      world.addStep(lead, dueAt);
    }
    const range = { from: '2026-12-01T12:00:00.000Z', before: '2026-12-02T00:00:00.000Z' };

    const tasks = await tasksIn(DEFAULT_AGENT_ID, range, 2, world.deps);
    const steps = await stepsIn(DEFAULT_AGENT_ID, range, 2, world.deps);

    expect(tasks.items.map((t) => t.dueAt)).toEqual(['2026-12-01T13:01:00.000Z', '2026-12-01T13:02:00.000Z']);
    expect(tasks).toMatchObject({ count: 100, atLeast: true });
    expect(steps.items.map((s) => s.dueAt)).toEqual(['2026-12-01T13:01:00.000Z', '2026-12-01T13:02:00.000Z']);
    expect(steps).toMatchObject({ count: 100, atLeast: true });
  });

  it('count exactly 100 due items as 100, not "100+"', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    const lead = await world.addLead();
    for (let n = 0; n < 100; n++) world.addTask(lead, '2026-12-01T15:00:00.000Z');
    const range = { before: '2026-12-02T00:00:00.000Z' };
    expect(await tasksIn(DEFAULT_AGENT_ID, range, 10, world.deps)).toMatchObject({
      count: 100,
      atLeast: false,
    });
  });
});

describe('leadSummaries and withLead', () => {
  it('shows each item with its lead’s name and temperature, dropping items of leads gone or of another brokerage', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    const ana = await world.addLead({ name: 'Ana Ortiz', temperature: 'hot' });
    const gone = await world.addLead({ name: 'Gus Gone' });
    const foreign = await world.addLead({ name: 'Fin Far', brokerageId: 'brokerage-other' });
    await world.stores.leads.erase(gone);

    const summaries = await leadSummaries(
      'brokerage-riverside',
      [ana.leadId, gone.leadId, foreign.leadId],
      world.deps,
    );
    const items = [ana, gone, foreign, ana].map((lead, n) => ({ leadId: lead.leadId, n }));

    expect(withLead(items, summaries)).toEqual([
      { leadId: ana.leadId, n: 0, lead: { name: 'Ana Ortiz', temperature: 'hot' } },
      { leadId: ana.leadId, n: 3, lead: { name: 'Ana Ortiz', temperature: 'hot' } },
    ]);
  });

  it('reads no lead when there are no items', async () => {
    const summaries = await leadSummaries('brokerage-riverside', [], {
      leads: {
        getMany: async () => {
          throw new Error('no read expected');
        },
      },
    });
    expect(summaries.size).toBe(0);
  });
});
