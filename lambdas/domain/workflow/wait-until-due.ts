import type { WaitUntilDueEvent } from '../../../schemas/workflow';
import type { Clock } from '../../ports/clock';
import type { FollowUpRunRepository } from '../../ports/follow-up-runs';
import type { WakeScheduler } from '../../ports/wake-scheduler';
import { FollowUpRunNotFoundError } from './errors';

export interface WaitUntilDueDeps {
  runs: Pick<FollowUpRunRepository, 'get' | 'setPendingWake'>;
  wakes: Pick<WakeScheduler, 'scheduleWake' | 'cancelWake' | 'wakeNow'>;
  clock: Clock;
}

/** `held`: a paused run waits with no schedule, until a resume or stop wakes it (or the wait times out). */
export type WaitUntilDueOutcome = 'scheduled' | 'already_scheduled' | 'woken_now' | 'stopped' | 'held';

/** Scheduler fires with 60-second precision: a step due sooner than that is woken at once. */
const immediateWithinMs = 60_000;

/** One name per enrolment step, so a retried invocation schedules once. */
export const wakeNameFor = (enrollmentId: string, stepIndex: number): string =>
  `${enrollmentId}-${stepIndex}`;

/**
 * Arranges for the waiting execution to be woken when its step is due.
 * 1. record the wake (name and token) on the run, only while it is running or paused; an ended
 *    run is woken at once to finish;
 * 2. a wait planned before a pause or resume took effect (a due step of a paused run, the held wait
 *    of a running one) is woken at once to plan again; a paused run's wait is held with no
 *    schedule; a step already due is woken at once;
 * 3. otherwise a one-time schedule named after the step holds the token. When that name is taken by
 *    a schedule holding an earlier token (the wait task was retried with a fresh token), it is
 *    replaced, so the wake never carries a stale token.
 */
export const waitUntilDue = async (
  event: WaitUntilDueEvent,
  deps: WaitUntilDueDeps,
): Promise<WaitUntilDueOutcome> => {
  const { enrollmentId, stepIndex, taskToken } = event;
  const name = wakeNameFor(enrollmentId, stepIndex);
  const run = await deps.runs.get(enrollmentId);
  if (!run) throw new FollowUpRunNotFoundError(enrollmentId);
  const previous = run.pendingWake;
  const now = deps.clock.now();

  const recorded =
    (run.status === 'running' || run.status === 'paused') &&
    (await deps.runs.setPendingWake(enrollmentId, { name, taskToken, stepIndex }, now));
  if (!recorded) {
    const latest = await deps.runs.get(enrollmentId);
    await deps.wakes.wakeNow(taskToken, { reason: 'stop', stopReason: latest?.stopReason ?? 'not running' });
    return 'stopped';
  }
  const latest = await deps.runs.get(enrollmentId);
  const outdated = (event.wake === 'due') !== (latest?.status === 'running');
  if (outdated) {
    await deps.wakes.wakeNow(taskToken, { reason: 'replan' });
    return 'woken_now';
  }
  if (event.wake === 'replan') return 'held';

  const at = new Date(event.dueAt);
  const output = { reason: 'due' as const, stepIndex };
  if (at.getTime() - now.getTime() <= immediateWithinMs) {
    await deps.wakes.wakeNow(taskToken, output);
    return 'woken_now';
  }

  const request = { name, at, timeZone: event.timeZone, taskToken, output };
  const result = await deps.wakes.scheduleWake(request);
  if (result === 'already_scheduled' && previous?.name === name && previous.taskToken !== taskToken) {
    await deps.wakes.cancelWake(name);
    return deps.wakes.scheduleWake(request);
  }
  return result;
};
