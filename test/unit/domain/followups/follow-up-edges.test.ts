import { describe, expect, it } from 'vitest';
import { outcomeOfChannelError } from '../../../../lambdas/domain/followups/follow-up-send';
import { followUpView } from '../../../../lambdas/domain/followups/follow-up-view';
import { putOffStep } from '../../../../lambdas/domain/followups/put-off-step';
import {
  ChannelUnavailableError,
  InvalidRecipientError,
  MessagingRejectedError,
  RateLimitedError,
  WindowClosedError,
} from '../../../../lambdas/domain/messaging/messaging-errors';
import type {
  FollowUpEnrolment,
  FollowUpRun,
  StepReschedule,
} from '../../../../lambdas/ports/follow-up-runs';
import { sequenceStepSchema } from '../../../../schemas/api/sequences';

describe('outcomeOfChannelError', () => {
  it('fails the step for a number that cannot receive or a closed window, naming why', () => {
    expect(outcomeOfChannelError(new InvalidRecipientError(131026), 'whatsapp')).toEqual({
      kind: 'result',
      result: { status: 'failed', channel: 'whatsapp', reason: 'undeliverable' },
    });
    expect(outcomeOfChannelError(new WindowClosedError(), 'whatsapp')).toMatchObject({
      result: { reason: 'window_closed' },
    });
  });

  it('tries again after throttling or an outage where nothing went out', () => {
    expect(outcomeOfChannelError(new RateLimitedError(130429, 60), 'whatsapp')).toEqual({
      kind: 'retry',
      error: 'RateLimitedError',
    });
    expect(outcomeOfChannelError(new ChannelUnavailableError(30), 'email')).toEqual({
      kind: 'retry',
      error: 'ChannelUnavailableError',
    });
  });

  it('never sends twice after a timeout that may have gone out, nor after another refusal', () => {
    expect(outcomeOfChannelError(new ChannelUnavailableError(30, true), 'email')).toEqual({
      kind: 'result',
      result: { status: 'failed', channel: 'email', reason: 'channel_error' },
    });
    expect(
      outcomeOfChannelError(new MessagingRejectedError(100, 'Invalid parameter'), 'whatsapp'),
    ).toMatchObject({
      result: { status: 'failed', reason: 'channel_error' },
    });
  });

  it('rethrows what is no channel error at all', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'wamid')");

    expect(() => outcomeOfChannelError(bug, 'whatsapp')).toThrow(bug);
  });
});

const enrolment: FollowUpEnrolment = {
  leadId: 'lead-1',
  agentId: 'agent-1',
  enrolledAt: '2026-03-02T15:00:00.000Z',
  sequence: {
    sequenceId: 'seq-1',
    version: 2,
    name: 'Two touches',
    temperature: 'custom',
    steps: [
      { channel: 'whatsapp', delay: { minutes: 0 }, message: { template: 'Hi' } },
      { channel: 'call', delay: { minutes: 60 }, message: { template: 'Call' } },
      { channel: 'email', delay: { minutes: 120 }, subject: 'The flat', message: { template: 'Hello' } },
    ].map((step) => sequenceStepSchema.parse(step)),
  },
};
const run = (overrides: Partial<FollowUpRun> = {}): FollowUpRun & { enrolment: FollowUpEnrolment } => ({
  enrollmentId: 'run-1',
  enrolment,
  status: 'running',
  steps: [
    { dueAt: '2026-03-02T15:00:00.000Z', timeZone: 'Europe/Madrid', channel: 'whatsapp' },
    { dueAt: '2026-03-02T16:00:00.000Z', timeZone: 'Europe/Madrid' },
    {
      dueAt: '2026-03-02T17:00:00.000Z',
      timeZone: 'Europe/Madrid',
      leadLocalTime: '2026-03-02T18:00:00+01:00',
    },
  ],
  stepsRun: [],
  results: [],
  updatedAt: '2026-03-02T15:00:00.000Z',
  ...overrides,
});

describe('followUpView', () => {
  it('shows each step result: what ran with its details, what is under way and what waits', () => {
    const view = followUpView(
      run({
        stepsRun: [0, 1],
        results: [
          {
            stepIndex: 0,
            status: 'skipped',
            channel: 'whatsapp',
            reason: 'condition_not_met',
            condition: 'whatsapp_read',
            ranAt: '2026-03-02T15:00:00.000Z',
            updatedAt: '2026-03-02T15:00:00.000Z',
          },
        ],
      }),
    );

    expect(view.steps).toEqual([
      {
        stepIndex: 0,
        channel: 'whatsapp',
        dueAt: '2026-03-02T15:00:00.000Z',
        dueAtLeadLocal: '2026-03-02T15:00:00.000Z',
        result: 'skipped',
        reason: 'condition_not_met',
        condition: 'whatsapp_read',
        channelUsed: 'whatsapp',
        ranAt: '2026-03-02T15:00:00.000Z',
      },
      // The channel from the sequence when the run's step does not say it.
      {
        stepIndex: 1,
        channel: 'call',
        dueAt: '2026-03-02T16:00:00.000Z',
        dueAtLeadLocal: '2026-03-02T16:00:00.000Z',
        result: 'sending',
      },
      {
        stepIndex: 2,
        channel: 'email',
        dueAt: '2026-03-02T17:00:00.000Z',
        dueAtLeadLocal: '2026-03-02T18:00:00+01:00',
        result: 'pending',
      },
    ]);
    expect(view).toMatchObject({
      leadTimeZone: 'Europe/Madrid',
      currentStepIndex: 2,
      nextSendAt: '2026-03-02T17:00:00.000Z',
      nextSendAtLeadLocal: '2026-03-02T18:00:00+01:00',
      sequence: { sequenceId: 'seq-1', version: 2, name: 'Two touches' },
    });
  });

  it('shows the task a call step created and how a message went out', () => {
    const view = followUpView(
      run({
        stepsRun: [0, 1],
        results: [
          { stepIndex: 0, status: 'read', channel: 'whatsapp', via: 'template', ranAt: 'a', updatedAt: 'b' },
          {
            stepIndex: 1,
            status: 'task_created',
            channel: 'call',
            taskId: 'task-9',
            ranAt: 'c',
            updatedAt: 'c',
          },
        ],
      }),
    );

    expect(view.steps[0]).toMatchObject({ result: 'read', via: 'template' });
    expect(view.steps[1]).toMatchObject({ result: 'task_created', taskId: 'task-9', channelUsed: 'call' });
    expect(view.nextSendAtLeadLocal).toBe('2026-03-02T18:00:00+01:00');
  });

  it('gives the due time as the wall time of the next step when its local time is unknown', () => {
    expect(followUpView(run({ stepsRun: [0] }))).toMatchObject({
      currentStepIndex: 1,
      nextSendAt: '2026-03-02T16:00:00.000Z',
      nextSendAtLeadLocal: '2026-03-02T16:00:00.000Z',
    });
  });

  it('shows no current step once a run ended, and no send time while paused', () => {
    const finished = followUpView(run({ status: 'finished', stepsRun: [0, 1, 2] }));
    const stopped = followUpView(run({ status: 'stopped', stopReason: 'replied' }));
    const paused = followUpView(run({ status: 'paused', pausedAt: '2026-03-02T15:30:00.000Z' }));

    expect(finished.currentStepIndex).toBeUndefined();
    expect(stopped).toMatchObject({ stopReason: 'replied' });
    expect(stopped.currentStepIndex).toBeUndefined();
    expect(paused).toMatchObject({ currentStepIndex: 0, pausedAt: '2026-03-02T15:30:00.000Z' });
    expect(paused.nextSendAt).toBeUndefined();
  });

  it('reads a run with no steps as in UTC, and a step of unknown channel as WhatsApp', () => {
    expect(followUpView(run({ steps: [] })).leadTimeZone).toBe('UTC');
    const extra = followUpView(
      run({ steps: [...run().steps, { dueAt: '2026-03-03T15:00:00.000Z', timeZone: 'Europe/Madrid' }] }),
    );
    expect(extra.steps[3]?.channel).toBe('whatsapp');
  });
});

describe('putOffStep', () => {
  const moves: { stepIndex: number; change: StepReschedule }[] = [];
  const runs = (accepts: boolean) => ({
    rescheduleStep: async (_id: string, stepIndex: number, change: StepReschedule) => {
      moves.push({ stepIndex, change });
      return accepts;
    },
  });

  it('moves the step to the new time, in the lead wall time, and gives back the claim on a retry', async () => {
    moves.length = 0;

    const outcome = await putOffStep(
      run(),
      1,
      new Date('2026-03-02T16:05:00.000Z'),
      new Date(),
      { runs: runs(true) },
      {
        sendAttempts: 2,
      },
    );

    expect(outcome).toEqual({ stepIndex: 1, outcome: 'rescheduled' });
    expect(moves).toEqual([
      {
        stepIndex: 1,
        change: {
          dueAt: '2026-03-02T16:05:00.000Z',
          leadLocalTime: '2026-03-02T17:05:00+01:00',
          sendAttempts: 2,
          releaseClaim: true,
        },
      },
    ]);
  });

  it('answers skipped when the run stopped or the step ran meanwhile', async () => {
    moves.length = 0;

    const outcome = await putOffStep(run(), 7, new Date('2026-03-02T16:05:00.000Z'), new Date(), {
      runs: runs(false),
    });

    expect(outcome).toEqual({ stepIndex: 7, outcome: 'skipped', reason: 'not_running' });
    // A step the run does not know is timed in UTC.
    expect(moves[0]?.change).toEqual({
      dueAt: '2026-03-02T16:05:00.000Z',
      leadLocalTime: '2026-03-02T16:05:00+00:00',
    });
  });
});
