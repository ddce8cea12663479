import type { LeadFacts, OpenLeadBucket, OpenLeadMark, OpenLeadMove } from '../../ports/activity-store';

/** The count a lead belongs in: its agent and temperature while it is worked; none once closed or erased. */
export const openBucketOf = (lead: LeadFacts | undefined): OpenLeadBucket | undefined =>
  lead && !lead.erasing && lead.status !== 'converted' && lead.status !== 'lost'
    ? { agentId: lead.agentId, temperature: lead.temperature }
    : undefined;

export const sameBucket = (a: OpenLeadBucket | undefined, b: OpenLeadBucket | undefined) =>
  a?.agentId === b?.agentId && a?.temperature === b?.temperature;

/**
 * Whether a lead's change may move it between counts: a new lead, or one whose bucket differs before
 * and after. A change that keeps the bucket (a note, a rescore within its temperature) reads nothing.
 */
export const mayMoveBucket = (before: LeadFacts | undefined, after: LeadFacts | undefined): boolean =>
  before === undefined ? after !== undefined : !sameBucket(openBucketOf(before), openBucketOf(after));

/**
 * The move that makes the lead counted as `lead` says, from where its mark says it is counted now;
 * nothing when it is already there. Counting from the mark rather than from the change's "before"
 * makes a lead counted once whoever got to it first: the consumer or the recount of older leads.
 */
export const openLeadMove = (
  leadId: string,
  brokerageId: string,
  mark: OpenLeadMark,
  to: OpenLeadBucket | undefined,
): OpenLeadMove | undefined =>
  sameBucket(mark.bucket, to)
    ? undefined
    : {
        leadId,
        brokerageId,
        ...(mark.bucket && { from: mark.bucket }),
        ...(to && { to }),
        revision: mark.revision,
      };
