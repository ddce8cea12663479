import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  isNumberChange,
  receiveNumberChange,
} from '../../../../lambdas/domain/messaging/receive-whatsapp-number-change';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { Lead } from '../../../../schemas/api/leads';
import {
  parseWhatsAppEvents,
  type WhatsAppMessageEvent,
  type WhatsAppWebhookInput,
  whatsAppWebhookSchema,
} from '../../../../schemas/events/whatsapp';
import { createMockLead, createMockProfile } from '../../../helpers/factories';
import { BROKERAGE_ID, createInMemoryMessagingDeps, type InMemoryMessagingDeps } from './in-memory-messaging';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const OLD = '+12125550161';
const NEW = '+12125550162';

/** The `user_changed_number` system message as Meta sends it (12125550161 → 12125550162). */
const notice = (overrides: Partial<WhatsAppMessageEvent> = {}): WhatsAppMessageEvent => {
  const body: WhatsAppWebhookInput = JSON.parse(
    readFileSync(
      new URL('../../../fixtures/whatsapp/system-user-changed-number.json', import.meta.url),
      'utf8',
    ),
  );
  const [event] = parseWhatsAppEvents(whatsAppWebhookSchema.parse(body));
  return { ...(event as WhatsAppMessageEvent), ...overrides };
};

let deps: InMemoryMessagingDeps;

beforeEach(async () => {
  deps = createInMemoryMessagingDeps(fixedClock(NOW));
  for (const agentId of ['agent-a', 'agent-b'])
    await deps.agents.createIfAbsent(createMockProfile({ agentId, email: `${agentId}@example.com` }));
});

const addLead = async (overrides: Partial<Lead> = {}) => {
  const lead = createMockLead({
    brokerageId: BROKERAGE_ID,
    agentId: 'agent-a',
    phone: OLD,
    waId: '12125550161',
    source: 'whatsapp',
    createdAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  });
  await deps.leads.create(lead, []);
  return lead;
};
const systemLines = async (leadId: string) =>
  (await deps.interactions.listTimeline(leadId, { limit: 20 })).items.filter(
    (item) => item.type === 'system',
  );
const intakeRef = (phone: string) => deps.refs.find(`wa-phone:${phone}`);

describe('isNumberChange', () => {
  it('knows both of the number-change notices and nothing else', () => {
    expect(isNumberChange(notice())).toBe(true);
    expect(isNumberChange(notice({ system: { type: 'customer_changed_number', newWaId: '1' } }))).toBe(true);
    expect(isNumberChange(notice({ system: { type: 'customer_identity_changed' } }))).toBe(false);
    expect(isNumberChange(notice({ system: undefined }))).toBe(false);
  });
});

describe('receiveNumberChange', () => {
  it('moves every lead with the old number, and the new number reaches the freshest of them', async () => {
    // The freshest is found first: only it, not the one handled after it, gets the new number's key.
    const fresher = await addLead({ agentId: 'agent-b', lastInboundAt: '2026-11-24T09:00:00.000Z' });
    const older = await addLead({ agentId: 'agent-a' });
    await deps.refs.createIfAbsent({
      externalId: `wa-phone:${OLD}`,
      leadId: fresher.leadId,
      interactionId: fresher.leadId,
      createdAt: '2026-11-24T09:00:00.000Z',
    });

    const outcome = await receiveNumberChange(notice(), deps);

    expect(outcome).toEqual({ kind: 'message', result: 'recorded', leadId: fresher.leadId });
    for (const lead of [older, fresher]) {
      expect(await deps.leads.get(lead.leadId)).toMatchObject({ phone: NEW, waId: '12125550162' });
      expect(await systemLines(lead.leadId)).toMatchObject([
        {
          direction: 'internal',
          text: `Changed WhatsApp number to ${NEW}`,
          createdBy: 'system',
          occurredAt: '2026-11-25T09:30:00.000Z',
          metadata: {
            channel: 'whatsapp',
            messageType: 'system',
            systemType: 'user_changed_number',
            previousWaId: '12125550161',
            newWaId: '12125550162',
            moved: true,
          },
        },
      ]);
    }
    expect((await intakeRef(NEW))?.leadId).toBe(fresher.leadId);
    expect(await intakeRef(OLD)).toBeUndefined();
    expect(await deps.receipts.has('wa-message', notice().wamid)).toBe(true);
    expect(await deps.receipts.has('wa-message', `${notice().wamid}:${older.leadId}`)).toBe(true);
  });

  it('names a new WhatsApp id that is no phone number as it came', async () => {
    const lead = await addLead();

    await receiveNumberChange(notice({ system: { type: 'user_changed_number', newWaId: '999' } }), deps);

    expect((await systemLines(lead.leadId))[0]?.text).toBe('Changed WhatsApp number to +999');
  });

  it('fails the notice, for Meta to send again, when moving a lead fails for another reason', async () => {
    await addLead();
    const failing = {
      ...deps,
      leads: {
        ...deps.leads,
        update: async () => {
          throw new Error('Connection reset by peer');
        },
      },
    };

    await expect(receiveNumberChange(notice(), failing)).rejects.toThrow('Connection reset by peer');
    expect(await deps.receipts.has('wa-message', notice().wamid)).toBe(false);
  });

  it('clears an undeliverable mark, which said nothing of the new number', async () => {
    const lead = await addLead({ phoneStatus: 'invalid' });

    await receiveNumberChange(notice(), deps);

    expect((await deps.leads.get(lead.leadId))?.phoneStatus).toBeUndefined();
  });

  it('leaves the new number with the agent lead that already has it, and says so on the moving one', async () => {
    const moving = await addLead({ lastInboundAt: '2026-11-24T09:00:00.000Z' });
    // Typed in by the agent, never written from WhatsApp.
    const holder = await addLead({ phone: NEW, waId: undefined, createdAt: '2026-10-01T09:00:00.000Z' });

    const outcome = await receiveNumberChange(notice(), deps);

    expect(outcome.leadId).toBe(moving.leadId);
    expect(await deps.leads.get(moving.leadId)).toMatchObject({ phone: OLD, version: moving.version });
    expect((await deps.leads.get(holder.leadId))?.phone).toBe(NEW);
    expect(await systemLines(moving.leadId)).toMatchObject([
      {
        text: `Changed WhatsApp number to ${NEW}, which another of your leads already has`,
        metadata: { moved: false },
      },
    ]);
    expect(await systemLines(holder.leadId)).toEqual([]);
  });

  it('finishes a notice that failed part-way, finding the lead already on the new number', async () => {
    const lead = await addLead({ phone: NEW, waId: '12125550162' });

    const outcome = await receiveNumberChange(notice(), deps);

    expect(outcome).toEqual({ kind: 'message', result: 'recorded', leadId: lead.leadId });
    expect((await deps.leads.get(lead.leadId))?.version).toBe(lead.version);
    expect(await systemLines(lead.leadId)).toHaveLength(1);
  });

  it('does not take a lead that merely has the new number as its phone under another WhatsApp id', async () => {
    await addLead({ phone: NEW, waId: '5215550162' });

    expect(await receiveNumberChange(notice(), deps)).toEqual({ kind: 'message', result: 'unknown_sender' });
  });

  it('keeps the old number intake key when it points at a lead not moved here', async () => {
    await addLead();
    await deps.refs.createIfAbsent({
      externalId: `wa-phone:${OLD}`,
      leadId: 'lead-of-the-new-owner',
      interactionId: 'lead-of-the-new-owner',
      createdAt: '2026-11-24T09:00:00.000Z',
    });

    await receiveNumberChange(notice(), deps);

    expect((await intakeRef(OLD))?.leadId).toBe('lead-of-the-new-owner');
  });

  it('never dates the line in the future', async () => {
    const lead = await addLead();

    await receiveNumberChange(notice({ timestamp: new Date('2026-11-25T11:00:00.000Z') }), deps);

    expect((await systemLines(lead.leadId))[0]?.occurredAt).toBe(NOW.toISOString());
  });

  it('answers unknown_sender when no lead has the old number, writing nothing', async () => {
    const outcome = await receiveNumberChange(notice(), deps);

    expect(outcome).toEqual({ kind: 'message', result: 'unknown_sender' });
    expect(await deps.receipts.has('wa-message', notice().wamid)).toBe(false);
  });

  it('answers no_phone for a notice without the old or the new WhatsApp id', async () => {
    await addLead();

    expect(await receiveNumberChange(notice({ system: { type: 'user_changed_number' } }), deps)).toEqual({
      kind: 'message',
      result: 'no_phone',
    });
    expect(await receiveNumberChange(notice({ system: undefined }), deps)).toEqual({
      kind: 'message',
      result: 'no_phone',
    });
    expect(await receiveNumberChange(notice({ waId: undefined }), deps)).toEqual({
      kind: 'message',
      result: 'no_phone',
    });
  });

  it('skips a lead erased while the notice was handled and records the others', async () => {
    const gone = await addLead({ agentId: 'agent-a' });
    const kept = await addLead({ agentId: 'agent-b', lastInboundAt: '2026-11-24T09:00:00.000Z' });
    const erasing = {
      ...deps,
      leads: {
        ...deps.leads,
        update: async (...args: Parameters<typeof deps.leads.update>) => {
          if (args[0].leadId === gone.leadId) await deps.leads.erase(gone);
          return deps.leads.update(...args);
        },
      },
    };

    const outcome = await receiveNumberChange(notice(), erasing);

    expect(outcome.leadId).toBe(kept.leadId);
    expect((await deps.leads.get(kept.leadId))?.phone).toBe(NEW);
    expect(await deps.leads.get(gone.leadId)).toBeUndefined();
  });
});
