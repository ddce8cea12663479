import type { LeadgenLead } from '../../schemas/events/facebook';

export interface SendTextRequest {
  /** Recipient: E.164 phone (with or without `+`) or WhatsApp id. */
  to: string;
  body: string;
  /** Let WhatsApp render a preview of the first URL in the body. */
  previewUrl?: boolean;
}

export interface SendTemplateRequest {
  to: string;
  /** Approved template name, e.g. `follow_up_viewing`. */
  name: string;
  /** Template language code, e.g. `en_US`, `ar`. */
  language: string;
  /** Values for the body's `{{1}}`, `{{2}}`, … in order. */
  bodyParameters: string[];
}

export interface SendMediaRequest {
  to: string;
  kind: 'image' | 'document';
  /** Public HTTPS URL WhatsApp downloads the file from. */
  link: string;
  caption?: string;
  /** Documents only: the name shown to the recipient. */
  filename?: string;
}

export interface SentMessage {
  /** WhatsApp message id; status webhooks refer to it. */
  wamid: string;
}

/**
 * Sends WhatsApp messages. Rejects with the typed errors of `domain/messaging/messaging-errors`:
 * WindowClosedError, InvalidRecipientError, RateLimitedError, ChannelUnavailableError, MessagingRejectedError.
 * It does not check the 24-hour window: the use case does, before choosing text or template.
 */
export interface MessagingPort {
  sendText(request: SendTextRequest): Promise<SentMessage>;
  sendTemplate(request: SendTemplateRequest): Promise<SentMessage>;
  sendMedia(request: SendMediaRequest): Promise<SentMessage>;
}

/** Reads a Facebook lead-form submission that a `leadgen` webhook announced only by id. */
export interface LeadAdsPort {
  fetchLeadgenLead(leadgenId: string): Promise<LeadgenLead>;
}
