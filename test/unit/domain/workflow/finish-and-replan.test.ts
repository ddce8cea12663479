import { describe, expect, it } from 'vitest';
import { finishEnrolment } from '../../../../lambdas/domain/workflow/finish-enrolment';
import { wakeToReplan } from '../../../../lambdas/domain/workflow/wake-to-replan';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { FollowUpRun } from '../../../../lambdas/ports/follow-up-runs';
import type { WakeNowResult } from '../../../../lambdas/ports/wake-scheduler';
import type { WakeOutput } from '../../../../schemas/workflow';
import { createInMemoryFollowUpRuns } from '../../../helpers/in-memory-follow-ups';

const STARTED = '2026-12-01T08:00:00.000Z';
const NOW = '2026-12-02T08:00:00.000Z';
const wake = { name: 'enr-1-1', taskToken: 'token-b', stepIndex: 1 };

const setup = async (run: Partial<FollowUpRun> = {}) => {
  const runs = createInMemoryFollowUpRuns();
  await runs.create(
    { enrollmentId: 'enr-1', steps: [{ dueAt: '2026-12-03T14:30:00.000Z', timeZone: 'UTC' }] },
    new Date(STARTED),
  );
  Object.assign(runs.runs.get('enr-1') as FollowUpRun, run);
  return { runs, clock: fixedClock(NOW) };
};

/** A scheduler that keeps its schedules and says whether a token still has a waiting execution. */
const scheduler = (schedules: string[], answer: WakeNowResult = 'woken') => {
  const woken: { token: string; output: WakeOutput }[] = [];
  return {
    woken,
    schedules,
    wakes: {
      cancelWake: async (name: string) => {
        const at = schedules.indexOf(name);
        if (at < 0) return 'not_found' as const;
        schedules.splice(at, 1);
        return 'cancelled' as const;
      },
      wakeNow: async (token: string, output: WakeOutput) => {
        woken.push({ token, output });
        return answer;
      },
    },
  };
};

describe('finishEnrolment', () => {
  it('finishes a run that ran out of steps', async () => {
    const { runs, clock } = await setup({ stepsRun: [0] });

    await expect(finishEnrolment({ enrollmentId: 'enr-1' }, { runs, clock })).resolves.toEqual({
      status: 'finished',
    });
    expect(runs.runs.get('enr-1')).toMatchObject({ status: 'finished', updatedAt: NOW });
  });

  it('records the stop and its reason when a stop woke the run', async () => {
    const { runs, clock } = await setup();

    const ended = await finishEnrolment(
      { enrollmentId: 'enr-1', wake: { reason: 'stop', stopReason: 'replied' } },
      { runs, clock },
    );

    expect(ended).toEqual({ status: 'stopped', stopReason: 'replied' });
    expect(runs.runs.get('enr-1')).toMatchObject({
      status: 'stopped',
      stopReason: 'replied',
      updatedAt: NOW,
    });
  });

  it('finishes a run a due or replan wake ended, with no stop reason', async () => {
    const { runs, clock } = await setup();

    const ended = await finishEnrolment(
      { enrollmentId: 'enr-1', wake: { reason: 'due', stepIndex: 0 } },
      { runs, clock },
    );

    expect(ended).toEqual({ status: 'finished' });
  });

  it('keeps the first reason of a run stopped earlier', async () => {
    const { runs, clock } = await setup({ status: 'stopped', stopReason: 'opted_out' });

    const ended = await finishEnrolment(
      { enrollmentId: 'enr-1', wake: { reason: 'stop', stopReason: 'closed' } },
      { runs, clock },
    );

    expect(ended).toEqual({ status: 'stopped', stopReason: 'opted_out' });
    expect(runs.runs.get('enr-1')?.stopReason).toBe('opted_out');
  });

  it('says how a failed run ended', async () => {
    const { runs, clock } = await setup({ status: 'failed' });

    await expect(finishEnrolment({ enrollmentId: 'enr-1' }, { runs, clock })).resolves.toEqual({
      status: 'failed',
    });
  });

  it('answers finished for a run no longer kept (its lead was erased)', async () => {
    const { runs, clock } = await setup();

    await expect(finishEnrolment({ enrollmentId: 'enr-gone' }, { runs, clock })).resolves.toEqual({
      status: 'finished',
    });
  });
});

describe('wakeToReplan', () => {
  it('deletes the pending schedule and wakes the execution to plan again', async () => {
    const { runs } = await setup({ status: 'paused', pendingWake: wake });
    const { wakes, woken, schedules } = scheduler(['enr-1-1', 'enr-2-0']);

    await expect(wakeToReplan('enr-1', { runs, wakes })).resolves.toBe('woken');

    expect(schedules).toEqual(['enr-2-0']);
    expect(woken).toEqual([{ token: 'token-b', output: { reason: 'replan' } }]);
  });

  it('says so when the execution is between waits (a stale token)', async () => {
    const { runs } = await setup({ pendingWake: wake });
    const { wakes } = scheduler(['enr-1-1'], 'stale_token');

    await expect(wakeToReplan('enr-1', { runs, wakes })).resolves.toBe('stale_token');
  });

  it('does nothing for a run not waiting on a wake, or no run at all', async () => {
    const { runs } = await setup();
    const { wakes, woken, schedules } = scheduler(['enr-1-1']);

    await expect(wakeToReplan('enr-1', { runs, wakes })).resolves.toBeUndefined();
    await expect(wakeToReplan('enr-gone', { runs, wakes })).resolves.toBeUndefined();

    expect(schedules).toEqual(['enr-1-1']);
    expect(woken).toEqual([]);
  });
});
