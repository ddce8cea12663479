import type { PlanResult } from '../../../schemas/workflow';
import type { Clock } from '../../ports/clock';
import type { FollowUpRunRepository } from '../../ports/follow-up-runs';
import { FollowUpRunNotFoundError } from './errors';
import { assertWaitFits, maxWaitSeconds } from './wait-timeout';

export interface PlanNextStepDeps {
  runs: Pick<FollowUpRunRepository, 'get'>;
  clock: Clock;
}

/**
 * Plans an enrolment's next step: the first step that has not run, with its due time.
 * 1. a run that has ended has nothing left to send;
 * 2. otherwise the first step not yet run is next, due when its record says; a paused run instead
 *    holds its wait (a resume or stop wakes it; a wait that times out plans again), never sending;
 * 3. no such step: the run is done.
 * The follow-up domain replaces this body (sequence steps, conditions, quiet hours).
 */
export const planNextStep = async (enrollmentId: string, deps: PlanNextStepDeps): Promise<PlanResult> => {
  const run = await deps.runs.get(enrollmentId);
  if (!run) throw new FollowUpRunNotFoundError(enrollmentId);
  if (run.status !== 'running' && run.status !== 'paused') return { done: true };

  const stepIndex = run.steps.findIndex((_step, index) => !run.stepsRun.includes(index));
  const step = run.steps[stepIndex];
  if (!step) return { done: true };

  const now = deps.clock.now();
  if (run.status === 'paused') {
    const heldUntil = new Date(now.getTime() + maxWaitSeconds * 1000);
    return {
      done: false,
      step: { stepIndex, dueAt: heldUntil.toISOString(), timeZone: step.timeZone, wake: 'replan' },
    };
  }
  const dueAt = new Date(step.dueAt);
  assertWaitFits(dueAt, now);
  return {
    done: false,
    step: { stepIndex, dueAt: dueAt.toISOString(), timeZone: step.timeZone, wake: 'due' },
  };
};
