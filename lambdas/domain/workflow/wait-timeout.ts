import { WaitTooLongError } from './errors';

/** How long after its due time a wait may still be woken before the execution calls it lost. */
export const wakeMarginSeconds = 3_600;

/**
 * The longest single wait: 21 days. Timers on Node (the local runner's task timeout) overflow past
 * ~24.8 days; a sequence with a longer gap plans an intermediate step instead.
 */
export const maxWaitSeconds = 21 * 24 * 3_600;

/** The wait task's timeout for a step due at `dueAt`: the time until then plus the margin. */
export const waitTimeoutSeconds = (dueAt: Date, now: Date): number => {
  const untilDue = Math.max(0, Math.ceil((dueAt.getTime() - now.getTime()) / 1000));
  if (untilDue > maxWaitSeconds) {
    throw new WaitTooLongError(
      `A step due in ${untilDue} s is further away than the ${maxWaitSeconds} s a single wait may last`,
    );
  }
  return untilDue + wakeMarginSeconds;
};
