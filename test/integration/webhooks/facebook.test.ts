import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSandboxLead } from '../../../lambdas/adapters/whatsapp/sandbox-lead-ads';
import type { LeadgenLead } from '../../../schemas/events/facebook';
import { type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import {
  facebookComment,
  fixture,
  getLead,
  leadsNamed,
  leadWithPhone,
  postWebhook,
  signInAgents,
  TEST_VERIFY_TOKEN,
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

const comments = (timeline: Json[]) => timeline.filter((item) => item.type === 'comment');

/** The like fixture by another person. */
const like = (fromId: string, name: string) => {
  const body = fixture('facebook', 'feed-like');
  body.entry[0].changes[0].value.from = { id: fromId, name };
  return body;
};

/** A lead-form webhook whose answers the sandbox lead-ads adapter serves, as the simulator stores them. */
const leadForm = async (leadgenId: string, answers: Partial<Record<string, string>>) => {
  const lead = fixture<LeadgenLead>('facebook', 'leadgen-lead');
  lead.id = leadgenId;
  lead.field_data = lead.field_data
    .map((field) => (field.name in answers ? { ...field, values: [answers[field.name] ?? ''] } : field))
    .filter((field) => field.values[0] !== '');
  await saveSandboxLead(sandbox.env.SANDBOX_LEADGEN_DIR, lead);
  const body = fixture('facebook', 'leadgen');
  body.entry[0].changes[0].value.leadgen_id = leadgenId;
  return body;
};

describe('POST /webhooks/facebook', () => {
  it('answers an unsigned delivery with 401 and creates no lead', async () => {
    const res = await postWebhook(
      api,
      'facebook',
      facebookComment({ fromId: '100000000000910', name: 'Unsigned Person', message: 'Price?' }),
      { signature: null },
    );

    expect(res.status).toBe(401);
    expect(await leadsNamed(api, 'Unsigned Person')).toEqual([]);
  });

  it('turns a comment on a listing post into a scored lead with the comment on its timeline', async () => {
    const res = await postWebhook(
      api,
      'facebook',
      facebookComment({
        fromId: '100000000000911',
        name: 'Nora Castillo',
        message: 'Price? Is it still available?',
      }),
    );

    expect(res.status).toBe(200);
    const [lead] = await leadsNamed(api, 'Nora Castillo');
    expect(lead).toMatchObject({ source: 'facebook_comment', engagement: { comments: 1 } });
    expect(lead.score).toBeGreaterThan(0);
    expect(comments(await timelineOf(api, lead.leadId))).toMatchObject([
      { direction: 'inbound', text: 'Price? Is it still available?' },
    ]);
  });

  it('adds a second comment by the same person to the same lead and counts it', async () => {
    await postWebhook(
      api,
      'facebook',
      facebookComment({ fromId: '100000000000912', name: 'Ben Carter', message: 'Nice!' }),
    );
    await postWebhook(
      api,
      'facebook',
      facebookComment({ fromId: '100000000000912', name: 'Ben Carter', message: 'Can I book a viewing?' }),
    );

    const leads = await leadsNamed(api, 'Ben Carter');
    expect(leads).toHaveLength(1);
    expect(leads[0].engagement.comments).toBe(2);
    expect(comments(await timelineOf(api, leads[0].leadId)).map((c) => c.text)).toEqual([
      'Can I book a viewing?',
      'Nice!',
    ]);
  });

  it('records a repeated comment delivery once', async () => {
    const delivery = facebookComment({ fromId: '100000000000913', name: 'Mia Rossi', message: 'Studio?' });

    await Promise.all(Array.from({ length: 5 }, () => postWebhook(api, 'facebook', delivery)));

    const leads = await leadsNamed(api, 'Mia Rossi');
    expect(leads).toHaveLength(1);
    expect(comments(await timelineOf(api, leads[0].leadId))).toHaveLength(1);
  });

  it("counts a known commenter's like, once, and ignores a stranger's", async () => {
    await postWebhook(
      api,
      'facebook',
      facebookComment({ fromId: '100000000000914', name: 'Leo Martins', message: 'Hi' }),
    );

    await postWebhook(api, 'facebook', like('100000000000914', 'Leo Martins'));
    await postWebhook(api, 'facebook', like('100000000000914', 'Leo Martins'));
    const stranger = await postWebhook(api, 'facebook', like('100000000000915', 'Just Browsing'));

    const [lead] = await leadsNamed(api, 'Leo Martins');
    expect(lead.engagement.likes).toBe(1);
    expect(stranger.status).toBe(200);
    expect(await leadsNamed(api, 'Just Browsing')).toEqual([]);
  });

  it('stores the good comment of a delivery whose other changes are odd, and answers 200', async () => {
    const good = facebookComment({
      fromId: '100000000000916',
      name: 'Iris Okafor',
      message: 'Two bedrooms?',
    });
    const share = fixture('facebook', 'feed-share');
    share.entry[0].changes[0].value.share_id = 300000000000002;
    const delivery = {
      object: 'page',
      entry: [
        {
          ...good.entry[0],
          changes: [
            { field: 'feed' },
            { field: 'ratings', value: { item: 'rating', verb: 'add', rating: 5 } },
            ...share.entry[0].changes,
            ...(good.entry[0]?.changes ?? []),
          ],
        },
      ],
    };

    const res = await postWebhook(api, 'facebook', delivery);

    expect(res.status).toBe(200);
    const [lead] = await leadsNamed(api, 'Iris Okafor');
    expect(lead).toMatchObject({ source: 'facebook_comment', engagement: { comments: 1 } });
    expect(comments(await timelineOf(api, lead.leadId))).toMatchObject([{ text: 'Two bedrooms?' }]);
  });

  it('turns a lead form into a lead with its answers', async () => {
    const res = await postWebhook(
      api,
      'facebook',
      await leadForm('4444444444444401', {
        full_name: 'Priya Nair',
        phone_number: '+1 212 555 0160',
        email: 'Priya.Nair@example.com',
      }),
    );

    expect(res.status).toBe(200);
    const lead = await leadWithPhone(api, '+12125550160');
    expect(lead).toMatchObject({
      name: 'Priya Nair',
      email: 'priya.nair@example.com',
      source: 'facebook_lead_ad',
      profile: { location: 'Brooklyn' },
    });
    expect(lead.initialMessage).toContain('When are you looking to move?: Within 3 months');
    expect(lead.score).toBeGreaterThan(0);
  });

  it('adds a lead form from a known number to that lead instead of making another', async () => {
    await postWebhook(
      api,
      'whatsapp',
      whatsAppText({ from: '12125550161', name: 'Omar Haddad', text: 'Hello' }),
    );
    const known = await leadWithPhone(api, '+12125550161');

    await postWebhook(
      api,
      'facebook',
      await leadForm('4444444444444402', {
        full_name: 'Omar Haddad',
        phone_number: '+12125550161',
        email: '',
      }),
    );

    expect((await leadsNamed(api, 'Omar Haddad')).map((lead) => lead.leadId)).toEqual([known.leadId]);
    const timeline = await timelineOf(api, known.leadId);
    expect(
      timeline.some((item) => item.externalId === '4444444444444402' && /Within 3 months/.test(item.text)),
    ).toBe(true);
    expect((await getLead(api, known.leadId)).profile).toMatchObject({ location: 'Brooklyn' });
  });
});

describe('GET /webhooks/facebook (the Page subscription handshake)', () => {
  it('echoes the challenge as plain text when the verify token matches, so the Page can be subscribed', async () => {
    const res = await api.call(
      'GET',
      `/webhooks/facebook?hub.mode=subscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=2042117384`,
      { as: null },
    );

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.body).toBe(2042117384);
  });

  it('answers a wrong verify token, or no subscribe mode, with 403', async () => {
    for (const query of [
      'hub.mode=subscribe&hub.verify_token=guess&hub.challenge=2042117384',
      `hub.mode=unsubscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=2042117384`,
    ]) {
      const res = await api.call('GET', `/webhooks/facebook?${query}`, { as: null });
      expect(res.status).toBe(403);
    }
  });
});
