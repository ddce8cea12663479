import { describe, expect, it, vi } from 'vitest';
import { createGraphApiMessaging } from '../../../../lambdas/adapters/whatsapp/graph-api-messaging';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import {
  ChannelUnavailableError,
  InvalidRecipientError,
  RateLimitedError,
  WindowClosedError,
} from '../../../../lambdas/domain/messaging/messaging-errors';
import { LeadOptedOutError } from '../../../../lambdas/domain/messaging/send-refusals';
import { sendWhatsApp } from '../../../../lambdas/domain/messaging/send-whatsapp';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { toProblem } from '../../../../lambdas/shared/http/problem';
import type { Lead } from '../../../../schemas/api/leads';
import { createMockActor, createMockLead } from '../../../helpers/factories';
import { createInMemoryMessagingDeps } from './in-memory-messaging';

const NOW = '2026-03-02T14:00:00.000Z';
const dana = createMockActor();

const graphOk = (wamid: string) =>
  Response.json({
    messaging_product: 'whatsapp',
    contacts: [{ input: '12125550142', wa_id: '12125550142' }],
    messages: [{ id: wamid }],
  });

const graphError = (code: number, message: string, status = 400) =>
  Response.json(
    { error: { message: `(#${code}) ${message}`, type: 'OAuthException', code, fbtrace_id: 'AbCdEfGh' } },
    { status },
  );

/** The Graph API adapter on a fetch that answers from a script (the last reply repeats) and sleeps no time. */
const setup = (replies: Response[], lead: Partial<Lead> = {}) => {
  const calls: { url: string; body: unknown }[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), body: JSON.parse(String(init?.body)) });
    return replies[Math.min(calls.length - 1, replies.length - 1)]!.clone();
  });
  const clock = fixedClock(NOW);
  const deps = createInMemoryMessagingDeps(clock, {
    messaging: createGraphApiMessaging({
      accessToken: 'test-access-token',
      phoneNumberId: '100000000000201',
      fetch: fetch as unknown as typeof globalThis.fetch,
      sleep: async () => undefined,
      random: () => 0.5,
    }),
  });
  const stored = createMockLead({
    phone: '+12125550142',
    lastInboundAt: '2026-03-02T10:00:00.000Z',
    ...lead,
  });
  return { deps, calls, stored, clock };
};

const timeline = async (deps: ReturnType<typeof setup>['deps'], leadId: string) =>
  (await deps.interactions.listTimeline(leadId, { limit: 50 })).items;

describe('sendWhatsApp', () => {
  it('sends free text inside the window and records it with its wamid, then rescores fast', async () => {
    const { deps, calls, stored } = setup([graphOk('wamid.HBgLMTIxMjU1NTAxNDIVAgARGBJBQkNERUYA')]);
    await deps.leads.create(stored, []);

    const message = await sendWhatsApp(dana, stored.leadId, { text: 'Saturday at 11am?' }, {}, deps);

    expect(calls[0]?.body).toMatchObject({
      to: '12125550142',
      type: 'text',
      text: { body: 'Saturday at 11am?' },
    });
    expect(message).toMatchObject({
      direction: 'outbound',
      externalId: 'wamid.HBgLMTIxMjU1NTAxNDIVAgARGBJBQkNERUYA',
      deliveryStatus: 'accepted',
      createdBy: dana.agentId,
      text: 'Saturday at 11am?',
      metadata: { channel: 'whatsapp', messageType: 'text' },
    });
    expect(await timeline(deps, stored.leadId)).toEqual([message]);
    expect(await deps.refs.find(message.externalId!)).toMatchObject({ interactionId: message.interactionId });
    expect((await deps.leads.get(stored.leadId))?.lastInteractionAt).toBe(NOW);
    expect(deps.rescores).toEqual([
      { leadId: stored.leadId, trigger: 'message_out', options: { fast: true } },
    ]);
  });

  it('maps Meta 131047 (window closed) to the same 422 as its own window check, recording nothing', async () => {
    const { deps, stored } = setup([graphError(131047, 'Re-engagement message')]);
    await deps.leads.create(stored, []);

    const sending = sendWhatsApp(dana, stored.leadId, { text: 'Hello again' }, {}, deps);

    await expect(sending).rejects.toBeInstanceOf(WindowClosedError);
    expect(toProblem(await sending.catch((error: unknown) => error)).statusCode).toBe(422);
    expect(await timeline(deps, stored.leadId)).toEqual([]);
  });

  it('marks the number undeliverable on Meta 131026 and answers 422', async () => {
    const { deps, stored } = setup([graphError(131026, 'Message undeliverable')]);
    await deps.leads.create(stored, []);

    await expect(sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, {}, deps)).rejects.toBeInstanceOf(
      InvalidRecipientError,
    );

    expect((await deps.leads.get(stored.leadId))?.phoneStatus).toBe('invalid');
    expect((await timeline(deps, stored.leadId)).map((item) => item.text)).toEqual([
      'WhatsApp cannot deliver to this number (131026)',
    ]);
  });

  it('retries a throttled send (130429) and records it once it goes through', async () => {
    const { deps, calls, stored } = setup([graphError(130429, 'Rate limit hit'), graphOk('wamid.RETRIED')]);
    await deps.leads.create(stored, []);

    const message = await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, {}, deps);

    expect(calls).toHaveLength(2);
    expect(message.externalId).toBe('wamid.RETRIED');
  });

  it('answers a throttling that outlasts the retries with 503 and Retry-After', async () => {
    const { deps, calls, stored } = setup([graphError(130429, 'Rate limit hit')]);
    await deps.leads.create(stored, []);

    const failure = await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, {}, deps).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(RateLimitedError);
    expect(calls).toHaveLength(3);
    const problem = toProblem(failure);
    expect(problem.statusCode).toBe(503);
    expect(problem.headers?.['retry-after']).toBe('60');
    expect(await timeline(deps, stored.leadId)).toEqual([]);
  });

  it('answers a Graph API that keeps failing with 5xx with 503 and Retry-After', async () => {
    const { deps, stored } = setup([new Response('Service Unavailable', { status: 503 })]);
    await deps.leads.create(stored, []);

    const failure = await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, {}, deps).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(ChannelUnavailableError);
    expect(toProblem(failure).statusCode).toBe(503);
    expect(toProblem(failure).headers?.['retry-after']).toBe('30');
  });

  it('lets the same Idempotency-Key send after a failed attempt, then replays the sent message', async () => {
    const { deps, calls, stored } = setup([
      graphError(130429, 'Rate limit hit'),
      graphError(130429, 'Rate limit hit'),
      graphError(130429, 'Rate limit hit'),
      graphOk('wamid.AFTER.RETRY'),
    ]);
    await deps.leads.create(stored, []);
    const key = { idempotencyKey: 'reply-7' };

    await expect(sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, key, deps)).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    const sent = await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, key, deps);
    const replayed = await sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, key, deps);

    expect(replayed).toEqual(sent);
    expect(calls).toHaveLength(4);
    expect(await timeline(deps, stored.leadId)).toHaveLength(1);
  });

  it('sends a template outside the window', async () => {
    const { deps, calls, stored, clock } = setup([graphOk('wamid.TEMPLATE')]);
    await deps.leads.create(stored, []);
    clock.advance(30 * 60 * 60 * 1000);

    const sent = await sendWhatsApp(
      dana,
      stored.leadId,
      { template: { name: 'property_follow_up', language: 'en_US', parameters: ['Dana', '22 Albert Road'] } },
      {},
      deps,
    );

    expect(calls[0]?.body).toMatchObject({
      type: 'template',
      template: { name: 'property_follow_up', language: { code: 'en_US' } },
    });
    // The timeline names the template and the values the lead read.
    expect(sent.text).toBe('Template property_follow_up: Dana · 22 Albert Road');
    expect((await timeline(deps, stored.leadId)).map((entry) => entry.text)).toEqual([
      'Template property_follow_up: Dana · 22 Albert Road',
    ]);
  });

  it('names a template without values by its name alone', async () => {
    const { deps, stored, clock } = setup([graphOk('wamid.TEMPLATE2')]);
    await deps.leads.create(stored, []);
    clock.advance(30 * 60 * 60 * 1000);

    const sent = await sendWhatsApp(
      dana,
      stored.leadId,
      { template: { name: 'hello_again', language: 'en_US', parameters: [] } },
      {},
      deps,
    );

    expect(sent.text).toBe('Template hello_again');
  });

  it('refuses free text outside the window before calling Meta', async () => {
    const { deps, calls, stored, clock } = setup([graphOk('wamid.NEVER')]);
    await deps.leads.create(stored, []);
    clock.advance(30 * 60 * 60 * 1000);

    await expect(sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, {}, deps)).rejects.toBeInstanceOf(
      WindowClosedError,
    );
    expect(calls).toEqual([]);
  });

  it('refuses a lead who opted out before calling Meta', async () => {
    const { deps, calls, stored } = setup([graphOk('wamid.NEVER')], { consent: { whatsapp: 'opted_out' } });
    await deps.leads.create(stored, []);

    const attempt = sendWhatsApp(
      dana,
      stored.leadId,
      { template: { name: 'x', language: 'en_US', parameters: [] } },
      {},
      deps,
    );

    await expect(attempt).rejects.toBeInstanceOf(LeadOptedOutError);
    await expect(attempt).rejects.toMatchObject({
      message: 'The lead opted out of WhatsApp messages; nothing can be sent there until they opt in again',
      extensions: { reason: 'opted_out' },
    });
    expect(calls).toEqual([]);
  });

  it("answers another agent's lead with not-found", async () => {
    const { deps, calls, stored } = setup([graphOk('wamid.NEVER')], { agentId: 'agent-omar-haddad' });
    await deps.leads.create(stored, []);

    await expect(sendWhatsApp(dana, stored.leadId, { text: 'Hi' }, {}, deps)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(calls).toEqual([]);
  });
});
