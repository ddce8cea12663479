import type { Context, ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSandboxLead, setSandboxTokenExpired } from '../../../lambdas/adapters/whatsapp/sandbox-lead-ads';
import type { LeadgenLead } from '../../../schemas/events/facebook';
import { admin, agent1, type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import { fixture, leadsNamed, postWebhook, signInAgents, webhookEnv } from '../../helpers/webhooks';

const sandbox = webhookEnv();
const leadgenDir = sandbox.env.SANDBOX_LEADGEN_DIR;
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(sandbox.env);
  await signInAgents(api);
});
afterAll(async () => {
  await setSandboxTokenExpired(leadgenDir, false);
  await api.close();
});

/** Stores the form's answers where the sandbox Graph API serves them, and returns its leadgen webhook. */
const leadForm = async (leadgenId: string, name: string, phone: string) => {
  const lead = fixture<LeadgenLead>('facebook', 'leadgen-lead');
  lead.id = leadgenId;
  lead.field_data = [
    { name: 'full_name', values: [name] },
    { name: 'phone_number', values: [phone] },
    { name: 'when_are_you_looking_to_move?', values: ['Within 3 months'] },
  ];
  await saveSandboxLead(leadgenDir, lead);
  const body = fixture('facebook', 'leadgen');
  body.entry[0].changes[0].value.leadgen_id = leadgenId;
  return body;
};

const parked = async (as = admin) => api.call('GET', '/admin/parked-leads', { as });

/** The scheduled job's own handler, as EventBridge (or `npm start`'s interval) invokes it. */
const runScheduledRetry = async () => {
  const { handler } = await import('../../../lambdas/handlers/scheduled/retry-parked-leadgens');
  const event = { source: 'aws.events', 'detail-type': 'Scheduled Event' } as ScheduledEvent;
  return handler(event, { functionName: 'retryParkedLeadgens', awsRequestId: 'local' } as Context);
};

describe('Lead Ads forms Meta will not let us read', () => {
  it('parks a form whose read fails for an expired token, then makes its lead once the token is renewed', async () => {
    await setSandboxTokenExpired(leadgenDir, true);

    const res = await postWebhook(
      api,
      'facebook',
      await leadForm('4444444444444461', 'Hana Kovacs', '+1 212 555 0161'),
    );

    expect(res.status).toBe(200);
    expect(await leadsNamed(api, 'Hana Kovacs')).toEqual([]);
    const list = await parked();
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        leadgenId: '4444444444444461',
        pageId: '100000000000301',
        formId: '1234567890123',
        code: 190,
        attempts: 1,
      }),
    ]);
    // Ids only: nothing the person wrote is kept while it waits.
    expect(JSON.stringify(list.body)).not.toMatch(/Hana|0161|Within 3 months/);

    const stillExpired = await api.call('POST', '/admin/parked-leads/retry', { as: admin });
    expect(stillExpired.body).toMatchObject({ tried: 1, recorded: 0, stillParked: 1 });
    expect((await parked()).body.items).toEqual([expect.objectContaining({ attempts: 2, code: 190 })]);

    await setSandboxTokenExpired(leadgenDir, false);
    const report = await runScheduledRetry();
    const again = await api.call('POST', '/admin/parked-leads/retry', { as: admin });

    const leads = await leadsNamed(api, 'Hana Kovacs');
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ phone: '+12125550161', source: 'facebook_lead_ad' });
    expect(leads[0].initialMessage).toContain('When are you looking to move?: Within 3 months');
    expect(report).toMatchObject({ tried: 1, recorded: 1, stillParked: 0 });
    expect(again.body).toEqual({ tried: 0, recorded: 0, stillParked: 0, outcomes: [] });
    expect((await parked()).body.items).toEqual([]);
  });

  it('shows the parked forms and their retry to brokerage admins only', async () => {
    await setSandboxTokenExpired(leadgenDir, true);
    await postWebhook(api, 'facebook', await leadForm('4444444444444462', 'Noor Aziz', '+1 212 555 0162'));

    const agentList = await parked(agent1);
    const agentRetry = await api.call('POST', '/admin/parked-leads/retry', { as: agent1 });

    expect(agentList.status).toBe(404);
    expect(agentRetry.status).toBe(404);
    expect(agentList.headers.get('content-type')).toBe('application/problem+json');
    const adminList = await parked();
    expect(adminList.body.items.map((item: Json) => item.leadgenId)).toEqual(['4444444444444462']);
    expect(adminList.body.items[0].attempts).toBe(1);
  });
});
