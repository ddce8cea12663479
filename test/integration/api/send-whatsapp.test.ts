import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import {
  leadWithPhone,
  ownerOf,
  postWebhook,
  signInAgents,
  timelineOf,
  webhookEnv,
  whatsAppText,
} from '../../helpers/webhooks';

const sandbox = webhookEnv();
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(sandbox.env);
  await signInAgents(api);
});
afterAll(() => api.close());

/** A lead that wrote on WhatsApp `hoursAgo` hours ago. */
const leadWhoWrote = async (phoneDigits: string, hoursAgo = 0): Promise<Json> => {
  const timestamp = Math.floor(Date.now() / 1000) - hoursAgo * 3600;
  await postWebhook(
    api,
    'whatsapp',
    whatsAppText({ from: phoneDigits, text: 'Is it still available?', timestamp }),
  );
  return leadWithPhone(api, `+${phoneDigits}`);
};

const send = (lead: Json, body: unknown, headers: Record<string, string> = {}) =>
  api.call('POST', `/leads/${lead.leadId}/whatsapp`, { as: ownerOf(lead), body, headers });

const lastSent = async () => (await sandbox.outbox.list()).at(-1);

describe('POST /leads/{leadId}/whatsapp', () => {
  it('sends free text inside the 24-hour window and records it on the timeline with its wamid', async () => {
    const lead = await leadWhoWrote('12125550150', 2);

    const res = await send(lead, { text: 'Yes! Would Saturday at 11am suit you?' });

    expect(res.status).toBe(201);
    expect(await lastSent()).toMatchObject({
      kind: 'text',
      to: '+12125550150',
      body: 'Yes! Would Saturday at 11am suit you?',
      wamid: res.body.externalId,
    });
    expect(res.body).toMatchObject({
      type: 'whatsapp',
      direction: 'outbound',
      text: 'Yes! Would Saturday at 11am suit you?',
      deliveryStatus: 'accepted',
      createdBy: lead.agentId,
    });
    const timeline = await timelineOf(api, lead.leadId);
    expect(timeline[0]).toEqual(res.body);
  });

  it('refuses free text outside the window with 422 and a clear reason, sending nothing', async () => {
    const lead = await leadWhoWrote('12125550151', 30);
    const before = (await sandbox.outbox.list()).length;

    const res = await send(lead, { text: 'Still interested?' });

    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/24-hour window is closed; send an approved template/);
    expect(await sandbox.outbox.list()).toHaveLength(before);
  });

  it('sends an approved template outside the window', async () => {
    const lead = await leadWhoWrote('12125550152', 30);

    const res = await send(lead, {
      template: { name: 'property_follow_up', language: 'en_US', parameters: ['Dana', 'Maple Ave'] },
    });

    expect(res.status).toBe(201);
    expect(await lastSent()).toMatchObject({
      kind: 'template',
      template: { name: 'property_follow_up', language: 'en_US', bodyParameters: ['Dana', 'Maple Ave'] },
    });
    expect(res.body.text).toBe('Template property_follow_up: Dana · Maple Ave');
  });

  it('sends a property photo with its caption inside the window', async () => {
    const lead = await leadWhoWrote('12125550153');

    const res = await send(lead, {
      media: {
        kind: 'image',
        link: 'https://example.com/listings/maple-ave.jpg',
        caption: '3-bed on Maple Ave',
      },
    });

    expect(res.status).toBe(201);
    expect(await lastSent()).toMatchObject({
      kind: 'image',
      media: { link: 'https://example.com/listings/maple-ave.jpg', caption: '3-bed on Maple Ave' },
    });
  });

  it('refuses a lead without a phone number with 422', async () => {
    const created = await api.call('POST', '/leads', {
      as: agent1,
      body: { name: 'Email Only', email: 'email.only@example.com' },
    });

    const res = await send(created.body, {
      template: { name: 'property_follow_up', language: 'en_US', parameters: [] },
    });

    expect(res.status).toBe(422);
    expect(res.body.reason).toBe('no_phone');
  });

  it("answers another agent's lead with 404 and sends nothing", async () => {
    const lead = await leadWhoWrote('12125550154');
    const stranger = lead.agentId === agent1.sub ? agent2 : agent1;
    const before = (await sandbox.outbox.list()).length;

    const res = await api.call('POST', `/leads/${lead.leadId}/whatsapp`, {
      as: stranger,
      body: { text: 'Hi' },
    });

    expect(res.status).toBe(404);
    expect(await sandbox.outbox.list()).toHaveLength(before);
  });

  it('sends once for a repeated Idempotency-Key and answers the repeat with the first message', async () => {
    const lead = await leadWhoWrote('12125550155');
    const before = (await sandbox.outbox.list()).length;
    const headers = { 'idempotency-key': 'b0d4c1f6-reply-1' };

    const first = await send(lead, { text: 'See you Saturday!' }, headers);
    const again = await send(lead, { text: 'See you Saturday!' }, headers);

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await sandbox.outbox.list()).toHaveLength(before + 1);
  });

  it('answers a body with both text and a template with 400 saying to send exactly one', async () => {
    const lead = await leadWhoWrote('12125550156');
    const before = (await sandbox.outbox.list()).length;

    const res = await send(lead, { text: 'Hi', template: { name: 'x', language: 'en_US' } });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'body', message: 'send exactly one of text, template or media' },
    ]);
    expect(await sandbox.outbox.list()).toHaveLength(before);
  });

  it('names the field inside the one part sent when that part is wrong', async () => {
    const lead = await leadWhoWrote('12125550157');

    const res = await send(lead, { template: { name: 'property_follow_up', language: 'english' } });

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['template.language']);
  });
});
