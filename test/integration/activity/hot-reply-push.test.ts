import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceIdOf } from '../../../lambdas/domain/notifications/register-device';
import type { PushOutboxEntry } from '../../../lambdas/ports/outbox';
import type { StreamPoller } from '../../../lib/local/stream-poller';
import { startTestActivity } from '../../helpers/activity';
import { agent1, startTestApi, type TestApi } from '../../helpers/local-api';
import { postWebhook, signInAgents, waIdOf, webhookEnv, whatsAppText } from '../../helpers/webhooks';

const sandbox = webhookEnv();
const PHONE_TOKEN = '5b8e2d4a7c1f9036e2b4d8a6c0f1e3b5d7a9c2e4f6b8d0a1c3e5f7b9d2a4c6e80';
let api: TestApi;
let activity: StreamPoller;

beforeAll(async () => {
  api = await startTestApi(sandbox.env);
  await signInAgents(api);
  activity = await startTestActivity(api.tableName, 'hot-reply-push');
  const phone = await api.call('POST', '/agents/me/devices', {
    as: agent1,
    body: { platform: 'ios', token: PHONE_TOKEN },
  });
  expect(phone.status).toBe(201);
}, 60_000);
afterAll(async () => {
  await activity?.stop();
  await api?.close();
});

/** One of agent1's leads, at the temperature the agent set (it sticks through rescoring). */
const leadAt = async (temperature: 'hot' | 'warm', phone: string): Promise<string> => {
  const created = await api.call('POST', '/leads', {
    as: agent1,
    body: { name: 'Noor Haddad', phone, source: 'website' },
  });
  expect(created.status).toBe(201);
  const set = await api.call('PATCH', `/leads/${created.body.leadId}`, {
    as: agent1,
    headers: { 'if-match': String(created.body.version) },
    body: { temperature },
  });
  expect(set.status).toBe(200);
  expect(set.body.temperature).toBe(temperature);
  return created.body.leadId;
};

const writesOnWhatsApp = async (phone: string, text: string) => {
  const res = await postWebhook(api, 'whatsapp', whatsAppText({ from: waIdOf(phone), text }));
  expect(res.status).toBe(200);
};

/** What reached agent1's phone about a lead, once the stream has been read to its end. */
const pushedAbout = async (leadId: string): Promise<PushOutboxEntry[]> => {
  await activity.drained();
  return (await sandbox.outbox.list()).filter(
    (entry): entry is PushOutboxEntry =>
      entry.channel === 'push' && entry.deviceId === deviceIdOf(PHONE_TOKEN) && entry.data.leadId === leadId,
  );
};

describe("a hot lead's reply reaches the agent's phone", () => {
  it('on every message the lead writes, before and after the agent has written back, once each', async () => {
    const phone = '+1 212 555 0171';
    const leadId = await leadAt('hot', phone);

    await writesOnWhatsApp(phone, 'Is the Albert Road house still for sale?');
    expect(await pushedAbout(leadId)).toHaveLength(1);

    const answer = await api.call('POST', `/leads/${leadId}/whatsapp`, {
      as: agent1,
      body: { text: 'It is. Would Saturday at 10 suit you for a viewing?' },
    });
    expect(answer.status).toBe(201);
    await writesOnWhatsApp(phone, 'Saturday works');
    await writesOnWhatsApp(phone, 'Can I bring my partner?');

    const pushed = await pushedAbout(leadId);
    expect(pushed).toHaveLength(3);
    for (const notice of pushed) {
      expect(notice.data).toEqual({ kind: 'lead.replied', leadId, channel: 'whatsapp' });
      // The lock screen shows neither the lead's words nor their name.
      expect(JSON.stringify(notice)).not.toMatch(/Saturday|partner|Albert|Noor/);
    }
  });

  it('not again when the stream hands the same records over a second time', async () => {
    const phone = '+1 212 555 0172';
    const leadId = await leadAt('hot', phone);
    await writesOnWhatsApp(phone, 'Hello again');
    await writesOnWhatsApp(phone, 'Any news on the offer?');
    expect(await pushedAbout(leadId)).toHaveLength(2);

    // A second reader of the whole stream: every record of the table is delivered again.
    const again = await startTestActivity(api.tableName, 'hot-reply-push-redelivered');
    await again.drained();
    await again.stop();

    expect(await pushedAbout(leadId)).toHaveLength(2);
  });

  it("and a warm lead's reply does not", async () => {
    const phone = '+1 212 555 0173';
    const leadId = await leadAt('warm', phone);
    await writesOnWhatsApp(phone, 'Just browsing for now, thanks');
    await writesOnWhatsApp(phone, 'Maybe in spring');
    expect(await pushedAbout(leadId)).toEqual([]);
  });
});
