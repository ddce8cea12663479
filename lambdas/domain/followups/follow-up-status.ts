import type { FollowUp } from '../../../schemas/api/follow-ups';
import type { FollowUpRunRepository } from '../../ports/follow-up-runs';
import type { Actor } from '../actor';
import { NotFoundError } from '../errors';
import type { LeadDeps } from '../leads/deps';
import { loadLeadFor } from '../leads/load-lead';
import { followUpView } from './follow-up-view';

export interface FollowUpStatusDeps extends Pick<LeadDeps, 'leads'> {
  runs: Pick<FollowUpRunRepository, 'latestForLead'>;
}

/**
 * Where a lead's follow-up stands: its newest enrolment, the step it waits on and when that goes
 * out (UTC and the lead's wall time), and each step's result so far.
 * 1. the agent's own lead, else 404; 2. its newest enrolment, else 404.
 */
export const followUpStatus = async (
  actor: Actor,
  leadId: string,
  deps: FollowUpStatusDeps,
): Promise<FollowUp> => {
  const lead = await loadLeadFor(actor, leadId, deps);
  const run = await deps.runs.latestForLead(lead.leadId);
  if (!run) throw new NotFoundError('Follow-up');
  return followUpView(run);
};
