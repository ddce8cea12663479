import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileOutbox } from '../../lambdas/adapters/whatsapp/file-outbox';
import { signMetaBody } from '../../lambdas/shared/meta-signature';
import { demoBrokerageId } from '../../lib/local/demo-users';
import type { FacebookWebhookInput } from '../../schemas/events/facebook';
import type { WhatsAppWebhookInput } from '../../schemas/events/whatsapp';
import { admin, agent1, agent2, type Json, type TestApi } from './local-api';

export const TEST_APP_SECRET = 'test-app-secret';
export const TEST_VERIFY_TOKEN = 'test-verify-token';
/** The business number of the fixtures and the simulator. */
export const TEST_PHONE_NUMBER_ID = '100000000000201';
/** The Page of the Facebook fixtures and the simulator: the brokerage's own. */
export const TEST_PAGE_ID = '100000000000301';

/**
 * What `startTestApi` needs for the webhook and send routes: the demo brokerage, test credentials, no
 * access token (the sandbox), and a sandbox directory of the test file's own.
 */
export const webhookEnv = () => {
  const sandboxDir = mkdtempSync(join(tmpdir(), 'lead-crm-sandbox-'));
  return {
    sandboxDir,
    outbox: createFileOutbox(sandboxDir),
    env: {
      BROKERAGE_ID: demoBrokerageId,
      WHATSAPP_SECRET_ARN: '',
      WHATSAPP_APP_SECRET: TEST_APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
      WHATSAPP_ACCESS_TOKEN: '',
      WHATSAPP_PHONE_NUMBER_ID: TEST_PHONE_NUMBER_ID,
      FACEBOOK_PAGE_ID: TEST_PAGE_ID,
      SANDBOX_DIR: sandboxDir,
      SANDBOX_LEADGEN_DIR: join(sandboxDir, 'leadgen'),
    },
  };
};

/** A webhook body as Meta sends it, from test/fixtures/<channel>/<name>.json. */
export const fixture = <T = Json>(channel: 'whatsapp' | 'facebook', name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/${channel}/${name}.json`, import.meta.url), 'utf8')) as T;

/** Posts the exact bytes given, signed over those bytes unless a signature (or none: null) is given. */
export const postWebhook = (
  api: TestApi,
  channel: 'whatsapp' | 'facebook',
  body: unknown,
  { signature, secret = TEST_APP_SECRET }: { signature?: string | null; secret?: string } = {},
) => {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const header = signature === undefined ? signMetaBody(raw, secret) : signature;
  return api.call('POST', `/webhooks/${channel}`, {
    as: null,
    rawBody: raw,
    headers: header === null ? {} : { 'x-hub-signature-256': header },
  });
};

/** Agents exist once they have signed in; new inbound leads are routed among them. */
export const signInAgents = async (api: TestApi) => {
  for (const user of [agent1, agent2, admin]) await api.call('GET', '/agents/me', { as: user });
};

const nowSeconds = () => Math.floor(Date.now() / 1000);
let sequence = 0;
/** A wamid of Meta's shape that no other test uses. */
export const newWamid = () =>
  `wamid.HBgLMTIxMjU1NTAxNDIVAgASGBQ${Date.now().toString(36).toUpperCase()}${(sequence++).toString(36)}AA==`;

/** The text-message fixture from another sender, with a fresh wamid and time unless given. */
export const whatsAppText = ({
  from,
  text,
  name = 'Dana Lee',
  wamid = newWamid(),
  timestamp = nowSeconds(),
}: {
  from: string;
  text: string;
  name?: string;
  wamid?: string;
  timestamp?: number;
}): WhatsAppWebhookInput => {
  const body = fixture('whatsapp', 'text-message');
  const value = body.entry[0].changes[0].value;
  value.contacts[0].profile.name = name;
  value.contacts[0].wa_id = from;
  Object.assign(value.messages[0], { from, id: wamid, timestamp: String(timestamp), text: { body: text } });
  return body;
};

/** A status of one of our messages, from the status fixtures (failed carries the fixture's 131026). */
export const whatsAppStatus = (
  wamid: string,
  status: 'sent' | 'delivered' | 'read' | 'failed',
  recipient = '12125550199',
): WhatsAppWebhookInput => {
  const body = fixture('whatsapp', status === 'failed' ? 'status-failed-undeliverable' : `status-${status}`);
  Object.assign(body.entry[0].changes[0].value.statuses[0], { id: wamid, recipient_id: recipient });
  return body;
};

/** Meta's user_preferences webhook for a sender, made now unless a time (unix seconds) is given. */
export const whatsAppPreference = (
  from: string,
  value: 'stop' | 'resume',
  timestamp = nowSeconds(),
): WhatsAppWebhookInput => {
  const body = fixture('whatsapp', 'user-preferences-stop');
  const change = body.entry[0].changes[0].value;
  change.contacts[0].wa_id = from;
  Object.assign(change.user_preferences[0], { wa_id: from, value, timestamp });
  return body;
};

/** The feed-comment fixture by another person, with a fresh comment id. */
export const facebookComment = ({
  fromId,
  name,
  message,
  commentId = `100000000000777_${Date.now()}${sequence++}`,
}: {
  fromId: string;
  name: string;
  message: string;
  commentId?: string;
}): FacebookWebhookInput => {
  const body = fixture('facebook', 'feed-comment-add');
  Object.assign(body.entry[0].changes[0].value, {
    from: { id: fromId, name },
    message,
    comment_id: commentId,
    created_time: nowSeconds(),
  });
  return body;
};

/** Digits of an E.164 number, as WhatsApp ids are written. */
export const waIdOf = (phone: string) => phone.replace(/\D/g, '');

/** The brokerage's lead with this E.164 number, as the admin sees it. */
export const leadWithPhone = async (api: TestApi, phone: string): Promise<Json | undefined> => {
  const page = await api.call('GET', '/leads?limit=100', { as: admin });
  return page.body.items.find((lead: Json) => lead.phone === phone);
};

export const leadsNamed = async (api: TestApi, name: string): Promise<Json[]> => {
  const page = await api.call('GET', '/leads?limit=100', { as: admin });
  return page.body.items.filter((lead: Json) => lead.name === name);
};

export const getLead = async (api: TestApi, leadId: string): Promise<Json> =>
  (await api.call('GET', `/leads/${leadId}`, { as: admin })).body;

export const timelineOf = async (api: TestApi, leadId: string): Promise<Json[]> =>
  (await api.call('GET', `/leads/${leadId}/timeline?limit=100`, { as: admin })).body.items;

/** The demo user a lead is assigned to, to call the API as its owner. */
export const ownerOf = (lead: Json) => [agent1, agent2, admin].find((user) => user.sub === lead.agentId)!;
