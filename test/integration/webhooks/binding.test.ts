import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSandboxLead } from '../../../lambdas/adapters/whatsapp/sandbox-lead-ads';
import type { LeadgenLead } from '../../../schemas/events/facebook';
import { startTestApi, type TestApi } from '../../helpers/local-api';
import {
  facebookComment,
  fixture,
  leadsNamed,
  leadWithPhone,
  postWebhook,
  signInAgents,
  webhookEnv,
  whatsAppText,
} from '../../helpers/webhooks';

const sandbox = webhookEnv();
const OTHER_PAGE_ID = '100000000000399';
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(sandbox.env);
  await signInAgents(api);
});
afterAll(() => api.close());

describe('webhooks bound to the brokerage', () => {
  it("leaves a signed comment on another business's Page alone", async () => {
    const body = facebookComment({ fromId: '100000000000931', name: 'Elsewhere Fan', message: 'Price?' });
    body.entry[0]!.id = OTHER_PAGE_ID;

    const res = await postWebhook(api, 'facebook', body);

    expect(res.status).toBe(200);
    expect(await leadsNamed(api, 'Elsewhere Fan')).toEqual([]);
  });

  it("leaves a signed lead form of another business's Page alone", async () => {
    const lead = fixture<LeadgenLead>('facebook', 'leadgen-lead');
    Object.assign(lead, { id: '4444444444444431' });
    lead.field_data = [
      { name: 'full_name', values: ['Elsewhere Form'] },
      { name: 'phone_number', values: ['+12125550131'] },
    ];
    await saveSandboxLead(sandbox.env.SANDBOX_LEADGEN_DIR, lead);
    const body = fixture('facebook', 'leadgen');
    body.entry[0].id = OTHER_PAGE_ID;
    Object.assign(body.entry[0].changes[0].value, { leadgen_id: lead.id, page_id: OTHER_PAGE_ID });

    const res = await postWebhook(api, 'facebook', body);

    expect(res.status).toBe(200);
    expect(await leadWithPhone(api, '+12125550131')).toBeUndefined();
  });

  it('leaves a signed WhatsApp message to another business number alone, and takes one to ours', async () => {
    // The fixture with another business number in its metadata, as Meta sends for a sibling number.
    const other = JSON.parse(
      JSON.stringify(whatsAppText({ from: '12125550132', name: 'Wrong Number', text: 'Hi' })).replace(
        '"phone_number_id":"100000000000201"',
        '"phone_number_id":"100000000000299"',
      ),
    );
    const ours = whatsAppText({ from: '12125550133', name: 'Right Number', text: 'Hi' });

    const [otherRes, oursRes] = [
      await postWebhook(api, 'whatsapp', other),
      await postWebhook(api, 'whatsapp', ours),
    ];

    expect([otherRes.status, oursRes.status]).toEqual([200, 200]);
    expect(await leadWithPhone(api, '+12125550132')).toBeUndefined();
    expect(await leadWithPhone(api, '+12125550133')).toMatchObject({ name: 'Right Number' });
  });
});
