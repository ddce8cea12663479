import { describe, expect, it, vi } from 'vitest';
import { createGraphApiMessaging } from '../../../../lambdas/adapters/whatsapp/graph-api-messaging';
import { sendWhatsApp } from '../../../../lambdas/domain/messaging/send-whatsapp';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { Lead } from '../../../../schemas/api/leads';
import { createMockActor, createMockLead } from '../../../helpers/factories';
import { createInMemoryMessagingDeps } from './in-memory-messaging';

const NOW = '2026-03-02T14:00:00.000Z';
const dana = createMockActor();

const graphOk = () =>
  Response.json({
    messaging_product: 'whatsapp',
    contacts: [{ input: '12125550170', wa_id: '12125550170' }],
    messages: [{ id: 'wamid.COUNTED' }],
  });
const graphError = (code: number, message: string) =>
  Response.json(
    { error: { message: `(#${code}) ${message}`, type: 'OAuthException', code, fbtrace_id: 'AbCdEfGh' } },
    { status: 400 },
  );

/** A stored lead, the Graph API adapter answering `reply` every time, and the counts with their dimensions. */
const setup = async (reply: () => Response, lead: Partial<Lead> = {}) => {
  const deps = createInMemoryMessagingDeps(fixedClock(NOW), {
    messaging: createGraphApiMessaging({
      accessToken: 'test-access-token',
      phoneNumberId: '100000000000201',
      fetch: vi.fn(async () => reply()) as unknown as typeof globalThis.fetch,
      sleep: async () => undefined,
      random: () => 0.5,
    }),
  });
  const counted: { metric: string; dimensions?: Record<string, string> }[] = [];
  deps.metrics = {
    count: (metric, _value, dimensions) => counted.push({ metric, ...(dimensions && { dimensions }) }),
  };
  const stored = createMockLead({
    phone: '+12125550170',
    lastInboundAt: '2026-03-02T10:00:00.000Z',
    ...lead,
  });
  await deps.leads.create(stored, []);
  return { deps, counted, leadId: stored.leadId };
};

describe('sendWhatsApp counts refused sends by reason', () => {
  it.each([
    ['opted_out', graphOk, { consent: { whatsapp: 'opted_out' } }],
    ['no_phone', graphOk, { phone: undefined }],
    ['undeliverable_number', graphOk, { phoneStatus: 'invalid' }],
    ['window_closed', graphOk, { lastInboundAt: '2026-02-20T10:00:00.000Z' }],
    ['invalid_recipient', () => graphError(131026, 'Message undeliverable'), {}],
    ['rate_limited', () => graphError(130429, 'Rate limit hit'), {}],
    ['rejected', () => graphError(132001, 'Template name does not exist in the translation'), {}],
  ] as [string, () => Response, Partial<Lead>][])('%s', async (reason, reply, lead) => {
    const { deps, counted, leadId } = await setup(reply, lead);

    await expect(sendWhatsApp(dana, leadId, { text: 'Hi' }, {}, deps)).rejects.toThrow();

    expect(counted).toEqual([{ metric: 'WhatsAppSendRefused', dimensions: { reason } }]);
  });

  it('counts nothing for a send that goes out', async () => {
    const { deps, counted, leadId } = await setup(graphOk);

    await sendWhatsApp(dana, leadId, { text: 'Hi' }, {}, deps);

    expect(counted).toEqual([]);
  });

  it("counts nothing for another agent's lead, which is no refusal of a send", async () => {
    const { deps, counted, leadId } = await setup(graphOk, { agentId: 'agent-omar-haddad' });

    await expect(sendWhatsApp(dana, leadId, { text: 'Hi' }, {}, deps)).rejects.toThrow();

    expect(counted).toEqual([]);
  });
});
