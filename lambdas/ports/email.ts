/** One email to a lead. */
export interface EmailMessage {
  to: string;
  subject: string;
  /** Plain text body; the adapter may add an HTML part with the same words. */
  text: string;
  /** Where the lead's reply goes (the brokerage's receiving address), so it comes back as a reply. */
  replyTo?: string;
  /**
   * The one-click unsubscribe link (RFC 8058): the adapter puts it in `List-Unsubscribe` with
   * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` and at the foot of the body.
   */
  unsubscribeUrl: string;
  /** Tags the send for delivery events (never a personal detail). */
  leadId: string;
}

export interface SentEmail {
  /** The provider's message id (SES `MessageId`; the local outbox's own id). */
  messageId: string;
}

/**
 * Sends email. Rejects with the typed errors of `domain/messaging/messaging-errors`:
 * InvalidRecipientError for an address the provider refuses, RateLimitedError, ChannelUnavailableError.
 */
export interface EmailPort {
  send(message: EmailMessage): Promise<SentEmail>;
}

/** Makes the one-click unsubscribe link for an email address, valid without signing in. */
export interface UnsubscribeLinks {
  linkFor(email: string): Promise<string>;
}
