import type { FollowUp } from '../../../schemas/api/follow-ups';
import { type FollowUpRunRepository, isActiveRun } from '../../ports/follow-up-runs';
import type { Actor } from '../actor';
import { ensureProfile } from '../agents/ensure-profile';
import { ConflictError } from '../errors';
import type { LeadDeps } from '../leads/deps';
import { loadLeadFor } from '../leads/load-lead';
import { type WakeToReplanDeps, wakeToReplan } from '../workflow/wake-to-replan';
import { followUpTimingFor } from './follow-up-context';
import { followUpView } from './follow-up-view';
import { replanRemainingSteps } from './replan-remaining-steps';

export interface ResumeLeadFollowUpDeps
  extends Pick<LeadDeps, 'leads' | 'agents' | 'clock' | 'profileDefaults'>,
    WakeToReplanDeps {
  runs: Pick<FollowUpRunRepository, 'listForLead' | 'resume' | 'get'>;
}

/**
 * The agent resumes a paused follow-up:
 * 1. the agent's own lead (else 404) and its runs that are paused or running (none: 409);
 * 2. each paused one gets its remaining steps planned again from now (same spacing, quiet hours
 *    in the lead's zone) and is marked running;
 * 3. its check-back is deleted and its execution woken to plan the next step; a running one is
 *    woken too, so a resume repeated after a failure part-way completes it;
 * 4. answer with the newest of them as it now stands.
 */
export const resumeLeadFollowUp = async (
  actor: Actor,
  leadId: string,
  deps: ResumeLeadFollowUpDeps,
): Promise<FollowUp> => {
  const lead = await loadLeadFor(actor, leadId, deps);
  const active = (await deps.runs.listForLead(lead.leadId)).filter(isActiveRun);
  const newest = active[0];
  if (!newest) throw new ConflictError('There is no paused follow-up to resume', { leadId });

  // The lead's own agent's hours, also when a brokerage admin resumes it.
  const agent =
    (lead.agentId !== actor.agentId && (await deps.agents.get(lead.agentId))) ||
    (await ensureProfile(actor, deps));
  const timing = followUpTimingFor(lead, agent);
  const now = deps.clock.now();
  for (const run of active) {
    if (run.status === 'paused') {
      await deps.runs.resume(run.enrollmentId, replanRemainingSteps(run, timing, now), now);
    }
    await wakeToReplan(run.enrollmentId, deps);
  }
  const resumed = await deps.runs.get(newest.enrollmentId);
  return followUpView({ ...(resumed ?? newest), enrolment: newest.enrolment });
};
