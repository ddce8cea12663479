import { describe, expect, it } from 'vitest';
import { receiveEmailReply } from '../../../../lambdas/domain/messaging/receive-email-reply';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { InboundEmail } from '../../../../lambdas/ports/inbound-email';
import type { Lead } from '../../../../schemas/api/leads';
import { createMockLead } from '../../../helpers/factories';
import { BROKERAGE_ID, createInMemoryMessagingDeps } from './in-memory-messaging';

const NOW = '2026-03-02T15:00:00.000Z';
const ADDRESS = 'tom.baker@example.com';

const reply = (overrides: Partial<InboundEmail> = {}): InboundEmail => ({
  messageId: 'reply-1@mail.example.com',
  from: ADDRESS,
  subject: 'Re: The flat on Elm Street',
  text: 'Saturday at 11 works for a viewing.',
  sentAt: new Date('2026-03-02T14:58:00.000Z'),
  ...overrides,
});

const world = () => {
  const deps = createInMemoryMessagingDeps(fixedClock(NOW));
  const addLead = async (overrides: Partial<Lead> = {}) => {
    const lead = createMockLead({ brokerageId: BROKERAGE_ID, email: ADDRESS, ...overrides });
    await deps.leads.create(lead, []);
    return lead;
  };
  const timeline = async (leadId: string) =>
    (await deps.interactions.listTimeline(leadId, { limit: 10 })).items;
  return { deps, addLead, timeline };
};

describe('receiveEmailReply', () => {
  it('puts the reply on the lead timeline, counts it and tells the follow-up engine the lead replied', async () => {
    const { deps, addLead, timeline } = world();
    const lead = await addLead({ lastInteractionAt: '2026-03-01T10:00:00.000Z' });

    const outcome = await receiveEmailReply(reply({ from: ' Tom.Baker@Example.com ' }), deps);

    expect(outcome).toEqual({ result: 'recorded', leadId: lead.leadId });
    const [entry] = await timeline(lead.leadId);
    expect(entry).toMatchObject({
      type: 'email',
      direction: 'inbound',
      text: 'Saturday at 11 works for a viewing.',
      occurredAt: '2026-03-02T14:58:00.000Z',
      metadata: {
        channel: 'email',
        subject: 'Re: The flat on Elm Street',
        messageId: 'reply-1@mail.example.com',
      },
    });
    const stored = await deps.leads.get(lead.leadId);
    expect(stored).toMatchObject({
      version: lead.version + 1,
      updatedAt: NOW,
      lastInteractionAt: '2026-03-02T14:58:00.000Z',
      engagement: { replies: 1, comments: 0 },
    });
    // Only a WhatsApp message opens the 24-hour window.
    expect(stored?.lastInboundAt).toBeUndefined();
    expect(deps.events).toEqual([
      {
        leadId: lead.leadId,
        eventId: expect.any(String),
        type: 'lead.replied',
        channel: 'email',
        occurredAt: '2026-03-02T14:58:00.000Z',
        data: { interactionId: entry?.interactionId },
      },
    ]);
  });

  it('writes nothing for an auto-reply or a bounce', async () => {
    const { deps, addLead, timeline } = world();
    const lead = await addLead();

    const outcome = await receiveEmailReply(reply({ automated: 'auto-submitted: auto-replied' }), deps);

    expect(outcome).toEqual({ result: 'automated', reason: 'auto-submitted: auto-replied' });
    expect(await timeline(lead.leadId)).toEqual([]);
    expect(deps.events).toEqual([]);
  });

  it('writes nothing for a Message-ID it recorded before', async () => {
    const { deps, addLead, timeline } = world();
    const lead = await addLead();
    await receiveEmailReply(reply(), deps);

    const again = await receiveEmailReply(reply({ text: 'Saturday at 11 works for a viewing!' }), deps);

    expect(again).toEqual({ result: 'duplicate' });
    expect(await timeline(lead.leadId)).toHaveLength(1);
    expect((await deps.leads.get(lead.leadId))?.engagement.replies).toBe(1);
  });

  it('answers duplicate when the same email is recorded by a concurrent delivery first', async () => {
    const { deps, addLead } = world();
    const lead = await addLead();
    await receiveEmailReply(reply(), deps);
    const racing = { ...deps, receipts: { ...deps.receipts, has: async () => false } };

    expect(await receiveEmailReply(reply(), racing)).toEqual({ result: 'duplicate', leadId: lead.leadId });
    expect(deps.events).toHaveLength(1);
  });

  it('skips a sender no lead of the brokerage has', async () => {
    const { deps, addLead } = world();
    await addLead({ brokerageId: 'brokerage-elsewhere' });

    expect(await receiveEmailReply(reply(), deps)).toEqual({ result: 'unknown_sender' });
    expect(deps.events).toEqual([]);
  });

  it('gives the reply to the lead with the most recent contact when several agents hold the address', async () => {
    const { deps, addLead, timeline } = world();
    const quiet = await addLead({ agentId: 'agent-one', createdAt: '2026-02-20T09:00:00.000Z' });
    const wrote = await addLead({
      agentId: 'agent-two',
      createdAt: '2026-01-05T09:00:00.000Z',
      lastInboundAt: '2026-02-25T09:00:00.000Z',
    });
    const newest = await addLead({
      agentId: 'agent-three',
      createdAt: '2026-01-05T09:00:00.000Z',
      lastInteractionAt: '2026-02-28T09:00:00.000Z',
    });

    const outcome = await receiveEmailReply(reply(), deps);

    expect(outcome.leadId).toBe(newest.leadId);
    expect(await timeline(quiet.leadId)).toEqual([]);
    expect(await timeline(wrote.leadId)).toEqual([]);
  });

  it('keeps the first holder found when two leads were last active at the same moment', async () => {
    const { deps, addLead } = world();
    const createdAt = '2026-01-05T09:00:00.000Z';
    const first = await addLead({
      agentId: 'agent-one',
      createdAt,
      lastInboundAt: '2026-02-25T09:00:00.000Z',
    });
    await addLead({ agentId: 'agent-two', createdAt, lastInteractionAt: '2026-02-25T09:00:00.000Z' });

    expect((await receiveEmailReply(reply(), deps)).leadId).toBe(first.leadId);
  });

  it('never dates a reply in the future, nor moves the last contact back for an older one', async () => {
    const { deps, addLead, timeline } = world();
    const early = await addLead({ lastInteractionAt: '2026-03-02T14:59:00.000Z' });

    await receiveEmailReply(
      reply({ messageId: 'late@mail.example.com', sentAt: new Date('2026-03-02T16:00:00.000Z') }),
      deps,
    );
    await receiveEmailReply(
      reply({ messageId: 'old@mail.example.com', sentAt: new Date('2026-02-01T10:00:00.000Z') }),
      deps,
    );

    const entries = await timeline(early.leadId);
    expect(entries.map((entry) => entry.occurredAt).sort()).toEqual(['2026-02-01T10:00:00.000Z', NOW]);
    expect((await deps.leads.get(early.leadId))?.lastInteractionAt).toBe(NOW);
  });

  it('leaves the text out of an empty reply but still counts it', async () => {
    const { deps, addLead, timeline } = world();
    const lead = await addLead();

    await receiveEmailReply(reply({ text: '' }), deps);

    const [entry] = await timeline(lead.leadId);
    expect(entry && 'text' in entry).toBe(false);
    expect((await deps.leads.get(lead.leadId))?.engagement.replies).toBe(1);
  });

  it('answers lead_gone when the lead is erased before the reply is written', async () => {
    const { deps, addLead } = world();
    const lead = await addLead();
    const erasing = {
      ...deps,
      leads: {
        ...deps.leads,
        findByContact: async (...args: Parameters<typeof deps.leads.findByContact>) => {
          const found = await deps.leads.findByContact(...args);
          await deps.leads.erase(lead);
          return found;
        },
      },
    };

    expect(await receiveEmailReply(reply(), erasing)).toEqual({ result: 'lead_gone', leadId: lead.leadId });
    expect(deps.events).toEqual([]);
  });
});
