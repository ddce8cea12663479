import type { FollowUp } from '../../../schemas/api/follow-ups';
import { type FollowUpRunRepository, isActiveRun } from '../../ports/follow-up-runs';
import type { Actor } from '../actor';
import { NotFoundError } from '../errors';
import type { LeadDeps } from '../leads/deps';
import { loadLeadFor } from '../leads/load-lead';
import { type StopFollowUpDeps, stopFollowUp } from '../workflow/stop-follow-up';
import { followUpView } from './follow-up-view';

export interface StopLeadFollowUpDeps extends Pick<LeadDeps, 'leads'>, StopFollowUpDeps {
  runs: Pick<FollowUpRunRepository, 'latestForLead' | 'stop' | 'get'>;
}

/** Why a run the agent stopped ended, as the run and the finish task record it. */
export const stoppedByAgent = 'stopped_by_agent';

/**
 * The agent stops a lead's follow-up:
 * 1. the agent's own lead and its newest enrolment, else 404;
 * 2. a running or paused one is stopped at once: marked stopped, its wake deleted, its execution woken;
 *    one that already ended is answered as it is (stopping twice is not an error);
 * 3. answer with the run as it now stands.
 */
export const stopLeadFollowUp = async (
  actor: Actor,
  leadId: string,
  deps: StopLeadFollowUpDeps,
): Promise<FollowUp> => {
  const lead = await loadLeadFor(actor, leadId, deps);
  const run = await deps.runs.latestForLead(lead.leadId);
  if (!run) throw new NotFoundError('Follow-up');
  if (!isActiveRun(run)) return followUpView(run);

  await stopFollowUp(run.enrollmentId, stoppedByAgent, deps);
  const stopped = await deps.runs.get(run.enrollmentId);
  return followUpView({ ...(stopped ?? run), enrolment: run.enrolment });
};
