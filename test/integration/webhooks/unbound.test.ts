import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../helpers/local-api';
import {
  facebookComment,
  leadsNamed,
  leadWithPhone,
  postWebhook,
  signInAgents,
  webhookEnv,
  whatsAppText,
} from '../../helpers/webhooks';

// A deployed stack whose Meta secret does not yet name the Page or the number: nothing to bind events to.
const sandbox = webhookEnv();
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ ...sandbox.env, WHATSAPP_PHONE_NUMBER_ID: '', FACEBOOK_PAGE_ID: '' });
  await signInAgents(api);
});
afterAll(() => api.close());

describe('webhooks while the brokerage has no Page id or number id', () => {
  it('answers a signed Facebook comment 503 with Retry-After, so Meta redelivers, and stores nothing', async () => {
    const res = await postWebhook(
      api,
      'facebook',
      facebookComment({ fromId: '100000000000941', name: 'Too Early', message: 'Price?' }),
    );

    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('900');
    expect(res.body.detail).toMatch(/Facebook Page id/);
    expect(await leadsNamed(api, 'Too Early')).toEqual([]);
  });

  it('answers a signed WhatsApp message 503 and stores nothing', async () => {
    const res = await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550142', text: 'Hi' }));

    expect(res.status).toBe(503);
    expect(res.body.detail).toMatch(/WhatsApp phone number id/);
    expect(await leadWithPhone(api, '+12125550142')).toBeUndefined();
  });

  it('still answers an unsigned delivery 401 first', async () => {
    const res = await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550142', text: 'Hi' }), {
      signature: null,
    });

    expect(res.status).toBe(401);
  });
});
