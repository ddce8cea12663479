import { createMessageRefRepository } from '../adapters/dynamodb/message-ref-repository';
import { createParkedLeadgenStore } from '../adapters/dynamodb/parked-leadgen-store';
import { createPendingStatusStore } from '../adapters/dynamodb/pending-status-store';
import { createReceiptStore } from '../adapters/dynamodb/receipt-store';
import { createRoutingCursor } from '../adapters/dynamodb/routing-cursor-repository';
import { createPowertoolsMetrics } from '../adapters/metrics/powertools-metrics';
import { createSecretsManagerCredentials } from '../adapters/secrets/secrets-manager-credentials';
import { createStaticCredentials } from '../adapters/secrets/static-credentials';
import { createFileOutbox } from '../adapters/whatsapp/file-outbox';
import { createGraphApiLeadAds } from '../adapters/whatsapp/graph-api-leads';
import { createGraphApiMessaging } from '../adapters/whatsapp/graph-api-messaging';
import { createSandboxLeadAds } from '../adapters/whatsapp/sandbox-lead-ads';
import { createSandboxMessaging } from '../adapters/whatsapp/sandbox-messaging';
import { enrolNewLead } from '../domain/followups/enrol-new-lead';
import type { FacebookIntakeDeps, IntakeDeps, SendWhatsAppDeps } from '../domain/messaging/deps';
import { PageAccessTokenMissingError, WhatsAppNotConfiguredError } from '../domain/messaging/send-refusals';
import { systemClock } from '../ports/clock';
import type { LeadAdsPort, MessagingPort } from '../ports/messaging';
import type { WhatsAppCredentialSource, WhatsAppCredentials } from '../ports/whatsapp-credentials';
import { env } from './env';
import { enrolLeadDeps } from './follow-up-wiring';
import { logger } from './logger';
import { rulesLeadScorer } from './scoring-wiring';
import { crmService, leadDeps } from './wiring';

let credentialCache: WhatsAppCredentialSource | undefined;

/** Secrets Manager in the cloud (the stack sets WHATSAPP_SECRET_ARN); the environment on a laptop. */
export const whatsAppCredentials = (): WhatsAppCredentialSource => {
  if (credentialCache) return credentialCache;
  const config = env();
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
        ...(config.FACEBOOK_PAGE_ID && { pageId: config.FACEBOOK_PAGE_ID }),
        ...(config.FACEBOOK_PAGE_ACCESS_TOKEN && { pageAccessToken: config.FACEBOOK_PAGE_ACCESS_TOKEN }),
      });
  return credentialCache;
};

const sandboxDir = () => env().SANDBOX_DIR;

/**
 * Builds an adapter for the current credentials and rebuilds it when they change (a rotated token shows up
 * within the secret's cache age).
 */
const perCredentials = <T>(build: (credentials: WhatsAppCredentials) => T): (() => Promise<T>) => {
  let current: { key: string; adapter: T } | undefined;
  return async () => {
    const credentials = await whatsAppCredentials().get();
    const key = JSON.stringify([
      credentials.accessToken,
      credentials.phoneNumberId,
      credentials.pageAccessToken,
    ]);
    if (current?.key === key) return current.adapter;
    const adapter = build(credentials);
    current = { key, adapter };
    return adapter;
  };
};

/**
 * Without Meta's values, a laptop (credentials from the environment) keeps everything in the sandbox; a
 * deployed stack whose secret still lacks them refuses clearly instead of pretending to send.
 */
const sandboxed = () => env().WHATSAPP_SECRET_ARN === undefined;

const notConfigured = async (): Promise<never> => {
  throw new WhatsAppNotConfiguredError();
};

const messagingFor = perCredentials<MessagingPort>(({ accessToken, phoneNumberId }) => {
  if (accessToken && phoneNumberId) {
    return createGraphApiMessaging({
      accessToken,
      phoneNumberId,
      apiVersion: env().GRAPH_API_VERSION,
    });
  }
  if (accessToken || !sandboxed()) {
    return { sendText: notConfigured, sendTemplate: notConfigured, sendMedia: notConfigured };
  }
  return createSandboxMessaging({ outbox: createFileOutbox(sandboxDir()) });
});

const pageTokenMissing = async (): Promise<never> => {
  throw new PageAccessTokenMissingError();
};

// Lead Ads forms are read with the Page's own token; the WhatsApp system-user token is not asked to.
const leadAdsFor = perCredentials<LeadAdsPort>(({ pageAccessToken }) => {
  if (pageAccessToken) {
    return createGraphApiLeadAds({ accessToken: pageAccessToken, apiVersion: env().GRAPH_API_VERSION });
  }
  if (!sandboxed()) return { fetchLeadgenLead: pageTokenMissing };
  return createSandboxLeadAds(env().SANDBOX_LEADGEN_DIR ?? `${sandboxDir()}/leadgen`);
});

const messaging: MessagingPort = {
  sendText: async (request) => (await messagingFor()).sendText(request),
  sendTemplate: async (request) => (await messagingFor()).sendTemplate(request),
  sendMedia: async (request) => (await messagingFor()).sendMedia(request),
};

/** WhatsApp sends with the current credentials: Graph API, the sandbox outbox on a laptop, or a clear refusal. */
export const whatsAppMessaging = (): MessagingPort => messaging;

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
    pendingStatuses: createPendingStatusStore(crm, systemClock),
    routing: createRoutingCursor(crm),
    // Intake rescoring is always by the rules: Meta is answered before any model could be.
    scorer: rulesLeadScorer(),
    metrics: createPowertoolsMetrics(),
    // Built on first use: only intake that creates a lead starts executions (its access declares it).
    enrolNewLead: (leadId) => enrolNewLead(leadId, enrolLeadDeps()),
    onEnrolError: (error, leadId) =>
      logger.error('A new lead was kept but not enrolled in its follow-up', {
        leadId,
        error: error instanceof Error ? error : String(error),
      }),
  };
  return intakeCache;
};

/** What listing the parked lead forms needs: the table only. */
export const parkedLeadgenDeps = () => ({
  brokerageId: env().BROKERAGE_ID,
  parked: createParkedLeadgenStore(crmService()),
});

export const facebookIntakeDeps = (): FacebookIntakeDeps => ({
  ...intakeDeps(),
  leadAds,
  parked: createParkedLeadgenStore(crmService()),
});

/** Collaborators of an agent's WhatsApp send. */
export const sendWhatsAppDeps = (): SendWhatsAppDeps => ({
  ...intakeDeps(),
  messaging,
  onPendingStatusError: (error) =>
    logger.warn('Statuses kept for a sent message were not applied yet; its next status applies them', {
      error: error instanceof Error ? error.name : String(error),
    }),
});
