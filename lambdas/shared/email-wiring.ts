import { createUnsubscribeTokenStore } from '../adapters/dynamodb/unsubscribe-token-store';
import { createSandboxEmail } from '../adapters/email/sandbox-email';
import { createSesEmail } from '../adapters/email/ses-email';
import { createFileOutbox } from '../adapters/whatsapp/file-outbox';
import { unsubscribeLinkFor } from '../domain/consent/unsubscribe-link-for';
import { systemClock } from '../ports/clock';
import type { EmailPort, UnsubscribeLinks } from '../ports/email';
import { sesClient } from './clients/sesv2';
import { env, required } from './env';
import { crmService, leadDeps } from './wiring';

let sender: EmailPort | undefined;
let links: UnsubscribeLinks | undefined;

/**
 * The email sender of a function that declares `sendsEmail`: SES when the stack bound a configuration
 * set (the cloud), the sandbox outbox when only a sender is set (a laptop), undefined when the
 * deployment has no email.
 */
export const emailSender = (): EmailPort | undefined => {
  if (sender) return sender;
  const config = env();
  if (!config.EMAIL_FROM) return undefined;
  sender = config.EMAIL_CONFIGURATION_SET_NAME
    ? createSesEmail({
        client: sesClient(),
        from: config.EMAIL_FROM,
        ...(config.EMAIL_REPLY_TO && { replyTo: config.EMAIL_REPLY_TO }),
        configurationSetName: config.EMAIL_CONFIGURATION_SET_NAME,
      })
    : createSandboxEmail({
        outbox: createFileOutbox(config.SANDBOX_DIR),
        from: config.EMAIL_FROM,
        ...(config.EMAIL_REPLY_TO && { replyTo: config.EMAIL_REPLY_TO }),
      });
  return sender;
};

/** The unsubscribe tokens in the table. */
export const unsubscribeTokens = () => createUnsubscribeTokenStore(crmService(), systemClock);

/** Makes each email's one-click unsubscribe link (table access and `API_BASE_URL` needed). */
export const unsubscribeLinks = (): UnsubscribeLinks => {
  if (links) return links;
  const deps = {
    brokerageId: env().BROKERAGE_ID,
    apiBaseUrl: required('API_BASE_URL'),
    leads: leadDeps().leads,
    consents: leadDeps().consents,
    tokens: unsubscribeTokens(),
  };
  links = { linkFor: (email) => unsubscribeLinkFor(email, deps) };
  return links;
};
