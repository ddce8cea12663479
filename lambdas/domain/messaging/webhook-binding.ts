import type { BusinessMetrics } from '../../ports/business-metrics';
import { UnavailableError } from '../errors';

export type WebhookChannel = 'facebook' | 'whatsapp';

/** The `reason` a refused intake is counted under. */
const missing: Record<WebhookChannel, string> = {
  facebook: 'page_id_missing',
  whatsapp: 'phone_number_id_missing',
};

const what: Record<WebhookChannel, string> = {
  facebook: "the Facebook Page id (pageId in the stack's Meta secret)",
  whatsapp: "the WhatsApp phone number id (phoneNumberId in the stack's Meta secret)",
};

/**
 * The brokerage has not said which Page or WhatsApp number is its own, so no event can be told apart from
 * another business's. Answered 503: Meta redelivers for days, so nothing is lost once it is configured.
 */
export class WebhookNotBoundError extends UnavailableError {
  constructor(readonly channel: WebhookChannel) {
    super(`Webhook intake is refused until ${what[channel]} is configured for this brokerage`, 900);
  }
}

/**
 * The id this brokerage's events must carry on a channel. Unset: counted (the stack alarms on it) and
 * refused with {@link WebhookNotBoundError}, before anything is read or written.
 */
export const requireWebhookBinding = (
  channel: WebhookChannel,
  configuredId: string | undefined,
  { metrics }: { metrics: Pick<BusinessMetrics, 'count'> },
): string => {
  if (configuredId) return configuredId;
  metrics.count('WebhookIntakeRefused', 1, { reason: missing[channel] });
  throw new WebhookNotBoundError(channel);
};
