import { describe, expect, it } from 'vitest';
import { WaitTooLongError } from '../../../../lambdas/domain/workflow/errors';
import {
  assertWaitFits,
  maxWaitSeconds,
  waitTaskTimeoutSeconds,
  wakeMarginSeconds,
} from '../../../../lambdas/domain/workflow/wait-timeout';

/** Node's timers (which run the wait task's timeout locally) overflow past 2^31 - 1 ms. */
const LONGEST_NODE_TIMER_MS = 2 ** 31 - 1;
const now = new Date('2026-12-02T08:00:00.000Z');
const inSeconds = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('wait timeout', () => {
  it('lets a single wait last three weeks', () => {
    expect(maxWaitSeconds).toBe(21 * 24 * 60 * 60);
  });

  it('times the wait task out an hour after the longest wait, still within what a Node timer can hold', () => {
    expect(wakeMarginSeconds).toBe(60 * 60);
    expect(waitTaskTimeoutSeconds).toBe(maxWaitSeconds + wakeMarginSeconds);
    expect(waitTaskTimeoutSeconds * 1000).toBeLessThanOrEqual(LONGEST_NODE_TIMER_MS);
  });
});

describe('assertWaitFits', () => {
  it('lets a step due now, in the past or exactly at the longest wait through', () => {
    expect(() => assertWaitFits(now, now)).not.toThrow();
    expect(() => assertWaitFits(inSeconds(-3_600), now)).not.toThrow();
    expect(() => assertWaitFits(inSeconds(maxWaitSeconds), now)).not.toThrow();
  });

  it('refuses a step due even a millisecond beyond the longest wait, saying how far off it is', () => {
    const justBeyond = new Date(inSeconds(maxWaitSeconds).getTime() + 1);

    expect(() => assertWaitFits(justBeyond, now)).toThrow(WaitTooLongError);
    expect(() => assertWaitFits(justBeyond, now)).toThrow(
      `A step due in ${maxWaitSeconds + 1} s is further away than the ${maxWaitSeconds} s a single wait may last`,
    );
  });
});
