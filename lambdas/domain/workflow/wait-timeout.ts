import { WaitTooLongError } from './errors';

/** How long after the longest wait a wake may still arrive before the execution calls it lost. */
export const wakeMarginSeconds = 3_600;

/**
 * The longest single wait: 21 days. The wait task's timeout is this plus the margin (Node timers,
 * which run the task timeout locally, overflow past ~24.8 days); a sequence with a longer gap plans
 * an intermediate step instead.
 */
export const maxWaitSeconds = 21 * 24 * 3_600;

/** The wait task's `TimeoutSeconds`: a wait no wake ends (a long pause, a lost wake) is planned again. */
export const waitTaskTimeoutSeconds = maxWaitSeconds + wakeMarginSeconds;

/** Refuses a step due further away than a single wait may last. */
export const assertWaitFits = (dueAt: Date, now: Date): void => {
  const untilDue = Math.ceil((dueAt.getTime() - now.getTime()) / 1000);
  if (untilDue > maxWaitSeconds) {
    throw new WaitTooLongError(
      `A step due in ${untilDue} s is further away than the ${maxWaitSeconds} s a single wait may last`,
    );
  }
};
