import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMaxBodyBytes, webhookMaxBodyBytes } from '../../../schemas/routes';
import { startTestApi, type TestApi } from '../../helpers/local-api';
import {
  leadWithPhone,
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

/**
 * A delivery of `bytes` bytes: the text-message payload with JSON whitespace between its tokens, as a
 * pretty-printing sender would write it. The signature covers every byte, so nothing can be trimmed.
 */
const deliveryOfSize = (from: string, text: string, bytes: number) => {
  const json = JSON.stringify(whatsAppText({ from, text }));
  const padding = bytes - Buffer.byteLength(json);
  return `${json.slice(0, 1)}${' '.repeat(padding)}${json.slice(1)}`;
};

describe('body limits', () => {
  it('accepts a signed 1 MB WhatsApp delivery and stores its message', async () => {
    const body = deliveryOfSize('12125550171', 'Is the loft on Pine Street still available?', 1024 * 1024);
    expect(Buffer.byteLength(body)).toBe(1024 * 1024);

    const res = await postWebhook(api, 'whatsapp', body);

    expect(res.status).toBe(200);
    const lead = await leadWithPhone(api, '+12125550171');
    expect(lead).toBeDefined();
    const timeline = await timelineOf(api, lead.leadId);
    expect(timeline.map((item) => item.text)).toContain('Is the loft on Pine Street still available?');
  });

  it('refuses a WhatsApp delivery one byte over the webhook limit with 413 and stores nothing', async () => {
    const body = deliveryOfSize('12125550172', 'Too big to read', webhookMaxBodyBytes + 1);

    const res = await postWebhook(api, 'whatsapp', body);

    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await leadWithPhone(api, '+12125550172')).toBeUndefined();
  });

  it('still refuses a 70 KiB POST /leads with 413, writing nothing', async () => {
    const before = (await api.call('GET', '/leads?limit=100')).body.items.length;

    const res = await api.call('POST', '/leads', {
      body: { name: 'Dana Lee', message: 'x'.repeat(70 * 1024) },
    });

    expect(70 * 1024).toBeGreaterThan(apiMaxBodyBytes);
    expect(res.status).toBe(413);
    expect((await api.call('GET', '/leads?limit=100')).body.items.length).toBe(before);
  });
});
