import { describe, expect, it } from 'vitest';
import { brokerageScope } from '../../../../lambdas/domain/activity/activity-change';
import { countFor, planLeadActivity } from '../../../../lambdas/domain/activity/plan-lead-activity';
import { brokerageId, leadFacts } from './open-lead-world';

const team = brokerageScope(brokerageId);
const at = '2026-12-01T10:00:00.000Z';

describe('planLeadActivity', () => {
  it('puts a new lead in its agent’s feed and counts its creation, source, temperature and status on both scopes', () => {
    const lead = leadFacts('lead-1', { source: 'referral', temperature: 'hot', status: 'new' });

    const plan = planLeadActivity(undefined, lead, at, 'UTC');

    expect(plan.feed).toEqual([
      { agentId: 'agent-a', kind: 'lead', entityId: 'lead-1', op: 'upsert', changedAt: at },
    ]);
    const counts = { leads: 1, src_referral: 1, temp_hot: 1, status_new: 1 };
    expect(plan.counters).toEqual([
      { scope: 'agent-a', day: '2026-11-20', counts },
      { scope: team, day: '2026-11-20', counts },
    ]);
    expect(plan.marks).toEqual([]);
    expect(plan.openLead).toBeUndefined();
  });

  it('counts a creation on the day the lead was created in the brokerage’s zone, not the day the record arrived', () => {
    // 20:30 UTC on 30 November is 00:30 on 1 December in Dubai.
    const lead = leadFacts('lead-1', { createdAt: '2026-11-30T20:30:00.000Z' });
    const plan = planLeadActivity(undefined, lead, '2026-12-03T09:00:00.000Z', 'Asia/Dubai');
    expect(plan.counters.map((c) => c.day)).toEqual(['2026-12-01', '2026-12-01']);
  });

  it('counts a status move as the status entered, on the day of the change in the zone', () => {
    const before = leadFacts('lead-1', { status: 'new' });
    const after = { ...before, status: 'viewing' as const };

    // 21:00 UTC on 1 December is 01:00 on 2 December in Dubai.
    const plan = planLeadActivity(before, after, '2026-12-01T21:00:00.000Z', 'Asia/Dubai');

    expect(plan.counters).toEqual([
      { scope: 'agent-a', day: '2026-12-02', counts: { status_viewing: 1 } },
      { scope: team, day: '2026-12-02', counts: { status_viewing: 1 } },
    ]);
    expect(plan.feed).toEqual([
      {
        agentId: 'agent-a',
        kind: 'lead',
        entityId: 'lead-1',
        op: 'upsert',
        changedAt: '2026-12-01T21:00:00.000Z',
      },
    ]);
  });

  it('counts nothing for a change that keeps status and outcome (a note, a rescore), but still feeds it', () => {
    const before = leadFacts('lead-1');
    const plan = planLeadActivity(before, { ...before, score: 90, temperature: 'hot' }, at, 'UTC');
    expect(plan.counters).toEqual([]);
    expect(plan.feed).toHaveLength(1);
  });

  it('counts a conversion in the band of the score the lead had before, with its source and former temperature', () => {
    const before = leadFacts('lead-1', {
      status: 'negotiating',
      score: 61,
      temperature: 'hot',
      source: 'portal',
    });
    const after = {
      ...before,
      status: 'converted' as const,
      outcome: 'converted' as const,
      score: 100,
      temperature: 'warm' as const,
    };

    const [agentCounts] = planLeadActivity(before, after, at, 'UTC').counters;

    expect(agentCounts?.counts).toEqual({
      status_converted: 1,
      band61to80_closed: 1,
      band61to80_scoreSum: 61,
      band61to80_converted: 1,
      srcConv_portal: 1,
      tempConv_hot: 1,
    });
  });

  it('counts a lost lead as closed in its band, and not as converted', () => {
    const before = leadFacts('lead-1', { score: 40 });
    const after = { ...before, status: 'lost' as const, outcome: 'lost' as const };

    const [agentCounts] = planLeadActivity(before, after, at, 'UTC').counters;

    expect(agentCounts?.counts).toEqual({ status_lost: 1, band21to40_closed: 1, band21to40_scoreSum: 40 });
  });

  it('counts an outcome once: a change of a lead already closed adds no calibration', () => {
    const before = leadFacts('lead-1', { status: 'lost', outcome: 'lost', score: 30 });
    const after = { ...before, status: 'converted' as const, outcome: 'converted' as const };

    const [agentCounts] = planLeadActivity(before, after, at, 'UTC').counters;

    expect(agentCounts?.counts).toEqual({ status_converted: 1 });
  });

  it('moves a reassigned lead from the old agent’s feed to the new one’s, counting on the new agent', () => {
    const before = leadFacts('lead-1');
    const after = { ...before, agentId: 'agent-b', status: 'contacted' as const };

    const plan = planLeadActivity(before, after, at, 'UTC');

    expect(plan.feed).toEqual([
      { agentId: 'agent-a', kind: 'lead', entityId: 'lead-1', op: 'delete', changedAt: at },
      { agentId: 'agent-b', kind: 'lead', entityId: 'lead-1', op: 'upsert', changedAt: at },
    ]);
    expect(plan.counters.map((c) => c.scope)).toEqual(['agent-b', team]);
  });

  it('takes a lead being erased, or deleted, out of its agent’s feed and counts nothing', () => {
    const before = leadFacts('lead-1', { status: 'new' });
    const erasing = planLeadActivity(before, { ...before, status: 'lost', erasing: true }, at, 'UTC');
    const deleted = planLeadActivity(before, undefined, at, 'UTC');

    const deletion = [{ agentId: 'agent-a', kind: 'lead', entityId: 'lead-1', op: 'delete', changedAt: at }];
    expect(erasing.feed).toEqual(deletion);
    expect(erasing.counters).toEqual([]);
    expect(deleted.feed).toEqual(deletion);
    expect(deleted.counters).toEqual([]);
  });

  it('feeds and counts nothing once a lead is being erased, whatever else its removal changes', () => {
    const erasing = leadFacts('lead-1', { erasing: true });
    expect(planLeadActivity(erasing, undefined, at, 'UTC')).toEqual({ feed: [], counters: [], marks: [] });
    expect(
      planLeadActivity(erasing, { ...erasing, status: 'converted', outcome: 'converted' }, at, 'UTC'),
    ).toEqual({ feed: [], counters: [], marks: [] });
  });

  it('does not count a lead seen again after an erase mark was lifted as a new one', () => {
    const erasing = leadFacts('lead-1', { erasing: true });
    const plan = planLeadActivity(erasing, { ...erasing, erasing: false, status: 'contacted' }, at, 'UTC');
    expect(plan.counters).toEqual([]);
    expect(plan.feed.map((f) => f.op)).toEqual(['upsert']);
  });
});

describe('countFor', () => {
  it('adds the same counts to the agent’s and the brokerage’s day, and nothing when there is nothing to add', () => {
    const lead = leadFacts('lead-1');
    expect(countFor(lead, '2026-12-01', { waSent: 1 })).toEqual([
      { scope: 'agent-a', day: '2026-12-01', counts: { waSent: 1 } },
      { scope: team, day: '2026-12-01', counts: { waSent: 1 } },
    ]);
    expect(countFor(lead, '2026-12-01', {})).toEqual([]);
  });
});
