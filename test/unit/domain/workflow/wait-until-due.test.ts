import { describe, expect, it } from 'vitest';
import { waitUntilDue } from '../../../../lambdas/domain/workflow/wait-until-due';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { FollowUpRun, PendingWake } from '../../../../lambdas/ports/follow-up-runs';
import type { WakeRequest } from '../../../../lambdas/ports/wake-scheduler';

/** An engine record and a scheduler that keep what they are told, with Scheduler's name conflicts. */
const world = (run: Partial<Omit<FollowUpRun, 'results'>> = {}) => {
  const state: FollowUpRun = {
    enrollmentId: 'enr-1',
    status: 'running',
    steps: [{ dueAt: '2026-12-03T14:30:00.000Z', timeZone: 'America/New_York' }],
    stepsRun: [],
    results: [],
    updatedAt: '2026-12-02T08:00:00.000Z',
    ...run,
  };
  const schedules = new Map<string, WakeRequest>();
  const wokenNow: { token: string; output: unknown }[] = [];
  const deps = {
    clock: fixedClock('2026-12-02T08:00:00.000Z'),
    runs: {
      get: async () => structuredClone(state),
      setPendingWake: async (_id: string, wake: PendingWake) => {
        if (state.status !== 'running' && state.status !== 'paused') return false;
        state.pendingWake = wake;
        return true;
      },
    },
    wakes: {
      scheduleWake: async (request: WakeRequest) => {
        if (schedules.has(request.name)) return 'already_scheduled' as const;
        schedules.set(request.name, request);
        return 'scheduled' as const;
      },
      cancelWake: async (name: string) =>
        schedules.delete(name) ? ('cancelled' as const) : ('not_found' as const),
      wakeNow: async (token: string, output: unknown) => {
        wokenNow.push({ token, output });
        return 'woken' as const;
      },
    },
  };
  return { state, schedules, wokenNow, deps };
};

const event = {
  taskToken: 'token-a',
  enrollmentId: 'enr-1',
  stepIndex: 0,
  dueAt: '2026-12-03T14:30:00.000Z',
  timeZone: 'America/New_York',
  wake: 'due' as const,
};

describe('waitUntilDue', () => {
  it('records the wake on the run and schedules it under the step name, holding the token', async () => {
    const { state, schedules, deps } = world();

    await expect(waitUntilDue(event, deps)).resolves.toBe('scheduled');

    expect(state.pendingWake).toEqual({ name: 'enr-1-0', taskToken: 'token-a', stepIndex: 0 });
    expect(schedules.get('enr-1-0')).toMatchObject({
      taskToken: 'token-a',
      at: new Date('2026-12-03T14:30:00.000Z'),
      output: { reason: 'due', stepIndex: 0 },
    });
  });

  it('schedules once when the same invocation is retried', async () => {
    const { schedules, deps } = world();
    await waitUntilDue(event, deps);

    await expect(waitUntilDue(event, deps)).resolves.toBe('already_scheduled');
    expect(schedules.get('enr-1-0')?.taskToken).toBe('token-a');
  });

  it('replaces the schedule when the wait restarted with a fresh token, so the wake is never stale', async () => {
    const { schedules, deps } = world();
    await waitUntilDue(event, deps);

    await expect(waitUntilDue({ ...event, taskToken: 'token-b' }, deps)).resolves.toBe('scheduled');
    expect(schedules.get('enr-1-0')?.taskToken).toBe('token-b');
  });

  it('wakes at once when the step is already due', async () => {
    const { schedules, wokenNow, deps } = world();

    await expect(waitUntilDue({ ...event, dueAt: '2026-12-02T08:00:30.000Z' }, deps)).resolves.toBe(
      'woken_now',
    );
    expect(wokenNow).toEqual([{ token: 'token-a', output: { reason: 'due', stepIndex: 0 } }]);
    expect(schedules.size).toBe(0);
  });

  it('wakes a stopped run at once with its stop reason instead of scheduling', async () => {
    const { schedules, wokenNow, deps } = world({ status: 'stopped', stopReason: 'lead replied' });

    await expect(waitUntilDue(event, deps)).resolves.toBe('stopped');
    expect(wokenNow).toEqual([{ token: 'token-a', output: { reason: 'stop', stopReason: 'lead replied' } }]);
    expect(schedules.size).toBe(0);
  });

  it("holds a paused run's wait with no schedule, its token recorded for the resume to wake", async () => {
    const { state, schedules, wokenNow, deps } = world({ status: 'paused' });

    await expect(waitUntilDue({ ...event, wake: 'replan' }, deps)).resolves.toBe('held');
    expect(schedules.size).toBe(0);
    expect(wokenNow).toEqual([]);
    expect(state.pendingWake).toEqual({ name: 'enr-1-0', taskToken: 'token-a', stepIndex: 0 });
  });

  it('wakes at once to plan again when the run was paused after its due step was planned', async () => {
    const { schedules, wokenNow, deps } = world({ status: 'paused' });

    await expect(waitUntilDue(event, deps)).resolves.toBe('woken_now');
    expect(wokenNow).toEqual([{ token: 'token-a', output: { reason: 'replan' } }]);
    expect(schedules.size).toBe(0);
  });

  it('wakes at once to plan again when the run was resumed while its check-back was being planned', async () => {
    const { schedules, wokenNow, deps } = world();

    await expect(waitUntilDue({ ...event, wake: 'replan' }, deps)).resolves.toBe('woken_now');
    expect(wokenNow).toEqual([{ token: 'token-a', output: { reason: 'replan' } }]);
    expect(schedules.size).toBe(0);
  });
});
