import type { FollowUpRunRepository } from '../../ports/follow-up-runs';
import type { WakeNowResult, WakeScheduler } from '../../ports/wake-scheduler';

export interface WakeToReplanDeps {
  runs: Pick<FollowUpRunRepository, 'get'>;
  wakes: Pick<WakeScheduler, 'cancelWake' | 'wakeNow'>;
}

/**
 * After a pause or a resume: deletes the run's pending schedule and wakes its execution to plan
 * again, so a paused run never sends on the old schedule and a resumed one waits on its new time.
 * A stale token means the execution is between waits; it reads the run's new status when it plans.
 */
export const wakeToReplan = async (
  enrollmentId: string,
  deps: WakeToReplanDeps,
): Promise<WakeNowResult | undefined> => {
  const run = await deps.runs.get(enrollmentId);
  if (!run?.pendingWake) return undefined;
  await deps.wakes.cancelWake(run.pendingWake.name);
  return deps.wakes.wakeNow(run.pendingWake.taskToken, { reason: 'replan' });
};
