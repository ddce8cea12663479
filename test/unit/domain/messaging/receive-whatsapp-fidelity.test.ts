import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { sendWhatsApp } from '../../../../lambdas/domain/messaging/send-whatsapp';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { MessagingPort } from '../../../../lambdas/ports/messaging';
import type { WhatsAppWebhookInput } from '../../../../schemas/events/whatsapp';
import { createMockActor, createMockLead, createMockProfile } from '../../../helpers/factories';
import { whatsAppStatus, whatsAppText } from '../../../helpers/webhooks';
import {
  BROKERAGE_ID,
  createInMemoryMessagingDeps,
  eventsOf,
  type InMemoryMessagingDeps,
  receiveWhatsAppForBrokerage,
} from './in-memory-messaging';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const SENT_WAMID = 'wamid.HBgLMTIxMjU1NTAxNDIVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA';

const fixture = (name: string): WhatsAppWebhookInput =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/whatsapp/${name}.json`, import.meta.url), 'utf8'));
const text = (from: string, body: string) =>
  eventsOf(whatsAppText({ from, text: body, timestamp: seconds(NOW) - 60 }));

/** A messaging port that accepts every send under the given wamid. */
const acceptingAs = (wamid: string): MessagingPort => {
  const sent = async () => ({ wamid });
  return { sendText: sent, sendTemplate: sent, sendMedia: sent };
};

let deps: InMemoryMessagingDeps;

beforeEach(async () => {
  deps = createInMemoryMessagingDeps(fixedClock(NOW), { messaging: acceptingAs(SENT_WAMID) });
  for (const agentId of ['agent-a', 'agent-b']) {
    await deps.agents.createIfAbsent(
      createMockProfile({ agentId, role: 'agent', email: `${agentId}@example.com` }),
    );
  }
});

const leadsWith = (phone: string) => deps.leads.findByContact(BROKERAGE_ID, { kind: 'phone', value: phone });
const timeline = async (leadId: string) =>
  (await deps.interactions.listTimeline(leadId, { limit: 50 })).items;
const whatsAppMessages = async (leadId: string) =>
  (await timeline(leadId)).filter((item) => item.type === 'whatsapp');

describe('receiveWhatsApp: a sender whose wa_id the phone library reads differently', () => {
  it('turns a Mexican 521 sender into a lead on the +52 number, keeping the wa_id and the message', async () => {
    const [outcome] = await receiveWhatsAppForBrokerage(
      { events: eventsOf(fixture('text-message-mexico')) },
      deps,
    );

    expect(outcome).toMatchObject({ kind: 'message', result: 'recorded', created: true });
    const [lead, ...others] = await leadsWith('+525555550123');
    expect(others).toEqual([]);
    expect(lead).toMatchObject({ leadId: outcome?.leadId, name: 'Lucía Fernández', waId: '5215555550123' });
    expect((await whatsAppMessages(lead!.leadId)).map((item) => item.text)).toEqual([
      'Hola, ¿sigue disponible el departamento en la Roma Norte?',
    ]);
  });

  it('adds a 521 message to the lead the agent saved with the national +52 number', async () => {
    const saved = createMockLead({ agentId: 'agent-b', phone: '+525555550123' });
    await deps.leads.create(saved, []);

    const [outcome] = await receiveWhatsAppForBrokerage({ events: text('5215555550123', 'Hola') }, deps);

    expect(outcome).toMatchObject({ result: 'recorded', leadId: saved.leadId, created: false });
    expect(await leadsWith('+525555550123')).toHaveLength(1);
    expect(await deps.leads.get(saved.leadId)).toMatchObject({
      waId: '5215555550123',
      engagement: { replies: 1 },
    });
  });

  it('finds the lead of a 521 sender again when a later message comes as 52', async () => {
    const [first] = await receiveWhatsAppForBrokerage({ events: text('5215555550123', 'Hola') }, deps);

    const [second] = await receiveWhatsAppForBrokerage(
      { events: text('525555550123', '¿Puedo verlo el sábado?') },
      deps,
    );

    expect(second).toMatchObject({ result: 'recorded', leadId: first?.leadId, created: false });
    expect(await whatsAppMessages(first!.leadId!)).toHaveLength(2);
  });

  it('matches an Argentine 549 sender to a lead saved without the mobile 9, and the other way round', async () => {
    const withoutNine = createMockLead({ agentId: 'agent-a', phone: '+541155550124' });
    const withNine = createMockLead({ agentId: 'agent-b', phone: '+5491155550125' });
    await deps.leads.create(withoutNine, []);
    await deps.leads.create(withNine, []);

    const outcomes = await receiveWhatsAppForBrokerage(
      { events: [...text('5491155550124', 'Hola'), ...text('541155550125', 'Hola')] },
      deps,
    );

    expect(outcomes.map((outcome) => outcome.leadId)).toEqual([withoutNine.leadId, withNine.leadId]);
  });

  it('keeps +<wa_id> as the phone of a new lead when the library has no metadata for the range', async () => {
    // Area code 999 is reserved for expansion: the library does not know it yet; WhatsApp does.
    const [outcome] = await receiveWhatsAppForBrokerage(
      { events: text('19995550123', 'Is the loft available?') },
      deps,
    );

    expect(outcome).toMatchObject({ result: 'recorded', created: true });
    const [lead] = await leadsWith('+19995550123');
    expect(lead).toMatchObject({ leadId: outcome?.leadId, phone: '+19995550123', waId: '19995550123' });
    const [again] = await receiveWhatsAppForBrokerage({ events: text('19995550123', 'Hello?') }, deps);
    expect(again).toMatchObject({ leadId: lead?.leadId, created: false });
  });
});

describe('receiveWhatsApp: messages whose point is what they share', () => {
  it('keeps a shared location: coordinates, name, address and link, with a readable line', async () => {
    const [outcome] = await receiveWhatsAppForBrokerage(
      { events: eventsOf(fixture('location-message')) },
      deps,
    );

    const [message] = await whatsAppMessages(outcome!.leadId!);
    expect(message).toMatchObject({
      text: 'Location: Riverside townhouses, 100 River Rd, Riverside, NY 10001 (40.712800, -74.006000) https://maps.example.com/riverside',
      metadata: {
        messageType: 'location',
        location: {
          latitude: 40.7128,
          longitude: -74.006,
          name: 'Riverside townhouses',
          address: '100 River Rd, Riverside, NY 10001',
          url: 'https://maps.example.com/riverside',
        },
      },
    });
  });

  it("keeps shared contacts' names, numbers and emails, with a readable line", async () => {
    const [outcome] = await receiveWhatsAppForBrokerage(
      { events: eventsOf(fixture('contacts-message')) },
      deps,
    );

    const [message] = await whatsAppMessages(outcome!.leadId!);
    expect(message).toMatchObject({
      text: 'Shared contact: Alex Kim, Kim & Partners, +1 (212) 555-0178, +1 (212) 555-0179, alex.kim@example.com',
      metadata: {
        messageType: 'contacts',
        contacts: [
          {
            name: 'Alex Kim',
            phones: [{ phone: '+1 (212) 555-0178', waId: '12125550178' }, { phone: '+1 (212) 555-0179' }],
            emails: [{ email: 'alex.kim@example.com' }],
          },
        ],
      },
    });
  });
});

describe('receiveWhatsApp: the person changed their number', () => {
  const changed = () => eventsOf(fixture('system-user-changed-number'));

  const savedLead = async () => {
    const lead = createMockLead({
      agentId: 'agent-a',
      phone: '+12125550161',
      waId: '12125550161',
      source: 'whatsapp',
      lastInboundAt: '2026-11-24T09:00:00.000Z',
      lastInteractionAt: '2026-11-24T09:00:00.000Z',
      engagement: { likes: 0, shares: 0, comments: 0, replies: 2 },
    });
    await deps.leads.create(lead, []);
    return lead;
  };

  it('moves the lead to the new number with a system line, and counts no reply', async () => {
    const lead = await savedLead();

    const [outcome] = await receiveWhatsAppForBrokerage({ events: changed() }, deps);

    expect(outcome).toMatchObject({ kind: 'message', result: 'recorded', leadId: lead.leadId });
    const moved = await deps.leads.get(lead.leadId);
    expect(moved).toMatchObject({
      phone: '+12125550162',
      waId: '12125550162',
      engagement: { replies: 2 },
      lastInboundAt: '2026-11-24T09:00:00.000Z',
      lastInteractionAt: '2026-11-24T09:00:00.000Z',
    });
    expect((await leadsWith('+12125550162')).map((l) => l.leadId)).toEqual([lead.leadId]);
    expect(await leadsWith('+12125550161')).toEqual([]);
    expect((await timeline(lead.leadId)).map((item) => [item.type, item.text])).toEqual([
      ['system', 'Changed WhatsApp number to +12125550162'],
    ]);
    expect(deps.events).toEqual([]);
    expect(deps.rescores).toEqual([]);
  });

  it('changes nothing more when the same notice comes again', async () => {
    const lead = await savedLead();
    await receiveWhatsAppForBrokerage({ events: changed() }, deps);

    const [again] = await receiveWhatsAppForBrokerage({ events: changed() }, deps);

    expect(again).toMatchObject({ result: 'duplicate' });
    expect(await timeline(lead.leadId)).toHaveLength(1);
  });

  it('puts the next message from the new number on the same lead, and the old number starts afresh', async () => {
    const lead = await savedLead();
    await receiveWhatsAppForBrokerage({ events: changed() }, deps);

    const [fromNew] = await receiveWhatsAppForBrokerage(
      { events: text('12125550162', 'New number, same me') },
      deps,
    );
    const [fromOld] = await receiveWhatsAppForBrokerage(
      { events: text('12125550161', 'Hi, I just got this number') },
      deps,
    );

    expect(fromNew).toMatchObject({ leadId: lead.leadId, created: false });
    expect(fromOld).toMatchObject({ created: true });
    expect(fromOld?.leadId).not.toBe(lead.leadId);
  });
});

describe('receiveWhatsApp: deliveries that cannot all be processed', () => {
  it('records the good messages of a delivery with malformed changes', async () => {
    const outcomes = await receiveWhatsAppForBrokerage(
      { events: eventsOf(fixture('malformed-changes')) },
      deps,
    );

    expect(outcomes.map((outcome) => outcome.result)).toEqual(['recorded', 'recorded']);
    const [lead] = await leadsWith('+12125550142');
    expect((await whatsAppMessages(lead!.leadId)).map((item) => item.text)).toEqual([
      'We could view it on Saturday.',
      'Is the Maple Ave house still available?',
    ]);
  });

  it('applies a status with an impossible timestamp, timed now', async () => {
    const lead = createMockLead({ phone: '+12125550142', lastInboundAt: '2026-11-25T09:00:00.000Z' });
    await deps.leads.create(lead, []);
    const sent = await sendWhatsApp(createMockActor(), lead.leadId, { text: 'Saturday at 11?' }, {}, deps);

    const [outcome] = await receiveWhatsAppForBrokerage(
      { events: eventsOf(fixture('status-impossible-timestamp')) },
      deps,
    );

    expect(outcome).toMatchObject({ kind: 'status', result: 'updated', leadId: lead.leadId });
    const [stored] = (await timeline(lead.leadId)).filter(
      (item) => item.interactionId === sent.interactionId,
    );
    expect(stored).toMatchObject({
      deliveryStatus: 'delivered',
      metadata: { statusTimes: { delivered: NOW.toISOString() } },
    });
  });
});

describe('receiveWhatsApp: a status that arrives before its send is recorded', () => {
  it('keeps it, and the send applies it when it lands, forward only', async () => {
    const lead = createMockLead({ phone: '+12125550142', lastInboundAt: '2026-11-25T09:00:00.000Z' });
    await deps.leads.create(lead, []);

    const outcomes = await receiveWhatsAppForBrokerage(
      {
        events: [
          ...eventsOf(whatsAppStatus(SENT_WAMID, 'read')),
          ...eventsOf(whatsAppStatus(SENT_WAMID, 'delivered')),
        ],
      },
      deps,
    );
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['pending', 'pending']);

    const sent = await sendWhatsApp(createMockActor(), lead.leadId, { text: 'Saturday at 11?' }, {}, deps);

    const [stored] = (await timeline(lead.leadId)).filter(
      (item) => item.interactionId === sent.interactionId,
    );
    expect(stored).toMatchObject({
      externalId: SENT_WAMID,
      deliveryStatus: 'read',
      metadata: { statusTimes: { delivered: '2026-11-25T09:31:42.000Z', read: '2026-11-25T09:35:00.000Z' } },
    });
    expect(sent.deliveryStatus).toBe('read');
    expect(deps.pendingStored.size).toBe(0);
  });

  it('keeps only the status, its time and Meta error code: nothing of the person', async () => {
    await receiveWhatsAppForBrokerage({ events: eventsOf(whatsAppStatus(SENT_WAMID, 'failed')) }, deps);

    const [held] = [...deps.pendingStored.values()];
    expect(Object.keys(held!.status).sort()).toEqual(['at', 'error', 'status', 'wamid']);
    expect(JSON.stringify(held!.status.error)).not.toContain('12125550199');
    expect(held!.expiresAt - NOW.getTime()).toBe(3 * 24 * 60 * 60 * 1000);
  });

  it('marks the number undeliverable when the kept status was a 131026 failure', async () => {
    const lead = createMockLead({ phone: '+12125550142', lastInboundAt: '2026-11-25T09:00:00.000Z' });
    await deps.leads.create(lead, []);
    await receiveWhatsAppForBrokerage({ events: eventsOf(whatsAppStatus(SENT_WAMID, 'failed')) }, deps);

    await sendWhatsApp(createMockActor(), lead.leadId, { text: 'Saturday at 11?' }, {}, deps);

    expect((await deps.leads.get(lead.leadId))?.phoneStatus).toBe('invalid');
  });
});
