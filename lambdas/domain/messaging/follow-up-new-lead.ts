import type { NewLeadEnrolment } from '../followups/enrol-new-lead';
import type { IntakeDeps } from './deps';

/** What became of a new lead's automatic follow-up, as a webhook outcome reports it. */
export type NewLeadFollowUp = NewLeadEnrolment['result'] | 'failed';

/**
 * Enrols a lead this delivery created in its follow-up, after it was scored. A failure never costs
 * the lead or the delivery: it is counted (an alarm) and reported, and the agent can enrol by hand.
 */
export const followUpNewLead = async (
  leadId: string,
  deps: Pick<IntakeDeps, 'enrolNewLead' | 'onEnrolError' | 'metrics'>,
): Promise<NewLeadFollowUp | undefined> => {
  if (!deps.enrolNewLead) return undefined;
  try {
    return (await deps.enrolNewLead(leadId)).result;
  } catch (error) {
    deps.metrics.count('FollowUpAutoEnrolFailed');
    deps.onEnrolError?.(error, leadId);
    return 'failed';
  }
};
