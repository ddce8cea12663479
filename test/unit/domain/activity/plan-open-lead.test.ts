import { describe, expect, it } from 'vitest';
import {
  mayMoveBucket,
  openBucketOf,
  openLeadMove,
  sameBucket,
} from '../../../../lambdas/domain/activity/plan-open-lead';
import { brokerageId, leadFacts } from './open-lead-world';

const warmA = { agentId: 'agent-a', temperature: 'warm' as const };
const hotA = { agentId: 'agent-a', temperature: 'hot' as const };
const warmB = { agentId: 'agent-b', temperature: 'warm' as const };

describe('openBucketOf', () => {
  it('counts a lead being worked in its agent’s temperature, at every status short of closed', () => {
    for (const status of ['new', 'contacted', 'qualified', 'viewing', 'negotiating'] as const)
      expect(openBucketOf(leadFacts('lead-1', { status }))).toEqual(warmA);
  });

  it('counts no converted, lost, erasing or absent lead', () => {
    expect(openBucketOf(leadFacts('lead-1', { status: 'converted' }))).toBeUndefined();
    expect(openBucketOf(leadFacts('lead-1', { status: 'lost' }))).toBeUndefined();
    expect(openBucketOf(leadFacts('lead-1', { erasing: true }))).toBeUndefined();
    expect(openBucketOf(undefined)).toBeUndefined();
  });
});

describe('sameBucket', () => {
  it('tells buckets apart by agent and by temperature; two absent buckets are the same', () => {
    expect(sameBucket(warmA, { ...warmA })).toBe(true);
    expect(sameBucket(warmA, hotA)).toBe(false);
    expect(sameBucket(warmA, warmB)).toBe(false);
    expect(sameBucket(undefined, undefined)).toBe(true);
    expect(sameBucket(warmA, undefined)).toBe(false);
  });
});

describe('mayMoveBucket', () => {
  const lead = leadFacts('lead-1');

  it('reads the mark for a new lead, a temperature change, a reassignment, a close and an erase', () => {
    expect(mayMoveBucket(undefined, lead)).toBe(true);
    // Even one created closed: its mark says whether a recount counted it meanwhile.
    expect(mayMoveBucket(undefined, { ...lead, status: 'converted' })).toBe(true);
    expect(mayMoveBucket(lead, { ...lead, temperature: 'cold' })).toBe(true);
    expect(mayMoveBucket(lead, { ...lead, agentId: 'agent-b' })).toBe(true);
    expect(mayMoveBucket(lead, { ...lead, status: 'converted' })).toBe(true);
    expect(mayMoveBucket(lead, { ...lead, erasing: true })).toBe(true);
    expect(mayMoveBucket(lead, undefined)).toBe(true);
  });

  it('reads nothing for a change that keeps the bucket, or a closed lead that stays closed', () => {
    expect(mayMoveBucket(lead, { ...lead, score: 70, status: 'contacted' })).toBe(false);
    const lost = { ...lead, status: 'lost' as const };
    expect(mayMoveBucket(lost, { ...lost, temperature: 'hot' })).toBe(false);
    expect(mayMoveBucket(undefined, undefined)).toBe(false);
  });
});

describe('openLeadMove', () => {
  it('moves a lead with no mark into its bucket, on condition of the mark’s revision', () => {
    expect(openLeadMove('lead-1', brokerageId, { revision: 0 }, warmA)).toEqual({
      leadId: 'lead-1',
      brokerageId,
      to: warmA,
      revision: 0,
    });
  });

  it('moves a counted lead from where its mark says to where it belongs', () => {
    expect(openLeadMove('lead-1', brokerageId, { bucket: warmA, revision: 4 }, warmB)).toEqual({
      leadId: 'lead-1',
      brokerageId,
      from: warmA,
      to: warmB,
      revision: 4,
    });
  });

  it('takes a counted lead out when it belongs nowhere', () => {
    expect(openLeadMove('lead-1', brokerageId, { bucket: hotA, revision: 2 }, undefined)).toEqual({
      leadId: 'lead-1',
      brokerageId,
      from: hotA,
      revision: 2,
    });
  });

  it('moves nothing when the lead is already where it belongs, or belongs nowhere and is not counted', () => {
    expect(openLeadMove('lead-1', brokerageId, { bucket: warmA, revision: 3 }, { ...warmA })).toBeUndefined();
    expect(openLeadMove('lead-1', brokerageId, { revision: 0 }, undefined)).toBeUndefined();
  });
});
