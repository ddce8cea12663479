import type { FollowUpRunRepository } from '../../ports/follow-up-runs';
import { type StopFollowUpDeps, stopFollowUp } from '../workflow/stop-follow-up';

/** Why a run of an erased lead ended, as its execution is told. */
export const leadErased = 'lead_erased';

export interface EraseLeadFollowUpsDeps extends StopFollowUpDeps {
  runs: Pick<FollowUpRunRepository, 'listForLead' | 'stop' | 'get' | 'remove'>;
}

/**
 * Removes every follow-up of a lead being erased:
 * 1. each run still running or paused is stopped (nothing more goes out) and its execution woken
 *    to end; a stopped one is woken again, in case an earlier erase stopped short;
 * 2. every run is deleted with its step results, so nothing of the lead stays in the table.
 * Repeating it after a failure part-way finishes the job: the runs left are found again.
 */
export const eraseLeadFollowUps = async (leadId: string, deps: EraseLeadFollowUpsDeps): Promise<number> => {
  const runs = await deps.runs.listForLead(leadId);
  for (const run of runs) {
    if (run.status === 'running' || run.status === 'paused' || run.status === 'stopped') {
      await stopFollowUp(run.enrollmentId, leadErased, deps);
    }
  }
  for (const run of runs) await deps.runs.remove(run.enrollmentId);
  return runs.length;
};
