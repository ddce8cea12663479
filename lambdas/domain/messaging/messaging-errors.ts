import { UnavailableError, UnprocessableError } from '../errors';

/** What Meta said about a failed send, as reported by the Graph API or a `failed` status. */
export interface MetaErrorInfo {
  code: number;
  title?: string;
  details?: string;
}

/** Meta code 131047: more than 24 hours since the lead's last message; only a template may be sent. */
export class WindowClosedError extends UnprocessableError {
  readonly code = 131047;
  constructor() {
    super("The lead's WhatsApp 24-hour window is closed; send an approved template instead");
  }
}

/** A channel that sends to a lead: WhatsApp (the default of every error here) or email. */
export type SendChannel = 'whatsapp' | 'email';

/**
 * An email send's failure as SES named it (`MessageRejected`, `TooManyRequestsException`): the error's
 * `code` is then SES's HTTP status, since SES has no numeric codes.
 */
export interface EmailFailure {
  channel: 'email';
  reason: string;
}

const channelName = (failure: EmailFailure | undefined) => (failure ? 'Email' : 'WhatsApp');
const extensionsOf = (code: number, failure: EmailFailure | undefined) =>
  failure ? { channel: 'email', sesError: failure.reason } : { metaCode: code };

/** The number cannot receive WhatsApp messages (not on WhatsApp, blocked, not allowed, malformed), or SES refuses the address. */
export class InvalidRecipientError extends UnprocessableError {
  readonly channel: SendChannel;
  constructor(
    readonly code: number,
    email?: EmailFailure,
  ) {
    super(
      email
        ? "The lead's email address cannot receive email"
        : "The lead's number cannot receive WhatsApp messages",
      extensionsOf(code, email),
    );
    this.channel = email ? 'email' : 'whatsapp';
  }
}

/** Meta throttled us (130429 throughput, 131056 same-recipient pair limit, 4/80007 API limits), or SES did. */
export class RateLimitedError extends UnavailableError {
  readonly channel: SendChannel;
  constructor(
    readonly code: number,
    retryAfterSeconds: number,
    email?: EmailFailure,
  ) {
    super(`${channelName(email)} is rate limiting messages; try again shortly`, retryAfterSeconds);
    this.channel = email ? 'email' : 'whatsapp';
  }
}

/**
 * WhatsApp could not be reached or answered with a server error, after retries.
 * `mayHaveBeenSent` is true when the request may have reached Meta (a timeout): resending could duplicate it.
 */
export class ChannelUnavailableError extends UnavailableError {
  readonly channel: SendChannel;
  constructor(
    retryAfterSeconds: number,
    readonly mayHaveBeenSent = false,
    options?: { cause?: unknown; channel?: SendChannel },
  ) {
    const channel = options?.channel ?? 'whatsapp';
    super(
      `${channel === 'email' ? 'Email' : 'WhatsApp'} is unavailable right now; try again shortly`,
      retryAfterSeconds,
    );
    this.channel = channel;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * Any other refusal from Meta (template, policy, auth or parameter errors) or SES (account suspended,
 * sender identity not verified); not worth retrying as is.
 */
export class MessagingRejectedError extends UnprocessableError {
  readonly channel: SendChannel;
  constructor(
    readonly code: number,
    readonly title: string,
    readonly details?: string,
    email?: EmailFailure,
  ) {
    super(
      email
        ? `Email was refused: ${title} (${email.reason})`
        : `WhatsApp rejected the message: ${title} (${code})`,
      extensionsOf(code, email),
    );
    this.channel = email ? 'email' : 'whatsapp';
  }
}

export type MessagingError =
  | WindowClosedError
  | InvalidRecipientError
  | RateLimitedError
  | ChannelUnavailableError
  | MessagingRejectedError;

/** 131026 undeliverable (not on WhatsApp, blocked, old app), 131030 not in the test allow-list, 131021 self. */
export const invalidRecipientCodes: ReadonlySet<number> = new Set([131026, 131030, 131021]);
export const rateLimitCodes: ReadonlySet<number> = new Set([130429, 131056, 4, 80007]);
/** Meta's "temporary, try again" codes: 1 unknown, 2 service, 131000 something went wrong, 131016 overloaded. */
export const transientCodes: ReadonlySet<number> = new Set([1, 2, 131000, 131016]);

/** Default waits when Meta gives none: the pair limit clears in seconds, throughput in about a minute. */
const defaultRetryAfter = (code: number) => (code === 131056 ? 10 : 60);

/**
 * Turns a Meta error code into the typed error use cases handle: the same mapping for a synchronous
 * Graph API error and for a `failed` status webhook.
 */
export const messagingErrorFromMeta = (error: MetaErrorInfo, retryAfterSeconds?: number): MessagingError => {
  if (error.code === 131047) return new WindowClosedError();
  if (invalidRecipientCodes.has(error.code)) return new InvalidRecipientError(error.code);
  if (rateLimitCodes.has(error.code)) {
    return new RateLimitedError(error.code, retryAfterSeconds ?? defaultRetryAfter(error.code));
  }
  if (transientCodes.has(error.code)) return new ChannelUnavailableError(retryAfterSeconds ?? 30);
  return new MessagingRejectedError(error.code, error.title ?? 'Unknown error', error.details);
};
