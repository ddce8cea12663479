import { describe, expect, it } from 'vitest';
import { dayOf } from '../../../../lambdas/domain/activity/activity-change';
import type { Actor } from '../../../../lambdas/domain/actor';
import { counterName } from '../../../../lambdas/domain/analytics/counter-names';
import { getAnalytics } from '../../../../lambdas/domain/analytics/get-analytics';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { createMockProfile } from '../../../helpers/factories';

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

describe('getAnalytics: whose figures', () => {
  const admin: Actor = { ...agent, agentId: 'agent-admin', role: 'admin', email: 'ola.test@example.com' };
  const profiles = {
    'agent-dubai': createMockProfile({ agentId: 'agent-dubai', brokerageId: 'brokerage-gulf' }),
    'agent-abroad': createMockProfile({ agentId: 'agent-abroad', brokerageId: 'brokerage-other' }),
  } as Record<string, ReturnType<typeof createMockProfile>>;
  const depsWith = () => {
    const { counters, asked } = countersOn({ '2026-11-30': 4 });
    const read: string[] = [];
    return {
      asked,
      read,
      deps: {
        counters,
        agents: {
          get: async (id: string) => {
            read.push(id);
            return profiles[id];
          },
        },
        timeZone: 'UTC',
        clock: fixedClock('2026-12-01T08:00:00Z'),
      },
    };
  };

  it('gives an agent their own figures, naming themselves or not, without reading a profile', async () => {
    const { deps, asked, read } = depsWith();
    const report = await getAnalytics(agent, {}, deps);
    await getAnalytics(agent, { agentId: 'agent-dubai' }, deps);
    expect(report.scope).toEqual({ brokerageId: 'brokerage-gulf', agentId: 'agent-dubai' });
    expect(asked.map(([scope]) => scope)).toEqual(['agent-dubai', 'agent-dubai']);
    expect(read).toEqual([]);
  });

  it('answers an agent naming another agent with a 404, reading no counter', async () => {
    const { deps, asked } = depsWith();
    await expect(getAnalytics(agent, { agentId: 'agent-other' }, deps)).rejects.toThrow(
      new NotFoundError('Agent'),
    );
    expect(asked).toEqual([]);
  });

  it('gives an admin the brokerage’s figures by default, and one of their agents’ when named', async () => {
    const { deps, asked } = depsWith();
    const brokerage = await getAnalytics(admin, {}, deps);
    const one = await getAnalytics(admin, { agentId: 'agent-dubai' }, deps);
    expect(brokerage.scope).toEqual({ brokerageId: 'brokerage-gulf' });
    expect(one.scope).toEqual({ brokerageId: 'brokerage-gulf', agentId: 'agent-dubai' });
    expect(asked.map(([scope]) => scope)).toEqual(['brokerage#brokerage-gulf', 'agent-dubai']);
    expect(one.leadsCreated).toBe(4);
  });

  it('gives an admin their own figures without reading their profile', async () => {
    const { deps, read } = depsWith();
    expect((await getAnalytics(admin, { agentId: 'agent-admin' }, deps)).scope).toEqual({
      brokerageId: 'brokerage-gulf',
      agentId: 'agent-admin',
    });
    expect(read).toEqual([]);
  });

  it('answers an admin naming an agent of another brokerage, or no agent at all, with a 404', async () => {
    const { deps, asked } = depsWith();
    await expect(getAnalytics(admin, { agentId: 'agent-abroad' }, deps)).rejects.toThrow(
      new NotFoundError('Agent'),
    );
    await expect(getAnalytics(admin, { agentId: 'agent-nobody' }, deps)).rejects.toThrow(
      new NotFoundError('Agent'),
    );
    expect(asked).toEqual([]);
  });
});

describe('getAnalytics: the range', () => {
  const deps = (counters: ReturnType<typeof countersOn>['counters']) => ({
    counters,
    agents: { get: async () => undefined },
    timeZone: 'UTC',
    clock: fixedClock('2026-12-01T08:00:00Z'),
  });

  it('reads the range asked for, as it is', async () => {
    const { counters, asked } = countersOn({ '2026-06-30': 1, '2026-07-01': 2, '2026-07-02': 4 });
    const report = await getAnalytics(agent, { from: '2026-07-01', to: '2026-07-01' }, deps(counters));
    expect(report).toMatchObject({ from: '2026-07-01', to: '2026-07-01', leadsCreated: 2 });
    expect(asked).toEqual([['agent-dubai', '2026-07-01', '2026-07-01']]);
  });

  it('starts 29 days before the last day asked for, across a year’s end, and ends today when only `from` is given', async () => {
    const { counters, asked } = countersOn({});
    await getAnalytics(agent, { to: '2027-01-10' }, deps(counters));
    await getAnalytics(agent, { from: '2026-11-15' }, deps(counters));
    expect(asked).toEqual([
      ['agent-dubai', '2026-12-12', '2027-01-10'],
      ['agent-dubai', '2026-11-15', '2026-12-01'],
    ]);
  });
});
