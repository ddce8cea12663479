import { describe, expect, it } from 'vitest';
import { builtInSequenceFor } from '../../../../lambdas/domain/followups/built-in-sequences';
import { followUpTimingFor } from '../../../../lambdas/domain/followups/follow-up-context';
import { planSteps } from '../../../../lambdas/domain/followups/plan-steps';
import type { SequenceStep } from '../../../../schemas/api/sequences';

const agent = {
  timezone: 'America/New_York',
  quietHours: { start: '21:00', end: '08:00' },
  workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
};
const newYorkLead = { phone: '+12125550142' };
const hot = builtInSequenceFor('hot');

const when = (steps: ReturnType<typeof planSteps>) =>
  steps.map(({ channel, plannedAt, leadLocalTime, movedBy }) => ({
    channel,
    plannedAt,
    leadLocalTime,
    movedBy,
  }));

describe('planSteps', () => {
  it('plans the hot sequence for a lead who wrote on a Monday afternoon, all steps at their delays', () => {
    // Monday 2 March 2026, 14:00 EST; the lead wrote a minute before.
    const enrolledAt = new Date('2026-03-02T19:00:00.000Z');
    const timing = followUpTimingFor({ ...newYorkLead, lastInboundAt: '2026-03-02T18:59:00.000Z' }, agent);

    expect(when(planSteps(hot, enrolledAt, timing))).toEqual([
      {
        channel: 'whatsapp',
        plannedAt: '2026-03-02T19:00:00.000Z',
        leadLocalTime: '2026-03-02T14:00:00-05:00',
        movedBy: undefined,
      },
      {
        channel: 'whatsapp',
        plannedAt: '2026-03-02T21:00:00.000Z',
        leadLocalTime: '2026-03-02T16:00:00-05:00',
        movedBy: undefined,
      },
      {
        channel: 'call',
        plannedAt: '2026-03-03T19:00:00.000Z',
        leadLocalTime: '2026-03-03T14:00:00-05:00',
        movedBy: undefined,
      },
      {
        channel: 'email',
        plannedAt: '2026-03-05T19:00:00.000Z',
        leadLocalTime: '2026-03-05T14:00:00-05:00',
        movedBy: undefined,
      },
    ]);
  });

  it('answers at once at 23:00 when the lead just wrote, but waits until 08:00 for the 2-hour nudge', () => {
    // Monday 23:00 EST; the lead wrote at 22:55.
    const enrolledAt = new Date('2026-03-03T04:00:00.000Z');
    const timing = followUpTimingFor({ ...newYorkLead, lastInboundAt: '2026-03-03T03:55:00.000Z' }, agent);
    const [first, nudge, call] = planSteps(hot, enrolledAt, timing);

    expect(first).toMatchObject({ plannedAt: '2026-03-03T04:00:00.000Z', answeredAtOnce: true });
    expect(nudge).toMatchObject({
      dueAt: '2026-03-03T06:00:00.000Z',
      plannedAt: '2026-03-03T13:00:00.000Z',
      movedBy: 'quiet_hours',
    });
    expect(nudge?.leadLocalTime).toBe('2026-03-03T08:00:00-05:00');
    // 24 h later is Tuesday 23:00: the call task falls due Wednesday 09:00.
    expect(call).toMatchObject({ plannedAt: '2026-03-04T14:00:00.000Z', movedBy: 'working_hours' });
  });

  it('holds the first answer to quiet hours when the lead wrote more than 10 minutes before', () => {
    const enrolledAt = new Date('2026-03-03T04:00:00.000Z');
    const timing = followUpTimingFor({ ...newYorkLead, lastInboundAt: '2026-03-03T03:45:00.000Z' }, agent);
    expect(planSteps(hot, enrolledAt, timing)[0]).toMatchObject({
      plannedAt: '2026-03-03T13:00:00.000Z',
      movedBy: 'quiet_hours',
    });
  });

  it("reads quiet hours in a Dubai lead's zone while the call waits for the New York agent's hours", () => {
    // 18:30Z Monday: 22:30 in Dubai, 13:30 in New York.
    const timing = followUpTimingFor({ phone: '+971501234567' }, agent);
    const steps: SequenceStep[] = [
      {
        channel: 'whatsapp',
        delay: { minutes: 0, after: 'enrolment' },
        conditions: [],
        message: { aiDraft: true },
      },
      {
        channel: 'call',
        delay: { minutes: 0, after: 'previous_step' },
        conditions: [],
        message: { aiDraft: true },
      },
    ];
    const [message, call] = planSteps({ steps }, new Date('2026-03-02T18:30:00.000Z'), timing);

    expect(message).toMatchObject({
      plannedAt: '2026-03-03T04:00:00.000Z',
      leadLocalTime: '2026-03-03T08:00:00+04:00',
    });
    // After 08:00 Dubai (23:00 NY): NY opens at 09:00 EST = 18:00 Dubai, before Dubai's quiet hours.
    expect(call).toMatchObject({
      plannedAt: '2026-03-03T14:00:00.000Z',
      leadLocalTime: '2026-03-03T18:00:00+04:00',
    });
  });

  it('counts a delay after the previous step from when that step really goes out', () => {
    const timing = followUpTimingFor(newYorkLead, agent);
    const steps: SequenceStep[] = [
      {
        channel: 'whatsapp',
        delay: { minutes: 0, after: 'enrolment' },
        conditions: [],
        message: { aiDraft: true },
      },
      {
        channel: 'email',
        delay: { minutes: 60, after: 'previous_step' },
        subject: 'Hi',
        conditions: [],
        message: { aiDraft: true },
      },
    ];
    // Monday 22:00 EST: the WhatsApp waits to 08:00, the email goes an hour after it.
    const [, email] = planSteps({ steps }, new Date('2026-03-03T03:00:00.000Z'), timing);
    expect(email?.plannedAt).toBe('2026-03-03T14:00:00.000Z');
  });

  it('keeps 08:00 local across the spring-forward night', () => {
    const timing = followUpTimingFor(newYorkLead, agent);
    const steps: SequenceStep[] = [
      {
        channel: 'whatsapp',
        delay: { minutes: 60, after: 'enrolment' },
        conditions: [],
        message: { aiDraft: true },
      },
    ];
    // Saturday 7 March, 21:30 EST + 1 h → Sunday 08:00 EDT (12:00Z, not 13:00Z).
    expect(planSteps({ steps }, new Date('2026-03-08T02:30:00.000Z'), timing)[0]).toMatchObject({
      plannedAt: '2026-03-08T12:00:00.000Z',
      leadLocalTime: '2026-03-08T08:00:00-04:00',
    });
  });
});
