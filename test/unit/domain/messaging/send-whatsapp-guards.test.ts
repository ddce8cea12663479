import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../../lambdas/domain/errors';
import { ChannelUnavailableError } from '../../../../lambdas/domain/messaging/messaging-errors';
import {
  IdempotentRequestInProgressError,
  NoWhatsAppNumberError,
  UndeliverableNumberError,
} from '../../../../lambdas/domain/messaging/send-refusals';
import { sendWhatsApp } from '../../../../lambdas/domain/messaging/send-whatsapp';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { MessagingPort, SendTextRequest } from '../../../../lambdas/ports/messaging';
import type { Lead } from '../../../../schemas/api/leads';
import { createMockActor, createMockLead } from '../../../helpers/factories';
import { createInMemoryMessagingDeps } from './in-memory-messaging';

const NOW = '2026-03-02T14:00:00.000Z';
const dana = createMockActor();

/** A channel that sends under numbered wamids, or fails with the next scripted error. */
const world = async (lead: Partial<Lead> = {}, script: (Error | undefined)[] = []) => {
  const sent: SendTextRequest[] = [];
  const send = async (request: SendTextRequest) => {
    const error = script.shift();
    if (error) throw error;
    sent.push(request);
    return { wamid: `wamid.SENT.${sent.length}` };
  };
  const messaging: MessagingPort = {
    sendText: send,
    sendTemplate: async () => ({ wamid: 'wamid.TEMPLATE' }),
    sendMedia: async () => ({ wamid: 'wamid.MEDIA' }),
  };
  const clock = fixedClock(NOW);
  const deps = createInMemoryMessagingDeps(clock, { messaging });
  const stored = createMockLead({
    phone: '+12125550142',
    lastInboundAt: '2026-03-02T10:00:00.000Z',
    ...lead,
  });
  await deps.leads.create(stored, []);
  const timeline = async (leadId = stored.leadId) =>
    (await deps.interactions.listTimeline(leadId, { limit: 20 })).items;
  return { deps, clock, sent, stored, timeline };
};

describe('sendWhatsApp: where it goes', () => {
  it('sends to the WhatsApp id the lead wrote from when it has no phone', async () => {
    const { deps, sent, stored } = await world({ phone: undefined, waId: '447700900123' });

    await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, {}, deps);

    expect(sent.map((request) => request.to)).toEqual(['+447700900123']);
  });

  it('prefers the number the agent keeps on the lead over its WhatsApp id', async () => {
    const { deps, sent, stored } = await world({ waId: '447700900123' });

    await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, {}, deps);

    expect(sent.map((request) => request.to)).toEqual(['+12125550142']);
  });

  it('refuses a lead with no number at all, naming the reason, and counts it', async () => {
    const { deps, sent, stored } = await world({ phone: undefined });

    const refused = sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, {}, deps);

    await expect(refused).rejects.toBeInstanceOf(NoWhatsAppNumberError);
    await expect(refused).rejects.toMatchObject({ extensions: { reason: 'no_phone' } });
    expect(sent).toEqual([]);
    expect(deps.counted).toEqual(['WhatsAppSendRefused']);
  });

  it('refuses a number WhatsApp said it cannot deliver to, even a template', async () => {
    const { deps, sent, stored } = await world({ phoneStatus: 'invalid' });

    await expect(
      sendWhatsApp(
        dana,
        stored.leadId,
        { template: { name: 'x', language: 'en_US', parameters: [] } },
        {},
        deps,
      ),
    ).rejects.toBeInstanceOf(UndeliverableNumberError);
    expect(sent).toEqual([]);
  });

  it('refuses free text to a lead who never wrote', async () => {
    const { deps, sent, stored } = await world({ lastInboundAt: undefined });

    await expect(sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, {}, deps)).rejects.toMatchObject({
      name: 'WindowClosedError',
    });
    expect(sent).toEqual([]);
  });
});

describe('sendWhatsApp: Idempotency-Key', () => {
  it('answers a repeat with the message first sent, sending once', async () => {
    const { deps, sent, stored, timeline } = await world();
    const first = await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-1' }, deps);

    const again = await sendWhatsApp(dana, stored.leadId, { text: 'Hi!' }, { idempotencyKey: 'k-1' }, deps);

    expect(again).toEqual(first);
    expect(sent).toHaveLength(1);
    expect(await timeline()).toHaveLength(1);
  });

  it('sends every request that carries no key', async () => {
    const { deps, sent, stored, timeline } = await world();

    await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, {}, deps);
    await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, {}, deps);

    expect(sent).toHaveLength(2);
    expect(await timeline()).toHaveLength(2);
  });

  it('replays each key with its own message', async () => {
    const { deps, stored } = await world();
    const first = await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-1' }, deps);
    const second = await sendWhatsApp(
      dana,
      stored.leadId,
      { text: 'Second' },
      { idempotencyKey: 'k-2' },
      deps,
    );

    expect(await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-1' }, deps)).toEqual(
      first,
    );
    expect(
      await sendWhatsApp(dana, stored.leadId, { text: 'Second' }, { idempotencyKey: 'k-2' }, deps),
    ).toEqual(second);
  });

  it('keeps one agent key apart from another agent same key', async () => {
    const { deps, sent, stored } = await world();
    const admin = createMockActor({ agentId: 'agent-admin', role: 'admin', email: 'admin@example.com' });
    await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-1' }, deps);

    await sendWhatsApp(
      admin,
      stored.leadId,
      { text: 'Hello from the office' },
      { idempotencyKey: 'k-1' },
      deps,
    );

    expect(sent.map((request) => request.body)).toEqual(['Hi', 'Hello from the office']);
  });

  it('refuses a key already used for another lead', async () => {
    const { deps, stored } = await world();
    const other = createMockLead({ phone: '+12125550143', lastInboundAt: '2026-03-02T10:00:00.000Z' });
    await deps.leads.create(other, []);
    await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-1' }, deps);

    const refused = sendWhatsApp(dana, other.leadId, { text: 'Hi' }, { idempotencyKey: 'k-1' }, deps);

    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toThrow('This Idempotency-Key was already used for another lead');
  });

  it('answers 409 in progress while the first request with the key has not recorded its send', async () => {
    const { deps, sent, stored } = await world();
    await deps.receipts.claim({ scope: 'idem-send', key: `${dana.agentId}:k-1`, ttlSeconds: 86_400 });

    await expect(
      sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-1' }, deps),
    ).rejects.toBeInstanceOf(IdempotentRequestInProgressError);
    expect(sent).toEqual([]);
  });

  it('does not replay a send older than a day under a key taken again', async () => {
    const { deps, clock, sent, stored } = await world();
    await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-1' }, deps);
    clock.advance(24 * 60 * 60 * 1000 + 1000);
    // The key was taken again by a request still under way.
    await deps.receipts.claim({ scope: 'idem-send', key: `${dana.agentId}:k-1`, ttlSeconds: 86_400 });

    await expect(
      sendWhatsApp(
        dana,
        stored.leadId,
        { template: { name: 'x', language: 'en_US', parameters: [] } },
        { idempotencyKey: 'k-1' },
        deps,
      ),
    ).rejects.toBeInstanceOf(IdempotentRequestInProgressError);
    expect(sent).toHaveLength(1);
  });

  it('replays a send made exactly a day ago while the key is held', async () => {
    const { deps, clock, stored } = await world();
    const first = await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-1' }, deps);
    clock.advance(24 * 60 * 60 * 1000);
    await deps.receipts.claim({ scope: 'idem-send', key: `${dana.agentId}:k-1`, ttlSeconds: 60 });

    expect(await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-1' }, deps)).toEqual(
      first,
    );
  });

  it('keeps the key taken after a timeout that may have sent, and frees it after a failure that did not', async () => {
    const { deps, sent, stored } = await world({}, [
      new ChannelUnavailableError(30, true),
      new ChannelUnavailableError(30, false),
    ]);

    await expect(
      sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-timeout' }, deps),
    ).rejects.toBeInstanceOf(ChannelUnavailableError);
    await expect(
      sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-timeout' }, deps),
    ).rejects.toBeInstanceOf(IdempotentRequestInProgressError);

    await expect(
      sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-down' }, deps),
    ).rejects.toBeInstanceOf(ChannelUnavailableError);
    await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, { idempotencyKey: 'k-down' }, deps);
    expect(sent).toHaveLength(1);
  });
});
