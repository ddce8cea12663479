import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { createMessageRefRepository } from '../adapters/dynamodb/message-ref-repository';
import { createReceiptStore } from '../adapters/dynamodb/receipt-store';
import { createRoutingCursor } from '../adapters/dynamodb/routing-cursor-repository';
import { createSecretsManagerCredentials } from '../adapters/secrets/secrets-manager-credentials';
import { createStaticCredentials } from '../adapters/secrets/static-credentials';
import { createFileOutbox } from '../adapters/whatsapp/file-outbox';
import { createGraphApiLeadAds } from '../adapters/whatsapp/graph-api-leads';
import { createGraphApiMessaging } from '../adapters/whatsapp/graph-api-messaging';
import { createSandboxLeadAds } from '../adapters/whatsapp/sandbox-lead-ads';
import { createSandboxMessaging } from '../adapters/whatsapp/sandbox-messaging';
import type { FacebookIntakeDeps, IntakeDeps, SendWhatsAppDeps } from '../domain/messaging/deps';
import { WhatsAppNotConfiguredError } from '../domain/messaging/send-refusals';
import { systemClock } from '../ports/clock';
import type { LeadAdsPort, MessagingPort } from '../ports/messaging';
import type { WhatsAppCredentialSource, WhatsAppCredentials } from '../ports/whatsapp-credentials';
import { env } from './env';
import { HttpError } from './http/http-error';
import { describe, issuesFromZod } from './http/problem';
import { leadScorer } from './intelligence-wiring';
import { verifyMetaSignature } from './meta-signature';
import { crmService, leadDeps } from './wiring';

/** An unset or empty variable means "not configured". */
const optional = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined));

const messagingEnvSchema = z.object({
  /** Set by the stack: credentials come from this Secrets Manager secret. Unset: from the variables below. */
  WHATSAPP_SECRET_ARN: optional,
  WHATSAPP_APP_SECRET: z.string().default(''),
  WHATSAPP_VERIFY_TOKEN: z.string().default(''),
  /** Unset: outbound messages go to the sandbox outbox and lead forms are read from the sandbox. */
  WHATSAPP_ACCESS_TOKEN: optional,
  WHATSAPP_PHONE_NUMBER_ID: optional,
  WHATSAPP_SECRET_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(300),
  GRAPH_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v24.0')
    .default('v24.0'),
  /** Where sandbox adapters keep the outbox (whatsapp-outbox.jsonl) and, under leadgen/, lead forms. */
  SANDBOX_DIR: z.string().min(1).default('.local/sandbox'),
  SANDBOX_LEADGEN_DIR: optional,
});

export type MessagingEnv = z.infer<typeof messagingEnvSchema>;

let envCache: MessagingEnv | undefined;

/** The messaging configuration, parsed once; a bad value fails the cold start, not a request. */
export const messagingEnv = (): MessagingEnv => {
  envCache ??= messagingEnvSchema.parse(process.env);
  return envCache;
};

let credentialCache: WhatsAppCredentialSource | undefined;

/** Secrets Manager in the cloud (the stack sets WHATSAPP_SECRET_ARN); the environment on a laptop. */
export const whatsAppCredentials = (): WhatsAppCredentialSource => {
  if (credentialCache) return credentialCache;
  const config = messagingEnv();
  credentialCache = config.WHATSAPP_SECRET_ARN
    ? createSecretsManagerCredentials({
        secretArn: config.WHATSAPP_SECRET_ARN,
        maxAgeSeconds: config.WHATSAPP_SECRET_MAX_AGE_SECONDS,
      })
    : createStaticCredentials({
        appSecret: config.WHATSAPP_APP_SECRET,
        verifyToken: config.WHATSAPP_VERIFY_TOKEN,
        ...(config.WHATSAPP_ACCESS_TOKEN && { accessToken: config.WHATSAPP_ACCESS_TOKEN }),
        ...(config.WHATSAPP_PHONE_NUMBER_ID && { phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID }),
      });
  return credentialCache;
};

const sandboxDir = () => messagingEnv().SANDBOX_DIR;

/**
 * Builds an adapter for the current credentials and rebuilds it when they change (a rotated token shows up
 * within the secret's cache age).
 */
const perCredentials = <T>(build: (credentials: WhatsAppCredentials) => T): (() => Promise<T>) => {
  let current: { token: string | undefined; phoneNumberId: string | undefined; adapter: T } | undefined;
  return async () => {
    const credentials = await whatsAppCredentials().get();
    const cached = current;
    if (
      cached &&
      cached.token === credentials.accessToken &&
      cached.phoneNumberId === credentials.phoneNumberId
    ) {
      return cached.adapter;
    }
    const adapter = build(credentials);
    current = { token: credentials.accessToken, phoneNumberId: credentials.phoneNumberId, adapter };
    return adapter;
  };
};

/**
 * Without Meta's values, a laptop (credentials from the environment) keeps everything in the sandbox; a
 * deployed stack whose secret still lacks them refuses clearly instead of pretending to send.
 */
const sandboxed = () => messagingEnv().WHATSAPP_SECRET_ARN === undefined;

const notConfigured = async (): Promise<never> => {
  throw new WhatsAppNotConfiguredError();
};

const messagingFor = perCredentials<MessagingPort>(({ accessToken, phoneNumberId }) => {
  if (accessToken && phoneNumberId) {
    return createGraphApiMessaging({
      accessToken,
      phoneNumberId,
      apiVersion: messagingEnv().GRAPH_API_VERSION,
    });
  }
  if (accessToken || !sandboxed()) {
    return { sendText: notConfigured, sendTemplate: notConfigured, sendMedia: notConfigured };
  }
  return createSandboxMessaging({ outbox: createFileOutbox(sandboxDir()) });
});

const leadAdsFor = perCredentials<LeadAdsPort>(({ accessToken }) => {
  if (accessToken)
    return createGraphApiLeadAds({ accessToken, apiVersion: messagingEnv().GRAPH_API_VERSION });
  if (!sandboxed()) return { fetchLeadgenLead: notConfigured };
  return createSandboxLeadAds(messagingEnv().SANDBOX_LEADGEN_DIR ?? `${sandboxDir()}/leadgen`);
});

const messaging: MessagingPort = {
  sendText: async (request) => (await messagingFor()).sendText(request),
  sendTemplate: async (request) => (await messagingFor()).sendTemplate(request),
  sendMedia: async (request) => (await messagingFor()).sendMedia(request),
};

const leadAds: LeadAdsPort = {
  fetchLeadgenLead: async (leadgenId) => (await leadAdsFor()).fetchLeadgenLead(leadgenId),
};

let intakeCache: IntakeDeps | undefined;

/** Collaborators of the webhook use cases, built once per container. */
export const intakeDeps = (): IntakeDeps => {
  if (intakeCache) return intakeCache;
  const crm = crmService();
  intakeCache = {
    ...leadDeps(),
    brokerageId: env().BROKERAGE_ID,
    receipts: createReceiptStore(crm, systemClock),
    refs: createMessageRefRepository(crm),
    routing: createRoutingCursor(crm),
    scorer: leadScorer(),
  };
  return intakeCache;
};

export const facebookIntakeDeps = (): FacebookIntakeDeps => ({ ...intakeDeps(), leadAds });

/** Collaborators of an agent's WhatsApp send. */
export const sendWhatsAppDeps = (): SendWhatsAppDeps => ({ ...intakeDeps(), messaging });

/**
 * A Meta webhook's body, parsed only once its X-Hub-Signature-256 matched the exact bytes received
 * (before any decoding): 401 when missing or wrong, 400 when the signed body is not the expected envelope.
 */
export const readSignedWebhook = <T>(
  { event, headers }: { event: APIGatewayProxyEventV2; headers: Record<string, string | undefined> },
  appSecret: string,
  schema: z.ZodType<T>,
): T => {
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64') : (event.body ?? '');
  if (!verifyMetaSignature(raw, headers['x-hub-signature-256'], appSecret)) {
    throw new HttpError(401, 'Unauthorized', 'X-Hub-Signature-256 is missing or does not match the body');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch {
    throw new HttpError(400, 'Invalid request', 'The body is not valid JSON', [
      { field: 'body', message: 'is not valid JSON' },
    ]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    throw new HttpError(
      400,
      'Invalid request',
      `Not a webhook this endpoint takes: ${describe(issues)}`,
      issues,
    );
  }
  return parsed.data;
};
