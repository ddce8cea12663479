import { beforeEach, describe, expect, it } from 'vitest';
import { consentFor } from '../../../../lambdas/domain/consent/consent-for';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { parseWhatsAppEvents, whatsAppWebhookSchema } from '../../../../schemas/events/whatsapp';
import { createMockLead, createMockProfile } from '../../../helpers/factories';
import { whatsAppPreference, whatsAppText } from '../../../helpers/webhooks';
import {
  BROKERAGE_ID,
  createInMemoryMessagingDeps,
  type InMemoryMessagingDeps,
  receiveWhatsAppForBrokerage,
} from '../messaging/in-memory-messaging';

const NOW = new Date('2026-03-02T14:00:00.000Z');
/** Unix seconds of 10:MM on the day of NOW, as Meta stamps events. */
const ten = (minutes: number) =>
  Math.floor(Date.parse(`2026-03-02T10:${String(minutes).padStart(2, '0')}:00.000Z`) / 1000);

const text = (from: string, body: string, timestamp: number) =>
  parseWhatsAppEvents(whatsAppWebhookSchema.parse(whatsAppText({ from, text: body, timestamp })));
const preference = (from: string, value: 'stop' | 'resume', timestamp: number) =>
  parseWhatsAppEvents(whatsAppWebhookSchema.parse(whatsAppPreference(from, value, timestamp)));

let deps: InMemoryMessagingDeps;

beforeEach(async () => {
  deps = createInMemoryMessagingDeps(fixedClock(NOW));
  for (const agentId of ['agent-a', 'agent-b']) {
    await deps.agents.createIfAbsent(createMockProfile({ agentId, email: `${agentId}@example.com` }));
  }
});

const leadWith = async (phone: string) =>
  (await deps.leads.findByContact(BROKERAGE_ID, { kind: 'phone', value: phone }))[0];
const consentEntries = async (leadId: string) =>
  (await deps.interactions.listTimeline(leadId, { limit: 50 })).items.filter(
    (item) => item.type === 'consent',
  );
const consentEvents = () => deps.events.filter((event) => event.type.startsWith('lead.opted_'));
const registered = (phone: string) => consentFor(BROKERAGE_ID, [{ kind: 'phone', value: phone }], deps);

describe('WhatsApp consent follows when the person gave it, not when Meta delivered it', () => {
  it('keeps the lead opted out when a STOP sent at 10:01 arrives before a START sent at 10:00', async () => {
    await receiveWhatsAppForBrokerage({ events: text('12125550160', 'Hi, is it available?', ten(0)) }, deps);
    await receiveWhatsAppForBrokerage({ events: text('12125550160', 'STOP', ten(1)) }, deps);
    const eventsBefore = consentEvents().length;

    await receiveWhatsAppForBrokerage({ events: text('12125550160', 'START', ten(0)) }, deps);

    const lead = await leadWith('+12125550160');
    expect(lead?.consent).toMatchObject({
      whatsapp: 'opted_out',
      whatsappChangedAt: '2026-03-02T10:01:00.000Z',
    });
    expect(await consentEntries(lead!.leadId)).toHaveLength(1);
    expect(consentEvents()).toHaveLength(eventsBefore);
    expect((await registered('+12125550160')).whatsapp).toEqual({
      state: 'opted_out',
      changedAt: '2026-03-02T10:01:00.000Z',
    });
  });

  it('opts the lead in when a START sent at 10:01 arrives before a STOP sent at 10:00', async () => {
    await receiveWhatsAppForBrokerage({ events: text('12125550161', 'Hello', ten(0)) }, deps);
    await receiveWhatsAppForBrokerage({ events: text('12125550161', 'START', ten(1)) }, deps);

    await receiveWhatsAppForBrokerage({ events: text('12125550161', 'STOP', ten(0)) }, deps);

    expect((await leadWith('+12125550161'))?.consent?.whatsapp).toBe('opted_in');
    expect(consentEvents().map((event) => event.type)).toEqual(['lead.opted_in']);
  });

  it("keeps the lead opted out when WhatsApp's stop at 10:01 arrives before its resume at 10:00", async () => {
    await receiveWhatsAppForBrokerage({ events: text('12125550162', 'Hello', ten(0)) }, deps);
    await receiveWhatsAppForBrokerage({ events: preference('12125550162', 'stop', ten(1)) }, deps);

    const [late] = await receiveWhatsAppForBrokerage(
      { events: preference('12125550162', 'resume', ten(0)) },
      deps,
    );

    const lead = await leadWith('+12125550162');
    expect(late).toMatchObject({ kind: 'preference', result: 'unchanged', leadId: lead?.leadId });
    expect(lead?.consent).toMatchObject({
      whatsapp: 'opted_out',
      whatsappChangedAt: '2026-03-02T10:01:00.000Z',
    });
    expect(await consentEntries(lead!.leadId)).toHaveLength(1);
    expect(consentEvents().map((event) => event.type)).toEqual(['lead.opted_out']);
  });

  it('orders a typed STOP and a WhatsApp resume by their own times', async () => {
    await receiveWhatsAppForBrokerage({ events: text('12125550163', 'Hello', ten(0)) }, deps);
    await receiveWhatsAppForBrokerage({ events: preference('12125550163', 'resume', ten(5)) }, deps);

    await receiveWhatsAppForBrokerage({ events: text('12125550163', 'STOP', ten(2)) }, deps);

    expect((await leadWith('+12125550163'))?.consent?.whatsapp).toBe('opted_in');
  });

  it('lets a repeated STOP move the time on, so a START made between them and delivered last still loses', async () => {
    await receiveWhatsAppForBrokerage({ events: text('12125550164', 'STOP', ten(0)) }, deps);
    await receiveWhatsAppForBrokerage({ events: text('12125550164', 'STOP please', ten(5)) }, deps);

    await receiveWhatsAppForBrokerage({ events: text('12125550164', 'START', ten(3)) }, deps);

    const lead = await leadWith('+12125550164');
    expect(lead?.consent).toMatchObject({
      whatsapp: 'opted_out',
      whatsappChangedAt: '2026-03-02T10:05:00.000Z',
    });
    expect(consentEvents().map((event) => event.type)).toEqual(['lead.opted_out']);
  });

  it('changes nothing, on any lead with the number, for an older change delivered late', async () => {
    const theirs = createMockLead({
      agentId: 'agent-b',
      phone: '+12125550165',
      createdAt: '2026-02-01T10:00:00.000Z',
    });
    await deps.leads.create(theirs, []);
    await receiveWhatsAppForBrokerage({ events: preference('12125550165', 'stop', ten(9)) }, deps);
    const before = await deps.leads.get(theirs.leadId);
    const eventsBefore = deps.events.length;

    await receiveWhatsAppForBrokerage({ events: preference('12125550165', 'resume', ten(8)) }, deps);
    await receiveWhatsAppForBrokerage({ events: text('12125550165', 'START', ten(7)) }, deps);

    expect((await deps.leads.get(theirs.leadId))?.consent).toEqual(before?.consent);
    expect(await consentEntries(theirs.leadId)).toHaveLength(1);
    expect(deps.events.slice(eventsBefore).filter((event) => event.type !== 'lead.replied')).toEqual([]);
  });
});

describe('WhatsApp consent belongs to the number', () => {
  it("records WhatsApp's stop for a number no lead has yet, and the lead its next message creates starts opted out", async () => {
    const [outcome] = await receiveWhatsAppForBrokerage(
      { events: preference('12125550166', 'stop', ten(0)) },
      deps,
    );

    await receiveWhatsAppForBrokerage(
      { events: text('12125550166', 'Hi, what is the price?', ten(30)) },
      deps,
    );

    expect(outcome).toMatchObject({ kind: 'preference', result: 'recorded' });
    expect((await leadWith('+12125550166'))?.consent).toMatchObject({
      whatsapp: 'opted_out',
      whatsappChangedAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('records a STOP under the number and under its WhatsApp id', async () => {
    await receiveWhatsAppForBrokerage({ events: text('12125550167', 'STOP', ten(0)) }, deps);

    const byWaId = await consentFor(BROKERAGE_ID, [{ kind: 'wa_id', value: '12125550167' }], deps);
    expect(byWaId.whatsapp?.state).toBe('opted_out');
    expect((await registered('+12125550167')).whatsapp?.state).toBe('opted_out');
  });
});
