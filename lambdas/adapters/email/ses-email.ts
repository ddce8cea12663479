import {
  AccountSuspendedException,
  BadRequestException,
  LimitExceededException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  NotFoundException,
  type SESv2Client,
  SendEmailCommand,
  type SendEmailCommandInput,
  SendingPausedException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import {
  ChannelUnavailableError,
  InvalidRecipientError,
  type MessagingError,
  MessagingRejectedError,
  RateLimitedError,
} from '../../domain/messaging/messaging-errors';
import type { EmailMessage, EmailPort } from '../../ports/email';
import { emailHtml, emailText } from './email-body';

export interface SesEmailOptions {
  /** Built with its timeout and retry settings (see `sesClient`). */
  client: SESv2Client;
  /** The brokerage's verified sender, e.g. `Demo Realty <homes@demo-realty.example.com>`. */
  from: string;
  /** The brokerage's receiving address: a lead's reply comes back through SES receiving. */
  replyTo?: string;
  configurationSetName?: string;
}

const statusOf = (error: { $metadata?: { httpStatusCode?: number } }, fallback: number) =>
  error.$metadata?.httpStatusCode ?? fallback;

const isTimeout = (error: unknown) =>
  error instanceof Error && ['TimeoutError', 'RequestTimeout', 'AbortError'].includes(error.name);

/**
 * Turns what SES answered (after the client's own retries of throttling and 5xx) into the messaging
 * errors the send step handles. Only the error's name and status are kept: SES messages can echo the address.
 */
export const emailErrorFromSes = (error: unknown): MessagingError | unknown => {
  const email = (reason: string) => ({ channel: 'email' as const, reason });
  if (error instanceof TooManyRequestsException) {
    return new RateLimitedError(statusOf(error, 429), 1, email(error.name));
  }
  if (error instanceof LimitExceededException) {
    // The daily sending quota: it frees up over the next 24 hours.
    return new RateLimitedError(statusOf(error, 400), 3600, email(error.name));
  }
  if (error instanceof SendingPausedException) {
    return new ChannelUnavailableError(3600, false, { channel: 'email', cause: error });
  }
  if (error instanceof MessageRejected || error instanceof BadRequestException) {
    // In the SES sandbox an unverified recipient is refused; a malformed address is a BadRequest.
    if (/not verified|address|recipient/i.test(error.message)) {
      return new InvalidRecipientError(statusOf(error, 400), email(error.name));
    }
    return new MessagingRejectedError(
      statusOf(error, 400),
      'The message was rejected',
      undefined,
      email(error.name),
    );
  }
  if (error instanceof AccountSuspendedException) {
    return new MessagingRejectedError(
      statusOf(error, 400),
      'The SES account is suspended',
      undefined,
      email(error.name),
    );
  }
  if (error instanceof MailFromDomainNotVerifiedException) {
    return new MessagingRejectedError(
      statusOf(error, 400),
      "The sender's MAIL FROM domain is not verified",
      undefined,
      email(error.name),
    );
  }
  if (error instanceof NotFoundException) {
    return new MessagingRejectedError(
      statusOf(error, 404),
      'The configuration set or sender identity does not exist',
      undefined,
      email(error.name),
    );
  }
  if (isTimeout(error)) return new ChannelUnavailableError(30, true, { channel: 'email', cause: error });
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const throttled = (error as { $retryable?: { throttling?: boolean } }).$retryable?.throttling === true;
  if (throttled) return new RateLimitedError(status ?? 429, 5, email((error as Error).name));
  if (status === undefined || status >= 500) {
    return new ChannelUnavailableError(30, false, { channel: 'email', cause: error });
  }
  return error;
};

/** The SES v2 request for one email: text and HTML, the RFC 8058 one-click headers, the configuration set. */
export const sendEmailInput = (message: EmailMessage, options: Omit<SesEmailOptions, 'client'>) => {
  const replyTo = message.replyTo ?? options.replyTo;
  const input: SendEmailCommandInput = {
    FromEmailAddress: options.from,
    Destination: { ToAddresses: [message.to] },
    ...(replyTo && { ReplyToAddresses: [replyTo] }),
    Content: {
      Simple: {
        Subject: { Data: message.subject, Charset: 'UTF-8' },
        Body: {
          Text: { Data: emailText(message), Charset: 'UTF-8' },
          Html: { Data: emailHtml(message), Charset: 'UTF-8' },
        },
        Headers: [
          { Name: 'List-Unsubscribe', Value: `<${message.unsubscribeUrl}>` },
          { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
        ],
      },
    },
    ...(options.configurationSetName && { ConfigurationSetName: options.configurationSetName }),
    // Delivery events name the lead, never the address.
    EmailTags: [{ Name: 'leadId', Value: message.leadId.replace(/[^A-Za-z0-9_-]/g, '_') }],
  };
  return input;
};

/** An EmailPort over SES v2 `SendEmail`, failing with the typed messaging errors. */
export const createSesEmail = ({ client, ...options }: SesEmailOptions): EmailPort => ({
  async send(message) {
    try {
      const { MessageId } = await client.send(new SendEmailCommand(sendEmailInput(message, options)));
      if (!MessageId) throw new ChannelUnavailableError(30, true, { channel: 'email' });
      return { messageId: MessageId };
    } catch (error) {
      throw emailErrorFromSes(error);
    }
  },
});
