import { beforeEach, describe, expect, it } from 'vitest';
import { createLead } from '../../../../lambdas/domain/leads/create-lead';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { WhatsAppWebhookInput } from '../../../../schemas/events/whatsapp';
import { createMockActor, createMockLead, createMockProfile } from '../../../helpers/factories';
import { fixture, whatsAppText } from '../../../helpers/webhooks';
import {
  BROKERAGE_ID,
  createInMemoryMessagingDeps,
  eventsOf,
  type InMemoryMessagingDeps,
  receiveWhatsAppForBrokerage,
} from './in-memory-messaging';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

const text = (from: string, body: string, wamid?: string) =>
  eventsOf(whatsAppText({ from, text: body, timestamp: seconds(NOW) - 60, ...(wamid && { wamid }) }));

let deps: InMemoryMessagingDeps;

beforeEach(async () => {
  deps = createInMemoryMessagingDeps(fixedClock(NOW));
  for (const agentId of ['agent-a', 'agent-b']) {
    await deps.agents.createIfAbsent(
      createMockProfile({ agentId, role: 'agent', email: `${agentId}@example.com` }),
    );
  }
});

const leadsWith = (phone: string) => deps.leads.findByContact(BROKERAGE_ID, { kind: 'phone', value: phone });
const timeline = async (leadId: string) =>
  (await deps.interactions.listTimeline(leadId, { limit: 50 })).items;

describe('receiveWhatsApp: system notices other than a number change', () => {
  it('skips a changed business-scoped id, naming the notice, and stores nothing', async () => {
    const body = fixture<WhatsAppWebhookInput>('whatsapp', 'system-user-changed-number');
    const message = (body as { entry: { changes: { value: { messages: Record<string, unknown>[] } }[] }[] })
      .entry[0]!.changes[0]!.value.messages[0]!;
    message.system = { body: 'User Dana Lee changed their identity', type: 'customer_identity_changed' };
    const saved = createMockLead({ agentId: 'agent-a', phone: '+12125550161' });
    await deps.leads.create(saved, []);

    const [outcome] = await receiveWhatsAppForBrokerage({ events: eventsOf(body) }, deps);

    expect(outcome).toEqual({ kind: 'message', result: 'skipped', reason: 'customer_identity_changed' });
    expect(await deps.leads.get(saved.leadId)).toEqual(saved);
    expect(await timeline(saved.leadId)).toEqual([]);
    expect(deps.events).toEqual([]);
  });
});

describe('receiveWhatsApp: consent by message for a number WhatsApp writes differently', () => {
  it('registers a Mexican 521 STOP under the +52 number, so a lead saved later with it starts opted out', async () => {
    await receiveWhatsAppForBrokerage({ events: text('5215555550123', 'STOP') }, deps);

    const { lead } = await createLead(
      createMockActor({ agentId: 'agent-b', email: 'agent-b@example.com' }),
      { name: 'Lucía Fernández', source: 'direct', phone: '+52 55 5555 0123' },
      deps,
    );

    expect(lead.consent?.whatsapp).toBe('opted_out');
  });
});

describe('receiveWhatsApp: the same message delivered twice at once', () => {
  it('records it once on the lead and answers the other delivery as a duplicate of that lead', async () => {
    const saved = createMockLead({ agentId: 'agent-a', phone: '+12125550142' });
    await deps.leads.create(saved, []);
    const events = text('12125550142', 'Can I view it Saturday?', 'wamid.RACE');

    const outcomes = await Promise.all([
      receiveWhatsAppForBrokerage({ events }, deps),
      receiveWhatsAppForBrokerage({ events }, deps),
    ]);

    expect(
      outcomes
        .flat()
        .map((outcome) => outcome.result)
        .sort(),
    ).toEqual(['duplicate', 'recorded']);
    expect(outcomes.flat().find((outcome) => outcome.result === 'duplicate')).toEqual({
      kind: 'message',
      result: 'duplicate',
      leadId: saved.leadId,
    });
    const [lead, ...others] = await leadsWith('+12125550142');
    expect(others).toEqual([]);
    expect(lead?.engagement.replies).toBe(1);
    expect((await timeline(saved.leadId)).filter((item) => item.type === 'whatsapp')).toHaveLength(1);
    expect(deps.events.filter((event) => event.type === 'lead.replied')).toHaveLength(1);
  });
});

describe('receiveWhatsApp: what a new lead starts with', () => {
  it('names a sender without a profile name by their number, or by their WhatsApp id without one', async () => {
    const events = [
      ...eventsOf(
        whatsAppText({ from: '12125550155', text: 'Hi', name: '  ', timestamp: seconds(NOW) - 60 }),
      ),
      ...eventsOf(whatsAppText({ from: '123', text: 'Hello', name: '', timestamp: seconds(NOW) - 60 })),
    ];

    const [byNumber, byId] = await receiveWhatsAppForBrokerage({ events }, deps);

    expect(await deps.leads.get(byNumber!.leadId!)).toMatchObject({ name: '+12125550155', tags: [] });
    expect(await deps.leads.get(byId!.leadId!)).toMatchObject({ name: 'WhatsApp 123' });
  });

  it('tags a lead that came from a click-to-WhatsApp ad', async () => {
    const [outcome] = await receiveWhatsAppForBrokerage(
      { events: eventsOf(fixture<WhatsAppWebhookInput>('whatsapp', 'referral-message')) },
      deps,
    );

    expect(await deps.leads.get(outcome!.leadId!)).toMatchObject({ tags: ['ctwa-ad'] });
  });

  it('keeps the first 4000 characters of the first message as the inquiry, and a later one leaves it', async () => {
    const long = `Looking for a 2-bed near the park. ${'Details follow. '.repeat(300)}`;
    const [first] = await receiveWhatsAppForBrokerage({ events: text('12125550156', long) }, deps);
    await receiveWhatsAppForBrokerage({ events: text('12125550156', 'Any news?') }, deps);

    const lead = await deps.leads.get(first!.leadId!);
    expect(lead?.initialMessage).toBe(long.slice(0, 4000));
  });

  it('takes back a number marked undeliverable once the lead writes from it', async () => {
    const saved = createMockLead({ agentId: 'agent-a', phone: '+12125550157', phoneStatus: 'invalid' });
    await deps.leads.create(saved, []);

    await receiveWhatsAppForBrokerage({ events: text('12125550157', 'Hi, is it still free?') }, deps);

    expect((await deps.leads.get(saved.leadId))?.phoneStatus).toBe('ok');
  });
});
