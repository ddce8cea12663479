import { describe, expect, it } from 'vitest';
import {
  ChannelUnavailableError,
  InvalidRecipientError,
  RateLimitedError,
} from '../../../../lambdas/domain/messaging/messaging-errors';
import { ENROLLED_AT, ENROLLMENT, NOW, sendStepWorld, whatsappText } from './send-step-world';

const template = {
  name: 'lead_follow_up',
  language: 'en_US',
  parameters: ['firstName' as const, 'interest' as const],
};
const windowClosed = { lastInboundAt: '2026-02-27T09:00:00.000Z', createdAt: '2026-02-27T09:00:00.000Z' };

describe('runDueStep: sending on the step channel', () => {
  it('sends the drafted text inside the 24-hour window and records it as the system, tied to the step', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });

    await expect(world.run(0)).resolves.toEqual({ stepIndex: 0, outcome: 'sent' });

    expect(world.texts).toEqual([
      {
        to: '+12125550142',
        body: 'Hi Sam, Dana Lee here. Still keen on 2-bed flat in Midtown? Reply and I will call.',
      },
    ]);
    const [message] = await world.timeline();
    expect(message).toMatchObject({
      type: 'whatsapp',
      direction: 'outbound',
      createdBy: 'system',
      externalId: 'wamid.follow-up-1',
      metadata: { followUp: { enrollmentId: ENROLLMENT, stepIndex: 0 }, draftSource: 'template' },
    });
    expect(await world.base.refs.find('wamid.follow-up-1')).toMatchObject({
      interactionId: message?.interactionId,
    });
    const run = await world.stored();
    expect(run.stepsRun).toEqual([0]);
    expect(run.results).toEqual([
      expect.objectContaining({
        stepIndex: 0,
        status: 'sent',
        channel: 'whatsapp',
        via: 'text',
        draftSource: 'template',
        interactionId: message?.interactionId,
        externalId: 'wamid.follow-up-1',
        ranAt: NOW,
      }),
    ]);
    expect(world.counted).toEqual([{ metric: 'FollowUpStepSent', dimensions: { channel: 'whatsapp' } }]);
  });

  it('sends the approved template, its parameters filled for the lead, once the window has closed', async () => {
    const world = await sendStepWorld({
      steps: [whatsappText({ approvedTemplate: template })],
      lead: windowClosed,
    });

    await world.run(0);

    expect(world.texts).toEqual([]);
    expect(world.templates).toEqual([
      {
        to: '+12125550142',
        name: 'lead_follow_up',
        language: 'en_US',
        bodyParameters: ['Sam', '2-bed flat in Midtown'],
      },
    ]);
    expect((await world.stored()).results[0]).toMatchObject({ status: 'sent', via: 'template' });
  });

  it('makes the step a call task when the window has closed and there is no approved template', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()], lead: windowClosed });

    await expect(world.run(0)).resolves.toMatchObject({ outcome: 'task_created' });

    expect(world.texts).toEqual([]);
    expect(world.templates).toEqual([]);
    const task = await world.tasks.get(`${ENROLLMENT}-0`);
    expect(task).toMatchObject({
      kind: 'call',
      status: 'open',
      title: 'Call Sam about 2-bed flat in Midtown',
      dueAt: NOW,
      followUp: { enrollmentId: ENROLLMENT, stepIndex: 0 },
    });
    expect((await world.stored()).results[0]).toMatchObject({
      status: 'task_created',
      channel: 'call',
      reason: 'window_closed',
      taskId: `${ENROLLMENT}-0`,
    });
    expect((await world.timeline())[0]?.text).toBe('Follow-up: Call Sam about 2-bed flat in Midtown');
  });

  it('creates a call step task due at the start of the agent working hours', async () => {
    // 22:00 in New York: the agent works 09:00-18:00 on weekdays.
    const world = await sendStepWorld({
      steps: [
        {
          channel: 'call',
          delay: { minutes: 0, after: 'enrolment' },
          message: { template: 'Call {firstName} about {interest}.' },
        },
      ],
      now: '2026-03-03T03:00:00.000Z',
    });

    await world.run(0);

    expect(await world.tasks.get(`${ENROLLMENT}-0`)).toMatchObject({
      dueAt: '2026-03-03T14:00:00.000Z',
      note: 'Call Sam about 2-bed flat in Midtown.',
    });
    expect(world.counted).toEqual([{ metric: 'FollowUpStepSent', dimensions: { channel: 'call' } }]);
  });

  it('emails the lead with a one-click unsubscribe and the reply address, and records it', async () => {
    const world = await sendStepWorld({
      steps: [
        {
          channel: 'email',
          delay: { minutes: 0, after: 'enrolment' },
          subject: 'About {interest}',
          message: {
            template: 'Hi {firstName},\n\nStill looking at {interest}? Reply with a time.\n\n{agentName}',
          },
        },
      ],
      lead: { email: 'sam.rivera@example.com' },
      email: true,
    });

    await world.run(0);

    expect(world.emails).toEqual([
      expect.objectContaining({
        to: 'sam.rivera@example.com',
        subject: 'About 2-bed flat in Midtown',
        text: 'Hi Sam,\n\nStill looking at 2-bed flat in Midtown? Reply with a time.\n\nDana Lee',
        replyTo: 'replies@example.com',
        unsubscribeUrl: 'https://crm.example.com/unsubscribe?e=sam.rivera%40example.com',
      }),
    ]);
    expect((await world.timeline())[0]).toMatchObject({
      type: 'email',
      externalId: 'ses-1',
      createdBy: 'system',
    });
    expect((await world.stored()).results[0]).toMatchObject({
      status: 'sent',
      channel: 'email',
      externalId: 'ses-1',
    });
  });

  it('skips an email step when email is not set up, or the lead has no address', async () => {
    const step = {
      channel: 'email',
      delay: { minutes: 0, after: 'enrolment' },
      subject: 'About {interest}',
      message: { template: 'Hi {firstName}, still after {interest}? Reply any time.' },
    } as const;
    const unconfigured = await sendStepWorld({ steps: [step], lead: { email: 'sam.rivera@example.com' } });
    const noAddress = await sendStepWorld({ steps: [step], email: true });

    await unconfigured.run(0);
    await noAddress.run(0);

    expect((await unconfigured.stored()).results[0]).toMatchObject({
      status: 'skipped',
      reason: 'email_not_configured',
    });
    expect((await noAddress.stored()).results[0]).toMatchObject({ status: 'skipped', reason: 'no_contact' });
    expect(noAddress.emails).toEqual([]);
  });

  it('never sends a draft that fails validation: the step is skipped', async () => {
    const world = await sendStepWorld({
      steps: [whatsappText({ message: { template: 'Hello! Any news? Or questions?' } })],
    });

    await expect(world.run(0)).resolves.toMatchObject({ outcome: 'skipped', reason: 'draft_rejected' });

    expect(world.texts).toEqual([]);
    expect(world.counted).toEqual([
      { metric: 'FollowUpStepSkipped', dimensions: { reason: 'draft_rejected' } },
    ]);
  });

  it('sends a step once when its wake comes twice', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });

    const outcomes = await Promise.all([world.run(0), world.run(0)]);

    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['already_sent', 'sent']);
    expect(world.texts).toHaveLength(1);
  });
});

describe('runDueStep: rules checked at send time', () => {
  it('sends nothing and claims nothing for a run that is no longer running', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });
    await world.runs.stop(ENROLLMENT, 'agent stopped it', new Date(NOW));

    await expect(world.run(0)).resolves.toMatchObject({ outcome: 'skipped' });

    expect(world.texts).toEqual([]);
    expect((await world.stored()).stepsRun).toEqual([]);
  });

  it('stops the run when the lead replied after enrolment, and marks the step they answered', async () => {
    const world = await sendStepWorld({ steps: [whatsappText(), whatsappText()] });
    await world.run(0);
    const lead = (await world.base.leads.get(world.lead.leadId))!;
    await world.base.leads.update(lead, {
      ...lead,
      version: lead.version + 1,
      lastInboundAt: '2026-03-02T15:30:00.000Z',
    });
    world.clock.set('2026-03-02T16:00:00.000Z');

    await expect(world.run(1)).resolves.toMatchObject({ outcome: 'skipped', reason: 'replied' });

    expect(world.texts).toHaveLength(1);
    const run = await world.stored();
    expect(run).toMatchObject({ status: 'stopped', stopReason: 'replied' });
    expect(run.results.map(({ status, reason }) => ({ status, reason }))).toEqual([
      { status: 'replied', reason: undefined },
      { status: 'skipped', reason: 'replied' },
    ]);
  });

  it('treats a reply by email (a lead.replied event) as a reply too', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });
    await world.events.record({
      leadId: world.lead.leadId,
      eventId: 'evt-1',
      type: 'lead.replied',
      channel: 'email',
      occurredAt: '2026-03-02T12:00:00.000Z',
    });

    await world.run(0);

    expect(world.texts).toEqual([]);
    expect(await world.stored()).toMatchObject({ status: 'stopped', stopReason: 'replied' });
  });

  it('answers a message the lead sent before enrolment: that is no reply to the sequence', async () => {
    const world = await sendStepWorld({
      steps: [whatsappText()],
      lead: { lastInboundAt: ENROLLED_AT.replace('05', '04') },
    });

    await world.run(0);

    expect(world.texts).toHaveLength(1);
  });

  it('stops the run when the lead converted or was lost', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()], lead: { status: 'converted' } });

    await world.run(0);

    expect(world.texts).toEqual([]);
    expect(await world.stored()).toMatchObject({ status: 'stopped', stopReason: 'closed' });
  });

  it('stops the run after a WhatsApp STOP heard on another lead with the same number', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });
    await world.base.consents.record(
      'brokerage-riverside',
      { kind: 'phone', value: '+12125550142' },
      {
        channel: 'whatsapp',
        state: 'opted_out',
        changedAt: '2026-03-02T11:00:00.000Z',
        via: 'message',
        recordedAt: '2026-03-02T11:00:00.000Z',
      },
    );

    await world.run(0);

    expect(world.texts).toEqual([]);
    const run = await world.stored();
    expect(run).toMatchObject({ status: 'stopped', stopReason: 'opted_out' });
    expect(run.results[0]).toMatchObject({ status: 'skipped', reason: 'opted_out' });
  });

  it('skips an email step for a lead who unsubscribed from email, and keeps the run going', async () => {
    const world = await sendStepWorld({
      steps: [
        {
          channel: 'email',
          delay: { minutes: 0, after: 'enrolment' },
          subject: 'Hi',
          message: { template: 'Hi {firstName}, still after {interest}?' },
        },
      ],
      lead: { email: 'sam.rivera@example.com', consent: { email: 'opted_out' } },
      email: true,
    });

    await world.run(0);

    expect(world.emails).toEqual([]);
    expect(await world.stored()).toMatchObject({
      status: 'running',
      results: [{ status: 'skipped', reason: 'opted_out' }],
    });
  });

  it('stops the run of a lead that was erased', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()] });
    await world.base.leads.erase((await world.base.leads.get(world.lead.leadId))!);

    await world.run(0);

    expect(world.texts).toEqual([]);
    expect(await world.stored()).toMatchObject({ status: 'stopped', stopReason: 'lead_erased' });
  });

  it('moves a step that wakes inside quiet hours to 08:00 in the lead zone, unclaimed', async () => {
    // 02:00 in New York.
    const world = await sendStepWorld({
      steps: [whatsappText()],
      now: '2026-03-02T07:00:00.000Z',
      lead: { lastInboundAt: '2026-03-01T22:00:00.000Z' },
    });

    await expect(world.run(0)).resolves.toEqual({ stepIndex: 0, outcome: 'rescheduled' });

    expect(world.texts).toEqual([]);
    const run = await world.stored();
    expect(run.stepsRun).toEqual([]);
    expect(run.steps[0]).toMatchObject({
      dueAt: '2026-03-02T13:00:00.000Z',
      leadLocalTime: '2026-03-02T08:00:00-05:00',
    });
  });

  it('answers at once in quiet hours when the lead wrote in the last 10 minutes (a first answer)', async () => {
    const world = await sendStepWorld({
      steps: [whatsappText({ firstAnswer: true })],
      now: '2026-03-02T07:00:00.000Z',
      lead: { lastInboundAt: '2026-03-02T06:55:00.000Z' },
    });

    // Enrolled after that message, as the automatic enrolment of a new lead is.
    world.runs.runs.get(ENROLLMENT)!.enrolment!.enrolledAt = '2026-03-02T06:56:00.000Z';
    await world.run(0);

    expect(world.texts).toHaveLength(1);
  });

  it('waits again when the wake comes early', async () => {
    const world = await sendStepWorld({ steps: [whatsappText()], dueAt: ['2026-03-02T17:00:00.000Z'] });

    await expect(world.run(0)).resolves.toMatchObject({ outcome: 'rescheduled' });

    expect(world.texts).toEqual([]);
    expect((await world.stored()).steps[0]?.dueAt).toBe('2026-03-02T17:00:00.000Z');
  });
});

describe('runDueStep: step conditions', () => {
  const delivered =
    (status: 'accepted' | 'delivered' | 'read') =>
    async (world: Awaited<ReturnType<typeof sendStepWorld>>) => {
      await world.run(0);
      if (status === 'accepted') return;
      const ref = (await world.base.refs.find('wamid.follow-up-1'))!;
      await world.base.refs.changeDelivery(ref, 'accepted', { deliveryStatus: status });
    };

  it.each([
    ['accepted', 'whatsapp_delivered', false],
    ['delivered', 'whatsapp_delivered', true],
    ['delivered', 'whatsapp_read', false],
    ['read', 'whatsapp_read', true],
  ] as const)('with the earlier WhatsApp %s, %s holds: %s', async (status, condition, holds) => {
    const world = await sendStepWorld({ steps: [whatsappText(), whatsappText({ conditions: [condition] })] });
    await delivered(status)(world);

    await world.run(1);

    expect(world.texts).toHaveLength(holds ? 2 : 1);
    if (!holds)
      expect((await world.stored()).results[1]).toMatchObject({
        status: 'skipped',
        reason: 'condition_not_met',
        condition,
      });
  });

  it.each([
    ['still open', undefined, true],
    ['not answered', 'not_answered', true],
    ['answered', 'answered', false],
  ] as const)('call_not_answered with the earlier call task %s holds: %s', async (_what, result, holds) => {
    const call = {
      channel: 'call',
      delay: { minutes: 0, after: 'enrolment' },
      message: { template: 'Call {firstName} about {interest}.' },
    } as const;
    const world = await sendStepWorld({ steps: [call, whatsappText({ conditions: ['call_not_answered'] })] });
    await world.run(0);
    if (result) await world.tasks.complete(`${ENROLLMENT}-0`, { result }, new Date(NOW));

    await world.run(1);

    expect(world.texts).toHaveLength(holds ? 1 : 0);
  });
});

describe('runDueStep: channel failures', () => {
  it('marks a number WhatsApp cannot deliver to and records the step failed', async () => {
    const world = await sendStepWorld({
      steps: [whatsappText()],
      channel: [new InvalidRecipientError(131026)],
    });

    await expect(world.run(0)).resolves.toMatchObject({ outcome: 'failed', reason: 'undeliverable' });

    expect((await world.base.leads.get(world.lead.leadId))?.phoneStatus).toBe('invalid');
    expect((await world.stored()).results[0]).toMatchObject({ status: 'failed', reason: 'undeliverable' });
  });

  it('tries again a few minutes on after throttling, then gives up after a bounded number of attempts', async () => {
    const throttled = () => new RateLimitedError(130429, 60);
    const world = await sendStepWorld({
      steps: [whatsappText()],
      channel: [throttled(), throttled(), throttled()],
    });

    await expect(world.run(0)).resolves.toMatchObject({ outcome: 'rescheduled' });
    let run = await world.stored();
    expect(run.stepsRun).toEqual([]);
    expect(run.steps[0]).toMatchObject({ dueAt: '2026-03-02T15:05:00.000Z', sendAttempts: 1 });

    world.clock.set('2026-03-02T15:05:00.000Z');
    await expect(world.run(0)).resolves.toMatchObject({ outcome: 'rescheduled' });
    world.clock.set('2026-03-02T15:15:00.000Z');
    await expect(world.run(0)).resolves.toMatchObject({ outcome: 'failed', reason: 'channel_error' });

    run = await world.stored();
    expect(run.stepsRun).toEqual([0]);
    expect(run.results[0]).toMatchObject({ status: 'failed', reason: 'channel_error' });
    expect(world.texts).toEqual([]);
  });

  it('never sends again after a send that may have gone out', async () => {
    const world = await sendStepWorld({
      steps: [whatsappText()],
      channel: [new ChannelUnavailableError(30, true)],
    });

    await expect(world.run(0)).resolves.toMatchObject({ outcome: 'failed', reason: 'channel_error' });
    await expect(world.run(0)).resolves.toMatchObject({ outcome: 'already_sent' });

    expect((await world.stored()).stepsRun).toEqual([0]);
  });
});
