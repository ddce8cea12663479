import { describe, expect, it } from 'vitest';
import { dayOf } from '../../../../lambdas/domain/activity/activity-change';
import type { Actor } from '../../../../lambdas/domain/actor';
import { counterName } from '../../../../lambdas/domain/analytics/counter-names';
import { getAnalytics } from '../../../../lambdas/domain/analytics/get-analytics';
import { fixedClock } from '../../../../lambdas/ports/clock';

const agent: Actor = {
  agentId: 'agent-dubai',
  brokerageId: 'brokerage-gulf',
  role: 'agent',
  email: 'dana.test@example.com',
};

/** Day counters in memory: what each (scope, day) holds, summed over a range as the adapter does. */
const countersOn = (days: Record<string, number>) => {
  const asked: Array<[string, string, string]> = [];
  return {
    asked,
    counters: {
      async sum(scope: string, from: string, to: string) {
        asked.push([scope, from, to]);
        const leads = Object.entries(days)
          .filter(([day]) => day >= from && day <= to)
          .reduce((sum, [, n]) => sum + n, 0);
        return { [counterName.leadsCreated]: leads };
      },
    },
  };
};

describe('dayOf', () => {
  it('gives the calendar day in the zone, which is not the UTC day past a local midnight', () => {
    expect(dayOf('2026-11-30T20:30:00.000Z', 'Asia/Dubai')).toBe('2026-12-01');
    expect(dayOf('2026-11-30T19:59:59.999Z', 'Asia/Dubai')).toBe('2026-11-30');
    expect(dayOf('2026-12-01T07:30:00.000Z', 'America/Los_Angeles')).toBe('2026-11-30');
    expect(dayOf('2026-12-01T08:00:00.000Z', 'America/Los_Angeles')).toBe('2026-12-01');
    expect(dayOf('2026-12-01T07:30:00.000Z', 'UTC')).toBe('2026-12-01');
  });
});

describe('getAnalytics', () => {
  it('reads the last 30 days up to today in the brokerage’s zone and says which zone the days are in', async () => {
    const { counters, asked } = countersOn({ '2026-11-30': 2, '2026-12-01': 3 });
    const deps = { counters, agents: { get: async () => undefined }, timeZone: 'Asia/Dubai' };

    // 21:30 UTC on 30 November is 01:30 on 1 December in Dubai.
    const report = await getAnalytics(agent, {}, { ...deps, clock: fixedClock('2026-11-30T21:30:00Z') });

    expect(report).toMatchObject({
      timeZone: 'Asia/Dubai',
      from: '2026-11-02',
      to: '2026-12-01',
      leadsCreated: 5,
    });
    expect(asked).toEqual([['agent-dubai', '2026-11-02', '2026-12-01']]);
  });

  it('ends today earlier than UTC for a zone west of it', async () => {
    const { counters } = countersOn({ '2026-11-30': 2, '2026-12-01': 3 });
    const report = await getAnalytics(
      agent,
      {},
      {
        counters,
        agents: { get: async () => undefined },
        timeZone: 'America/Los_Angeles',
        clock: fixedClock('2026-12-01T05:00:00Z'),
      },
    );
    expect(report).toMatchObject({ timeZone: 'America/Los_Angeles', to: '2026-11-30', leadsCreated: 2 });
  });
});
