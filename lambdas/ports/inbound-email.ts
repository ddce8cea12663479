/** A lead's email as received, read from its MIME source. */
export interface InboundEmail {
  /** The Message-ID header without angle brackets; what makes a repeat delivery recognisable. */
  messageId: string;
  /** The sender's address, lower-case. */
  from: string;
  subject: string;
  /** What the sender wrote: the plain text without the quoted earlier message or the signature marker. */
  text: string;
  /** The Date header, when it is a real date. */
  sentAt?: Date;
  /** Why this is not a person writing (an auto-reply, a bounce); absent for a person's email. */
  automated?: string;
}

/** Reads a raw RFC 5322 message. */
export type InboundEmailParser = (raw: Uint8Array | string) => Promise<InboundEmail | undefined>;
