import { describe, expect, it } from 'vitest';
import { markEnrolmentFailed } from '../../../../lambdas/domain/workflow/mark-enrolment-failed';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { createInMemoryFollowUpRuns } from '../../../helpers/in-memory-follow-ups';

const STARTED = '2026-12-01T08:00:00.000Z';
const NOW = '2026-12-02T08:00:00.000Z';

const setup = async () => {
  const runs = createInMemoryFollowUpRuns();
  await runs.create(
    { enrollmentId: 'enr-1', steps: [{ dueAt: '2026-12-03T14:30:00.000Z', timeZone: 'UTC' }] },
    new Date(STARTED),
  );
  return { runs, clock: fixedClock(NOW) };
};

describe('markEnrolmentFailed', () => {
  it("marks the run failed with Step Functions' error and cause, so its status says why", async () => {
    const deps = await setup();

    const marked = await markEnrolmentFailed(
      { enrollmentId: 'enr-1', error: 'States.TaskFailed', cause: 'Send step timed out' },
      deps,
    );

    expect(marked).toEqual({ marked: true });
    expect(deps.runs.runs.get('enr-1')).toMatchObject({
      status: 'failed',
      failure: { error: 'States.TaskFailed', cause: 'Send step timed out' },
      updatedAt: NOW,
    });
  });

  it('keeps the first thousand characters of a long cause, and no cause when none came', async () => {
    const deps = await setup();
    await deps.runs.create({ enrollmentId: 'enr-2', steps: [] }, new Date(STARTED));

    await markEnrolmentFailed(
      { enrollmentId: 'enr-1', error: 'Lambda.Unknown', cause: 'x'.repeat(1_500) },
      deps,
    );
    await markEnrolmentFailed({ enrollmentId: 'enr-2', error: 'States.Timeout' }, deps);

    expect(deps.runs.runs.get('enr-1')?.failure).toEqual({
      error: 'Lambda.Unknown',
      cause: 'x'.repeat(1_000),
    });
    expect(deps.runs.runs.get('enr-2')?.failure).toEqual({ error: 'States.Timeout' });
  });

  it('answers not marked for a run that is not there', async () => {
    const deps = await setup();

    const marked = await markEnrolmentFailed({ enrollmentId: 'enr-gone', error: 'States.TaskFailed' }, deps);

    expect(marked).toEqual({ marked: false });
  });
});
