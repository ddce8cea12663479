/**
 * Sends a signed Meta webhook to the local API, as WhatsApp or Facebook would.
 *
 *   npm run simulate -- whatsapp --from "+1 212 555 0142" --text "Hi, is the flat on 5th still available?" [--name "Dana Lee"] [--ad "Riverside townhouses"]
 *   npm run simulate -- whatsapp --status read --wamid wamid.XXX [--to +12125550142]
 *   npm run simulate -- whatsapp --status failed --wamid wamid.XXX --error 131047
 *   npm run simulate -- whatsapp --from "+1 212 555 0142" --stop      (or --resume: Meta's user_preferences)
 *   npm run simulate -- facebook --comment "Price?" --from-name "Dana Lee" [--post-id 100000000000301_100000000000777]
 *   npm run simulate -- facebook --reaction love --from-name "Dana Lee"
 *   npm run simulate -- facebook --leadgen --name "Dana Lee" --phone "+1 212 555 0142" --email dana.lee@example.com [--question "budget=600k"]
 *   npm run simulate -- facebook --expire-token   (or --renew-token: the sandbox Graph API's page token)
 *   npm run simulate -- email --from dana.lee@example.com --subject "Re: Viewing" --text "Saturday works" [--message-id <id>] [--auto-reply]
 *   npm run simulate -- smoke [--url <ApiUrl> --secret-arn <WhatsAppSecretArn>] [--token <an agent's ID token>]
 *
 * Smoke: read-only checks of a running stack (scripts/smoke-checks.ts), locally by default; against a deployed
 * stack, the verify token and app secret are read from its Meta secret with your AWS credentials.
 *
 * Email: the reply is built as the raw message SES receiving would store (with a quoted earlier message, as a
 * mail client adds) and posted to the local stand-in of SES receiving (`POST /_local/email`), which runs the
 * same parser and use case as the cloud function. The same --message-id twice is recorded once.
 *
 * Lead ads: Meta's leadgen webhook carries only ids and the answers are fetched from the Graph API. There is
 * no Graph API locally, so the simulator stores the answers where the sandbox lead-ads adapter reads them
 * (SANDBOX_LEADGEN_DIR, default .local/sandbox/leadgen), then posts the unmodified leadgen webhook.
 *
 * Environment: API_URL (default http://localhost:3000), WHATSAPP_APP_SECRET (default the dev value that
 * `npm start` prints), WHATSAPP_BUSINESS_ACCOUNT_ID, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_DISPLAY_PHONE_NUMBER,
 * FACEBOOK_PAGE_ID, SANDBOX_LEADGEN_DIR. The number and Page ids default to the ones `npm start` binds its
 * webhooks to (lib/local/meta-dev-ids.ts); set the same variables for both when you change them. Add --dry-run to print the body instead of sending it.
 */
import { createHash, randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { saveSandboxLead, setSandboxTokenExpired } from '../lambdas/adapters/whatsapp/sandbox-lead-ads';
import { newWamid } from '../lambdas/adapters/whatsapp/wamid';
import { signMetaBody } from '../lambdas/shared/meta-signature';
import { metaDevIds } from '../lib/local/meta-dev-ids';
import type { FacebookWebhookInput, LeadgenLead } from '../schemas/events/facebook';
import type { WhatsAppWebhookInput } from '../schemas/events/whatsapp';
import { formatSmokeChecks, runSmokeChecks } from './smoke-checks';

const env = z
  .object({
    API_URL: z.url().default('http://localhost:3000'),
    WHATSAPP_APP_SECRET: z.string().min(1).default('local-dev-app-secret'),
    WHATSAPP_VERIFY_TOKEN: z.string().min(1).default('local-dev-verify-token'),
    WHATSAPP_BUSINESS_ACCOUNT_ID: z.string().default('100000000000101'),
    WHATSAPP_PHONE_NUMBER_ID: z.string().default(metaDevIds.WHATSAPP_PHONE_NUMBER_ID),
    WHATSAPP_DISPLAY_PHONE_NUMBER: z.string().default('12125550100'),
    FACEBOOK_PAGE_ID: z.string().default(metaDevIds.FACEBOOK_PAGE_ID),
    SANDBOX_LEADGEN_DIR: z.string().default('.local/sandbox/leadgen'),
  })
  .parse(process.env);

class UsageError extends Error {}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: 'string' },
    name: { type: 'string' },
    text: { type: 'string' },
    ad: { type: 'string' },
    status: { type: 'string' },
    wamid: { type: 'string' },
    to: { type: 'string' },
    error: { type: 'string' },
    stop: { type: 'boolean' },
    resume: { type: 'boolean' },
    comment: { type: 'string' },
    'from-name': { type: 'string' },
    'from-id': { type: 'string' },
    'post-id': { type: 'string' },
    reaction: { type: 'string' },
    like: { type: 'boolean' },
    leadgen: { type: 'boolean' },
    'expire-token': { type: 'boolean' },
    'renew-token': { type: 'boolean' },
    phone: { type: 'string' },
    email: { type: 'string' },
    question: { type: 'string', multiple: true },
    subject: { type: 'string' },
    'message-id': { type: 'string' },
    'auto-reply': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    url: { type: 'string' },
    'secret-arn': { type: 'string' },
    token: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const digitsOf = (phone: string) => phone.replace(/\D/g, '');
/** A Graph-like numeric id of `length` digits. */
const numericId = (length: number) =>
  String(randomInt(1, 10)) + Array.from({ length: length - 1 }, () => randomInt(0, 10)).join('');
/** The same person keeps the same Facebook id across runs, so repeat comments count as one lead. */
const stableId = (seed: string) =>
  `1${BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 12)}`)
    .toString()
    .padStart(14, '0')
    .slice(0, 14)}`;

const required = (value: string | undefined, flag: string) => {
  if (!value) throw new UsageError(`${flag} is required here`);
  return value;
};

const errorTitles: Record<number, string> = {
  131047: 'Re-engagement message',
  131026: 'Message undeliverable',
  131049: 'This message was not delivered to maintain healthy ecosystem engagement.',
  131050: 'User has stopped marketing messages',
  130429: 'Rate limit hit',
};

const whatsAppEnvelope = (field: 'messages' | 'user_preferences', value: object): WhatsAppWebhookInput => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: env.WHATSAPP_BUSINESS_ACCOUNT_ID,
      changes: [{ field, value } as WhatsAppWebhookInput['entry'][number]['changes'][number]],
    },
  ],
});

const metadata = () => ({
  display_phone_number: env.WHATSAPP_DISPLAY_PHONE_NUMBER,
  phone_number_id: env.WHATSAPP_PHONE_NUMBER_ID,
});

const whatsAppBody = (): WhatsAppWebhookInput => {
  if (values.status) {
    const status = values.status;
    if (!['sent', 'delivered', 'read', 'failed'].includes(status)) {
      throw new UsageError('--status must be sent, delivered, read or failed');
    }
    const code = Number(values.error ?? 131026);
    return whatsAppEnvelope('messages', {
      messaging_product: 'whatsapp',
      metadata: metadata(),
      statuses: [
        {
          id: required(values.wamid, '--wamid'),
          status,
          timestamp: String(nowSeconds()),
          recipient_id: digitsOf(values.to ?? '+12125550142'),
          ...(status === 'failed' && {
            errors: [
              {
                code,
                title: errorTitles[code] ?? 'Message failed to send',
                message: errorTitles[code] ?? 'Message failed to send',
                error_data: { details: `Simulated failure ${code}` },
              },
            ],
          }),
        },
      ],
    });
  }

  const waId = digitsOf(required(values.from, '--from'));
  const contacts = [{ profile: { name: values.name ?? 'Dana Lee' }, wa_id: waId }];
  if (values.stop || values.resume) {
    const value = values.stop ? 'stop' : 'resume';
    return whatsAppEnvelope('user_preferences', {
      messaging_product: 'whatsapp',
      metadata: metadata(),
      contacts,
      user_preferences: [
        {
          wa_id: waId,
          detail: `User requested to ${value} marketing messages`,
          category: 'marketing_messages',
          value,
          timestamp: nowSeconds(),
        },
      ],
    });
  }

  return whatsAppEnvelope('messages', {
    messaging_product: 'whatsapp',
    metadata: metadata(),
    contacts,
    messages: [
      {
        from: waId,
        id: newWamid(waId),
        timestamp: String(nowSeconds()),
        type: 'text',
        text: { body: required(values.text, '--text') },
        ...(values.ad && {
          referral: {
            source_url: 'https://fb.me/simulated-ad',
            source_id: numericId(18),
            source_type: 'ad',
            headline: values.ad,
            body: `${values.ad}: message us to book a viewing.`,
            media_type: 'image',
            ctwa_clid: `SIM-${numericId(12)}`,
          },
        }),
      },
    ],
  });
};

const facebookEnvelope = (change: object): FacebookWebhookInput => ({
  object: 'page',
  entry: [
    {
      id: env.FACEBOOK_PAGE_ID,
      time: nowSeconds(),
      changes: [change as NonNullable<FacebookWebhookInput['entry'][number]['changes']>[number]],
    },
  ],
});

const facebookBody = async (): Promise<FacebookWebhookInput> => {
  if (values.leadgen) {
    const leadgenId = numericId(16);
    const fieldData = [
      { name: 'full_name', values: [required(values.name, '--name')] },
      ...(values.phone ? [{ name: 'phone_number', values: [values.phone] }] : []),
      ...(values.email ? [{ name: 'email', values: [values.email] }] : []),
      ...(values.question ?? []).map((pair) => {
        const [key, ...answer] = pair.split('=');
        if (!key || answer.length === 0) throw new UsageError('--question takes key=answer');
        return { name: key.trim().toLowerCase().replace(/\s+/g, '_'), values: [answer.join('=').trim()] };
      }),
    ];
    const lead: LeadgenLead = {
      id: leadgenId,
      created_time: new Date().toISOString().replace(/\.\d{3}Z$/, '+0000'),
      ad_id: '120000000000000001',
      form_id: '100000000000501',
      is_organic: false,
      platform: 'fb',
      field_data: fieldData,
    };
    if (!values['dry-run']) await saveSandboxLead(env.SANDBOX_LEADGEN_DIR, lead);
    return facebookEnvelope({
      field: 'leadgen',
      value: {
        leadgen_id: leadgenId,
        page_id: env.FACEBOOK_PAGE_ID,
        form_id: lead.form_id,
        ad_id: lead.ad_id,
        adgroup_id: lead.ad_id,
        created_time: nowSeconds(),
      },
    });
  }

  const fromName = values['from-name'] ?? 'Dana Lee';
  const from = { id: values['from-id'] ?? stableId(fromName), name: fromName };
  const postId = values['post-id'] ?? `${env.FACEBOOK_PAGE_ID}_100000000000777`;
  if (values.comment) {
    return facebookEnvelope({
      field: 'feed',
      value: {
        from,
        post_id: postId,
        comment_id: `${postId.split('_').pop()}_${numericId(15)}`,
        parent_id: postId,
        message: values.comment,
        created_time: nowSeconds(),
        item: 'comment',
        verb: 'add',
      },
    });
  }
  if (values.reaction || values.like) {
    return facebookEnvelope({
      field: 'feed',
      value: {
        from,
        post_id: postId,
        parent_id: postId,
        created_time: nowSeconds(),
        item: values.reaction ? 'reaction' : 'like',
        ...(values.reaction && { reaction_type: values.reaction }),
        verb: 'add',
      },
    });
  }
  throw new UsageError('facebook needs --comment, --reaction, --like or --leadgen');
};

/** A reply as a mail client sends it: the words, then the quoted message it answers. */
const rawEmailReply = (): string => {
  const from = required(values.from, '--from');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(from)) throw new UsageError('--from must be an email address');
  const subject = values.subject ?? 'Re: Your enquiry';
  const text = required(values.text, '--text');
  const messageId = values['message-id'] ?? `sim-${Date.now().toString(36)}-${numericId(6)}@mail.example.com`;
  return [
    `From: ${values.name ?? 'Dana Lee'} <${from}>`,
    'To: replies@demo-realty.example.com',
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${messageId}>`,
    ...(values['auto-reply'] ? ['Auto-Submitted: auto-replied'] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    text,
    '',
    `On ${new Date(Date.now() - 86_400_000).toUTCString()}, Demo Realty <homes@demo-realty.example.com> wrote:`,
    '> Hi, following up on the listing you asked about.',
    '',
  ].join('\r\n');
};

const simulateEmail = async () => {
  const raw = rawEmailReply();
  const url = new URL('/_local/email', env.API_URL);
  if (values['dry-run']) {
    console.log(`POST ${url}\n\n${raw}`);
    return;
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: raw,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    console.error(`Could not reach ${url.origin} (${(error as Error).message}); is \`npm start\` running?`);
    process.exitCode = 1;
    return;
  }
  console.log(`${response.status} ${response.statusText}\n${await response.text()}`);
  if (!response.ok) process.exitCode = 1;
};

const usage = [
  '  npm run simulate -- whatsapp --from "+1 212 555 0142" --text "Hi, is the flat on 5th still available?" [--name "Dana Lee"] [--ad "headline"]',
  '  npm run simulate -- whatsapp --status sent|delivered|read|failed --wamid wamid.XXX [--to +12125550142] [--error 131047]',
  '  npm run simulate -- whatsapp --from "+1 212 555 0142" --stop|--resume',
  '  npm run simulate -- facebook --comment "Price?" --from-name "Dana Lee" [--post-id <page_post>]',
  '  npm run simulate -- facebook --reaction love|--like --from-name "Dana Lee"',
  '  npm run simulate -- facebook --leadgen --name "Dana Lee" [--phone ...] [--email ...] [--question key=answer]',
  '  npm run simulate -- facebook --expire-token|--renew-token   (the sandbox page token: lead forms are parked while expired)',
  '  npm run simulate -- email --from dana.lee@example.com --subject "Re: Viewing" --text "Saturday works" [--message-id <id>] [--auto-reply]',
  '  npm run simulate -- smoke [--url <ApiUrl> --secret-arn <WhatsAppSecretArn>] [--token <an agent ID token>]   (read-only checks of a stack)',
  'Add --dry-run to print the signed body instead of sending it.',
].join('\n');

/** The stack's Meta secret as the operator filled it in (read with the caller's AWS credentials). */
const metaSecret = async (secretArn: string) => {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const region = /^arn:aws[\w-]*:secretsmanager:([\w-]+):/.exec(secretArn)?.[1];
  const client = new SecretsManagerClient(region ? { region } : {});
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  return z
    .object({ appSecret: z.string().default(''), verifyToken: z.string().default('') })
    .parse(JSON.parse(SecretString ?? '{}'));
};

const smoke = async () => {
  const secretArn = values['secret-arn'];
  const secret = secretArn
    ? await metaSecret(secretArn)
    : { appSecret: env.WHATSAPP_APP_SECRET, verifyToken: env.WHATSAPP_VERIFY_TOKEN };
  const checks = await runSmokeChecks({
    url: values.url ?? env.API_URL,
    ...secret,
    ...(values.token !== undefined && { token: values.token }),
  });
  console.log(formatSmokeChecks(checks));
  const failed = checks.filter((check) => !check.ok).length;
  console.log(
    failed === 0 ? `\nAll ${checks.length} checks passed.` : `\n${failed} of ${checks.length} checks failed.`,
  );
  if (failed > 0) process.exitCode = 1;
};

const main = async () => {
  const [channel] = positionals;
  if (channel === 'email' && !values.help) return simulateEmail();
  if (channel === 'smoke' && !values.help) return smoke();
  if (values.help || (channel !== 'whatsapp' && channel !== 'facebook')) {
    (values.help ? console.log : console.error)(`Usage:\n${usage}`);
    process.exitCode = values.help ? 0 : 1;
    return;
  }

  if (channel === 'facebook' && (values['expire-token'] || values['renew-token'])) {
    const expired = values['expire-token'] === true;
    await setSandboxTokenExpired(env.SANDBOX_LEADGEN_DIR, expired);
    console.log(
      expired
        ? 'The sandbox page token is now expired: lead forms are parked (GET /admin/parked-leads).'
        : 'The sandbox page token works again: the next retry makes the parked leads.',
    );
    return;
  }

  const body = JSON.stringify(channel === 'whatsapp' ? whatsAppBody() : await facebookBody());
  // Sign the exact bytes that are sent: the handler checks the signature over the raw body.
  const signature = signMetaBody(body, env.WHATSAPP_APP_SECRET);
  const url = new URL(`/webhooks/${channel}`, env.API_URL);

  if (values['dry-run']) {
    console.log(
      `POST ${url}\nX-Hub-Signature-256: ${signature}\n\n${JSON.stringify(JSON.parse(body), null, 2)}`,
    );
    return;
  }

  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    console.error(`Could not reach ${url.origin} (${(error as Error).message}); is \`npm start\` running?`);
    process.exitCode = 1;
    return;
  }
  const text = await response.text();
  console.log(`${response.status} ${response.statusText}${text ? `\n${text}` : ''}`);
  if (!response.ok) process.exitCode = 1;
};

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\nUsage:\n${usage}`);
    process.exitCode = 1;
    return;
  }
  throw error;
});
