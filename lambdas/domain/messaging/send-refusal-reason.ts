import {
  ChannelUnavailableError,
  InvalidRecipientError,
  MessagingRejectedError,
  RateLimitedError,
  WindowClosedError,
} from './messaging-errors';
import {
  IdempotentRequestInProgressError,
  LeadOptedOutError,
  NoWhatsAppNumberError,
  UndeliverableNumberError,
  WhatsAppNotConfiguredError,
} from './send-refusals';

const reasons: [new (...args: never[]) => Error, string][] = [
  [LeadOptedOutError, 'opted_out'],
  [NoWhatsAppNumberError, 'no_phone'],
  [UndeliverableNumberError, 'undeliverable_number'],
  [WindowClosedError, 'window_closed'],
  [IdempotentRequestInProgressError, 'idempotency_key_in_use'],
  [InvalidRecipientError, 'invalid_recipient'],
  [RateLimitedError, 'rate_limited'],
  [ChannelUnavailableError, 'channel_unavailable'],
  [MessagingRejectedError, 'rejected'],
  [WhatsAppNotConfiguredError, 'not_configured'],
];

/**
 * Why an agent's WhatsApp send did not go out, as the `reason` it is counted under: one of a few fixed
 * values, never an id. Undefined for what is no refusal (a lead that is not theirs, a bug).
 */
export const sendRefusalReason = (error: unknown): string | undefined =>
  reasons.find(([refusal]) => error instanceof refusal)?.[1];
