import type { FollowUp } from '../../../schemas/api/follow-ups';
import type { Clock } from '../../ports/clock';
import { type FollowUpRunRepository, isActiveRun } from '../../ports/follow-up-runs';
import type { Actor } from '../actor';
import { ConflictError } from '../errors';
import type { LeadDeps } from '../leads/deps';
import { loadLeadFor } from '../leads/load-lead';
import { type WakeToReplanDeps, wakeToReplan } from '../workflow/wake-to-replan';
import { followUpView } from './follow-up-view';

export interface PauseLeadFollowUpDeps extends Pick<LeadDeps, 'leads'>, WakeToReplanDeps {
  runs: Pick<FollowUpRunRepository, 'listForLead' | 'pause' | 'get'>;
  clock: Clock;
}

/**
 * The agent pauses a lead's follow-up: nothing goes out until it is resumed.
 * 1. the agent's own lead (else 404) and its runs that are running or paused (none: 409);
 * 2. each running one is marked paused (the send's conditional write refuses a paused run);
 * 3. its pending schedule is deleted and its execution woken to plan again, where it waits on a
 *    long check-back instead; a paused one is woken too, in case an earlier attempt stopped short;
 * 4. answer with the newest of them as it now stands.
 */
export const pauseLeadFollowUp = async (
  actor: Actor,
  leadId: string,
  deps: PauseLeadFollowUpDeps,
): Promise<FollowUp> => {
  const lead = await loadLeadFor(actor, leadId, deps);
  const active = (await deps.runs.listForLead(lead.leadId)).filter(isActiveRun);
  const newest = active[0];
  if (!newest) throw new ConflictError('There is no running follow-up to pause', { leadId });

  const now = deps.clock.now();
  for (const run of active) {
    if (run.status === 'running') await deps.runs.pause(run.enrollmentId, now);
    await wakeToReplan(run.enrollmentId, deps);
  }
  const paused = await deps.runs.get(newest.enrollmentId);
  return followUpView({ ...(paused ?? newest), enrolment: newest.enrolment });
};
