import type { SendStepResult } from '../../../schemas/workflow';
import type { FollowUpRun, FollowUpRunRepository } from '../../ports/follow-up-runs';
import { formatLocal } from './wall-clock';

/** How long a step waits after a passing channel error, per attempt, and how many attempts it gets. */
export const RETRY_AFTER_MS = 5 * 60_000;
export const MAX_SEND_ATTEMPTS = 3;

export interface PutOffStepDeps {
  runs: Pick<FollowUpRunRepository, 'rescheduleStep'>;
}

/**
 * Moves a step that did not go out to `until` and lets the workflow wait again (planning picks the
 * first step not run, at its stored time). `retry` also gives back the step's claim: nothing went out.
 * Skipped when the run stopped or the step ran meanwhile.
 */
export const putOffStep = async (
  run: FollowUpRun,
  stepIndex: number,
  until: Date,
  at: Date,
  deps: PutOffStepDeps,
  retry?: { sendAttempts: number },
): Promise<SendStepResult> => {
  const timeZone = run.steps[stepIndex]?.timeZone ?? 'UTC';
  const moved = await deps.runs.rescheduleStep(
    run.enrollmentId,
    stepIndex,
    {
      dueAt: until.toISOString(),
      leadLocalTime: formatLocal(timeZone, until.getTime()),
      ...(retry && { sendAttempts: retry.sendAttempts, releaseClaim: true }),
    },
    at,
  );
  return moved
    ? { stepIndex, outcome: 'rescheduled' }
    : { stepIndex, outcome: 'skipped', reason: 'not_running' };
};
