import { describe, expect, it } from 'vitest';
import { followUpTimingFor } from '../../../../lambdas/domain/followups/follow-up-context';
import { replanRemainingSteps } from '../../../../lambdas/domain/followups/replan-remaining-steps';
import type { FollowUpEnrolment, FollowUpRunStep } from '../../../../lambdas/ports/follow-up-runs';
import { sequenceStepSchema } from '../../../../schemas/api/sequences';

const agent = {
  timezone: 'America/New_York',
  quietHours: { start: '21:00', end: '08:00' },
  workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
};
const timing = followUpTimingFor({ timezone: 'America/New_York' }, agent);

// Monday 2 March 2026, 10:00 EST: a message at once, another a day later, a call two days later.
const ENROLLED_AT = '2026-03-02T15:00:00.000Z';
const enrolment: FollowUpEnrolment = {
  leadId: 'lead-1',
  agentId: 'agent-1',
  enrolledAt: ENROLLED_AT,
  sequence: {
    sequenceId: 'seq-1',
    version: 1,
    name: 'Three touches',
    temperature: 'custom',
    steps: [
      {
        channel: 'whatsapp',
        delay: { minutes: 0, after: 'enrolment' },
        message: { template: 'Hi {firstName}' },
      },
      {
        channel: 'whatsapp',
        delay: { minutes: 1440, after: 'enrolment' },
        message: { template: 'Still keen?' },
      },
      { channel: 'call', delay: { minutes: 2880, after: 'enrolment' }, message: { template: 'Call them' } },
    ].map((step) => sequenceStepSchema.parse(step)),
  },
};
const original: FollowUpRunStep[] = [
  { dueAt: '2026-03-02T15:00:00.000Z', timeZone: 'America/New_York', channel: 'whatsapp' },
  { dueAt: '2026-03-03T15:00:00.000Z', timeZone: 'America/New_York', channel: 'whatsapp' },
  { dueAt: '2026-03-04T15:00:00.000Z', timeZone: 'America/New_York', channel: 'call' },
];

const replan = (now: string, { pausedAt, stepsRun = [0] }: { pausedAt?: string; stepsRun?: number[] }) =>
  replanRemainingSteps(
    { steps: original, stepsRun, enrolment, ...(pausedAt !== undefined && { pausedAt }) },
    timing,
    new Date(now),
  );

describe('replanRemainingSteps', () => {
  it('moves the steps not yet run later by the length of the pause, keeping the sequence spacing', () => {
    // Paused Monday 11:00 EST, resumed Tuesday 11:00 EST: a 24-hour pause.
    const steps = replan('2026-03-03T16:00:00.000Z', { pausedAt: '2026-03-02T16:00:00.000Z' });

    expect(steps).toEqual([
      original[0],
      {
        dueAt: '2026-03-04T15:00:00.000Z',
        timeZone: 'America/New_York',
        channel: 'whatsapp',
        leadLocalTime: '2026-03-04T10:00:00-05:00',
      },
      {
        dueAt: '2026-03-05T15:00:00.000Z',
        timeZone: 'America/New_York',
        channel: 'call',
        leadLocalTime: '2026-03-05T10:00:00-05:00',
      },
    ]);
  });

  it('keeps every step that ran as it was recorded, wherever it stands in the sequence', () => {
    const steps = replan('2026-03-03T16:00:00.000Z', {
      pausedAt: '2026-03-02T16:00:00.000Z',
      stepsRun: [0, 1],
    });

    expect(steps[0]).toBe(original[0]);
    expect(steps[1]).toBe(original[1]);
    expect(steps[2]?.dueAt).toBe('2026-03-05T15:00:00.000Z');
  });

  it('sends a message whose time has passed at the next minute outside quiet hours, in the lead zone', () => {
    // Wednesday 22:00 EST, no pause on record: step 1 (Tuesday) is late and quiet hours hold until 08:00.
    const steps = replan('2026-03-05T03:00:00.000Z', {});

    expect(steps[1]).toEqual({
      dueAt: '2026-03-05T13:00:00.000Z',
      timeZone: 'America/New_York',
      channel: 'whatsapp',
      leadLocalTime: '2026-03-05T08:00:00-05:00',
    });
  });

  it('puts a call whose time has passed into the agent working hours, not merely out of quiet hours', () => {
    const steps = replan('2026-03-05T03:00:00.000Z', {});

    // Thursday 09:00 EST, when the agent's day starts (quiet hours end an hour earlier).
    expect(steps[2]).toMatchObject({ dueAt: '2026-03-05T14:00:00.000Z', channel: 'call' });
  });

  it('sends a late message at once when it is resumed at an allowed minute', () => {
    // Thursday 12:00 EST: both remaining steps are late; the message goes now, the call too.
    const steps = replan('2026-03-05T17:00:00.000Z', {});

    expect(steps.slice(1).map((step) => step.dueAt)).toEqual([
      '2026-03-05T17:00:00.000Z',
      '2026-03-05T17:00:00.000Z',
    ]);
  });

  it('leaves a step planned exactly at the resume time where it is', () => {
    // Paused an hour after enrolment and resumed an hour later: step 1 falls due Tuesday 11:00 EST.
    const steps = replan('2026-03-03T16:00:00.000Z', {
      pausedAt: '2026-03-03T15:00:00.000Z',
      stepsRun: [0],
    });

    expect(steps[1]?.dueAt).toBe('2026-03-03T16:00:00.000Z');
  });

  it('never moves steps earlier when the pause time is after the resume time', () => {
    // A clock a minute behind the one that paused: no negative pause.
    const steps = replan('2026-03-02T16:00:00.000Z', { pausedAt: '2026-03-02T16:01:00.000Z' });

    expect(steps.slice(1).map((step) => step.dueAt)).toEqual([
      '2026-03-03T15:00:00.000Z',
      '2026-03-04T15:00:00.000Z',
    ]);
  });

  it('keeps a step the sequence snapshot no longer plans as it stands', () => {
    const extra: FollowUpRunStep = { dueAt: '2026-03-09T15:00:00.000Z', timeZone: 'America/New_York' };

    const steps = replanRemainingSteps(
      { steps: [...original, extra], stepsRun: [0], enrolment, pausedAt: '2026-03-02T16:00:00.000Z' },
      timing,
      new Date('2026-03-03T16:00:00.000Z'),
    );

    expect(steps).toHaveLength(4);
    expect(steps[3]).toBe(extra);
  });
});
