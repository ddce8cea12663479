import { describe, expect, it } from 'vitest';
import { FollowUpRunNotFoundError, WaitTooLongError } from '../../../../lambdas/domain/workflow/errors';
import { planNextStep } from '../../../../lambdas/domain/workflow/plan-next-step';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { FollowUpRun } from '../../../../lambdas/ports/follow-up-runs';
import { createInMemoryFollowUpRuns } from '../../../helpers/in-memory-follow-ups';

const NOW = '2026-12-02T08:00:00.000Z';
const TWENTY_ONE_DAYS_MS = 21 * 86_400_000;

const setup = async (run: Partial<FollowUpRun> = {}) => {
  const runs = createInMemoryFollowUpRuns();
  await runs.create(
    {
      enrollmentId: 'enr-1',
      steps: [
        { dueAt: '2026-12-02T09:00:00+00:00', timeZone: 'America/New_York' },
        { dueAt: '2026-12-04T15:30:00.000Z', timeZone: 'Asia/Dubai' },
        { dueAt: '2026-12-09T15:30:00.000Z', timeZone: 'Asia/Dubai' },
      ],
    },
    new Date(NOW),
  );
  Object.assign(runs.runs.get('enr-1') as FollowUpRun, run);
  return { runs, deps: { runs, clock: fixedClock(NOW) } };
};

describe('planNextStep', () => {
  it('plans the first step with its due time, in UTC, and its zone', async () => {
    const { deps } = await setup();

    await expect(planNextStep('enr-1', deps)).resolves.toEqual({
      done: false,
      step: { stepIndex: 0, dueAt: '2026-12-02T09:00:00.000Z', timeZone: 'America/New_York', wake: 'due' },
    });
  });

  it('plans the first step that has not run, whatever order the others ran in', async () => {
    const { deps } = await setup({ stepsRun: [0, 2] });

    await expect(planNextStep('enr-1', deps)).resolves.toMatchObject({
      done: false,
      step: { stepIndex: 1, dueAt: '2026-12-04T15:30:00.000Z', timeZone: 'Asia/Dubai' },
    });
  });

  it('is done once every step has run', async () => {
    const { deps } = await setup({ stepsRun: [0, 1, 2] });

    await expect(planNextStep('enr-1', deps)).resolves.toEqual({ done: true });
  });

  it.each(['stopped', 'finished', 'failed'] as const)(
    'has nothing left to send for a %s run',
    async (status) => {
      const { deps } = await setup({ status });

      await expect(planNextStep('enr-1', deps)).resolves.toEqual({ done: true });
    },
  );

  it('holds a paused run’s wait for the longest wait, to be woken by a resume or a stop, never sending', async () => {
    const { deps } = await setup({ status: 'paused', stepsRun: [0] });

    await expect(planNextStep('enr-1', deps)).resolves.toEqual({
      done: false,
      step: {
        stepIndex: 1,
        dueAt: new Date(Date.parse(NOW) + TWENTY_ONE_DAYS_MS).toISOString(),
        timeZone: 'Asia/Dubai',
        wake: 'replan',
      },
    });
  });

  it('is done for a paused run whose steps have all run', async () => {
    const { deps } = await setup({ status: 'paused', stepsRun: [0, 1, 2] });

    await expect(planNextStep('enr-1', deps)).resolves.toEqual({ done: true });
  });

  it('plans a step due exactly as far off as a single wait may last, and refuses one a second further', async () => {
    const atTheLimit = new Date(Date.parse(NOW) + TWENTY_ONE_DAYS_MS).toISOString();
    const beyond = new Date(Date.parse(NOW) + TWENTY_ONE_DAYS_MS + 1000).toISOString();
    const fits = await setup({ steps: [{ dueAt: atTheLimit, timeZone: 'UTC' }] });
    const tooFar = await setup({ steps: [{ dueAt: beyond, timeZone: 'UTC' }] });

    await expect(planNextStep('enr-1', fits.deps)).resolves.toMatchObject({ step: { dueAt: atTheLimit } });
    await expect(planNextStep('enr-1', tooFar.deps)).rejects.toBeInstanceOf(WaitTooLongError);
  });

  it('fails with the enrolment named when the engine has no run for it', async () => {
    const { deps } = await setup();

    const attempt = planNextStep('enr-unknown', deps);

    await expect(attempt).rejects.toBeInstanceOf(FollowUpRunNotFoundError);
    await expect(attempt).rejects.toThrow('No follow-up run for enrolment enr-unknown');
  });
});
