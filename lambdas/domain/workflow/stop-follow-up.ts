import type { Clock } from '../../ports/clock';
import type { FollowUpRunRepository } from '../../ports/follow-up-runs';
import type { WakeNowResult, WakeScheduler } from '../../ports/wake-scheduler';

export interface StopFollowUpDeps {
  runs: Pick<FollowUpRunRepository, 'stop' | 'get'>;
  wakes: Pick<WakeScheduler, 'cancelWake' | 'wakeNow'>;
  clock: Clock;
}

export interface StopFollowUpResult {
  /** False when the run had already ended (or an earlier attempt stopped it). */
  stopped: boolean;
  /** What waking the execution did; undefined when it was not waiting on a wake. */
  woke?: WakeNowResult;
}

/**
 * Stops a run at once (a reply, an opt-out, a closed outcome):
 * 1. mark it stopped, so no later step runs (the send's conditional write checks it);
 * 2. delete its pending schedule;
 * 3. wake the waiting execution with the reason, so it finishes now instead of at the due time.
 * A stale token means the execution is between waits; it sees the stopped run at its next step.
 */
export const stopFollowUp = async (
  enrollmentId: string,
  reason: string,
  deps: StopFollowUpDeps,
): Promise<StopFollowUpResult> => {
  const stopped = await deps.runs.stop(enrollmentId, reason, deps.clock.now());
  const run = await deps.runs.get(enrollmentId);
  // A retried stop (the run already stopped) still wakes: the first attempt may have failed there.
  if (run?.status !== 'stopped' || !run.pendingWake) return { stopped };
  await deps.wakes.cancelWake(run.pendingWake.name);
  const woke = await deps.wakes.wakeNow(run.pendingWake.taskToken, { reason: 'stop', stopReason: reason });
  return { stopped, woke };
};
