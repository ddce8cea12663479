import { beforeEach, describe, expect, it } from 'vitest';
import { NoAgentToRouteError } from '../../../../lambdas/domain/leads/route-new-lead';
import {
  receiveWhatsApp as receiveDelivery,
  type WhatsAppDelivery,
} from '../../../../lambdas/domain/messaging/receive-whatsapp';
import { WebhookNotBoundError } from '../../../../lambdas/domain/messaging/webhook-binding';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { createMockLead, createMockProfile } from '../../../helpers/factories';
import { TEST_PHONE_NUMBER_ID, whatsAppPreference, whatsAppText } from '../../../helpers/webhooks';
import {
  BROKERAGE_ID,
  createInMemoryMessagingDeps,
  eventsOf,
  type InMemoryMessagingDeps,
} from './in-memory-messaging';

const NOW = new Date('2026-03-02T14:00:00.000Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

const text = (
  from: string,
  body: string,
  extra: { wamid?: string; name?: string; timestamp?: number } = {},
) => eventsOf(whatsAppText({ from, text: body, timestamp: seconds(NOW) - 60, ...extra }));

/** A delivery for the fixtures' business number, unless a test names another. */
const receiveWhatsApp = (
  delivery: Omit<WhatsAppDelivery, 'businessPhoneNumberId'> & { businessPhoneNumberId?: string },
  on: InMemoryMessagingDeps,
) => receiveDelivery({ businessPhoneNumberId: TEST_PHONE_NUMBER_ID, ...delivery }, on);

let deps: InMemoryMessagingDeps;

beforeEach(async () => {
  deps = createInMemoryMessagingDeps(fixedClock(NOW));
  for (const [agentId, role] of [
    ['agent-a', 'agent'],
    ['agent-b', 'agent'],
    ['admin-c', 'admin'],
  ] as const) {
    await deps.agents.createIfAbsent(createMockProfile({ agentId, role, email: `${agentId}@example.com` }));
  }
});

const leadsWith = (phone: string) => deps.leads.findByContact(BROKERAGE_ID, { kind: 'phone', value: phone });
const timeline = async (leadId: string) =>
  (await deps.interactions.listTimeline(leadId, { limit: 50 })).items;

describe('receiveWhatsApp', () => {
  it('creates a lead for a new number, routed to the first agent, with the message and a fast score', async () => {
    const [outcome] = await receiveWhatsApp(
      { events: text('12125550142', 'Is the flat on 5th available?', { name: 'Dana Lee' }) },
      deps,
    );

    const [lead] = await leadsWith('+12125550142');
    expect(outcome).toMatchObject({
      kind: 'message',
      result: 'recorded',
      created: true,
      leadId: lead?.leadId,
    });
    expect(lead).toMatchObject({
      name: 'Dana Lee',
      agentId: 'agent-a',
      source: 'whatsapp',
      waId: '12125550142',
      initialMessage: 'Is the flat on 5th available?',
      lastInboundAt: '2026-03-02T13:59:00.000Z',
      engagement: { replies: 0 },
    });
    expect((await timeline(lead!.leadId)).map((item) => [item.type, item.direction, item.text])).toEqual([
      ['whatsapp', 'inbound', 'Is the flat on 5th available?'],
      ['system', 'internal', 'Lead created from whatsapp'],
    ]);
    expect(deps.events).toEqual([]);
    expect(deps.rescores).toEqual([{ leadId: lead!.leadId, trigger: 'created', options: { fast: true } }]);
  });

  it('adds a later message to the same lead as a reply the follow-ups hear about', async () => {
    await receiveWhatsApp({ events: text('12125550142', 'Hi') }, deps);

    await receiveWhatsApp({ events: text('12125550142', 'Can I view it Saturday?') }, deps);

    const [lead, ...others] = await leadsWith('+12125550142');
    expect(others).toEqual([]);
    expect(lead?.engagement.replies).toBe(1);
    expect(deps.events).toMatchObject([{ leadId: lead?.leadId, type: 'lead.replied', channel: 'whatsapp' }]);
    expect(deps.rescores.at(-1)).toEqual({
      leadId: lead?.leadId,
      trigger: 'message_in',
      options: { fast: true },
    });
  });

  it('gives new numbers to the agents in turn, leaving admins out while there are agents', async () => {
    for (const from of ['12125550143', '12125550144', '12125550145']) {
      await receiveWhatsApp({ events: text(from, 'Hello') }, deps);
    }

    const owners = await Promise.all(
      ['+12125550143', '+12125550144', '+12125550145'].map(
        async (phone) => (await leadsWith(phone))[0]?.agentId,
      ),
    );
    expect(owners).toEqual(['agent-a', 'agent-b', 'agent-a']);
  });

  it('changes nothing when the same delivery comes again', async () => {
    const events = text('12125550142', 'Hi', { wamid: 'wamid.SAME' });
    await receiveWhatsApp({ events }, deps);

    const [again] = await receiveWhatsApp({ events }, deps);

    expect(again).toMatchObject({ result: 'duplicate' });
    const [lead] = await leadsWith('+12125550142');
    expect((await timeline(lead!.leadId)).filter((item) => item.type === 'whatsapp')).toHaveLength(1);
  });

  it('completes a delivery that failed after the lead was created when Meta retries it, with one lead and one message', async () => {
    const events = text('12125550146', 'Is it still available?');
    deps.failNextCommit();

    await expect(receiveWhatsApp({ events }, deps)).rejects.toThrow('Connection reset');
    const [retried] = await receiveWhatsApp({ events }, deps);

    const leads = await leadsWith('+12125550146');
    expect(leads).toHaveLength(1);
    expect(retried).toMatchObject({ result: 'recorded', leadId: leads[0]?.leadId });
    expect((await timeline(leads[0]!.leadId)).filter((item) => item.type === 'whatsapp')).toHaveLength(1);
  });

  it('opts the number out on every lead that has it when the lead writes STOP', async () => {
    const mine = createMockLead({
      agentId: 'agent-a',
      phone: '+12125550147',
      lastInteractionAt: '2026-03-01T09:00:00.000Z',
    });
    const theirs = createMockLead({
      agentId: 'agent-b',
      phone: '+12125550147',
      createdAt: '2026-02-01T10:00:00.000Z',
      updatedAt: '2026-03-02T13:00:00.000Z',
    });
    await deps.leads.create(mine, []);
    await deps.leads.create(theirs, []);

    await receiveWhatsApp({ events: text('12125550147', 'STOP') }, deps);

    for (const lead of [mine, theirs]) {
      expect((await deps.leads.get(lead.leadId))?.consent?.whatsapp).toBe('opted_out');
      expect((await timeline(lead.leadId)).some((item) => item.type === 'consent')).toBe(true);
    }
    expect(
      deps.events
        .filter((event) => event.type === 'lead.opted_out')
        .map((event) => event.leadId)
        .sort(),
    ).toEqual([mine.leadId, theirs.leadId].sort());
    // The message itself goes to the lead with the most recent activity.
    expect((await timeline(mine.leadId)).some((item) => item.text === 'STOP')).toBe(true);
  });

  it('reads an Arabic opt-out and a later opt-in', async () => {
    await receiveWhatsApp({ events: text('12125550148', 'توقف') }, deps);
    const [lead] = await leadsWith('+12125550148');
    expect(lead?.consent?.whatsapp).toBe('opted_out');

    await receiveWhatsApp({ events: text('12125550148', 'START', { timestamp: seconds(NOW) - 30 }) }, deps);

    expect((await deps.leads.get(lead!.leadId))?.consent?.whatsapp).toBe('opted_in');
  });

  it("records WhatsApp's own marketing stop as consent withdrawn", async () => {
    await receiveWhatsApp({ events: text('12125550149', 'Hi') }, deps);

    const [outcome] = await receiveWhatsApp(
      { events: eventsOf(whatsAppPreference('12125550149', 'stop')) },
      deps,
    );

    expect(outcome).toMatchObject({ kind: 'preference', result: 'recorded' });
    expect((await leadsWith('+12125550149'))[0]?.consent?.whatsapp).toBe('opted_out');
  });

  it('leaves events for another business number alone', async () => {
    const [outcome] = await receiveWhatsApp(
      { events: text('12125550150', 'Hi'), businessPhoneNumberId: '100000000000999' },
      deps,
    );

    expect(outcome).toMatchObject({ result: 'other_number' });
    expect(await leadsWith('+12125550150')).toEqual([]);
  });

  it('refuses the whole delivery, counted and with nothing stored, while the business number is unset', async () => {
    await expect(
      receiveDelivery({ events: text('12125550153', 'Hi'), businessPhoneNumberId: undefined }, deps),
    ).rejects.toBeInstanceOf(WebhookNotBoundError);

    expect(deps.counted).toEqual(['WebhookIntakeRefused']);
    expect(await leadsWith('+12125550153')).toEqual([]);
  });

  it('keeps a message from a sender id that is no phone number on a lead of its own, without a phone', async () => {
    const events = [...text('123', 'Hi'), ...text('12125550151', 'Hello')];

    const outcomes = await receiveWhatsApp({ events }, deps);

    expect(outcomes.map((outcome) => outcome.result)).toEqual(['recorded', 'recorded']);
    const lead = await deps.leads.get(outcomes[0]!.leadId!);
    expect(lead).toMatchObject({ waId: '123', source: 'whatsapp' });
    expect(lead?.phone).toBeUndefined();
    expect((await timeline(lead!.leadId)).map((item) => item.text)).toContain('Hi');
  });

  it('fails the delivery, to be retried, while the brokerage has no agent to take the lead', async () => {
    const empty = createInMemoryMessagingDeps(fixedClock(NOW));

    await expect(receiveWhatsApp({ events: text('12125550152', 'Hi') }, empty)).rejects.toBeInstanceOf(
      NoAgentToRouteError,
    );
  });
});
