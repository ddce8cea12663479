import type { Lead } from '../../schemas/api/leads';
import type { Interaction } from '../../schemas/api/timeline';
import type { LeadEvent } from './lead-events';
import type { MessageRef } from './message-refs';

/** What a receipt proves was processed. */
export const receiptScopes = [
  /** An inbound WhatsApp message, by wamid. */
  'wa-message',
  /** A delivery status of one of our messages, by wamid and status. */
  'wa-status',
  'fb-comment',
  'fb-reaction',
  'fb-share',
  'fb-leadgen',
  /** An agent's send under an Idempotency-Key. */
  'idem-send',
  /** An inbound email, by Message-ID. */
  'email-message',
] as const;
export type ReceiptScope = (typeof receiptScopes)[number];

export interface Receipt {
  scope: ReceiptScope;
  key: string;
  /** How long a repeat is recognised; after that the receipt counts as absent (and the table's TTL removes it). */
  ttlSeconds: number;
}

/** A lead's change together with what caused it, written all at once. */
export interface LeadActivity {
  /** Taken in the same transaction: a repeat of the delivery then writes nothing. */
  receipt?: Receipt;
  /** The lead as read and as it becomes; its phone and email must not change here. */
  lead?: { previous: Lead; next: Lead };
  interactions?: Interaction[];
  events?: LeadEvent[];
  /** Written as given, replacing a ref with the same external id. */
  refs?: MessageRef[];
}

/**
 * Proof that a delivery (a webhook message, a status, an agent's retried request) was processed, so a
 * repeat changes nothing; and the one place that writes a delivery's effects together with its receipt.
 */
export interface ReceiptStore {
  /** True while an unexpired receipt is held. */
  has(scope: ReceiptScope, key: string): Promise<boolean>;
  /** Takes the receipt alone; false when an unexpired one is already held. */
  claim(receipt: Receipt): Promise<boolean>;
  /** Gives a receipt up, so the delivery can be processed again (after a failure that wrote nothing). */
  release(scope: ReceiptScope, key: string): Promise<void>;
  /**
   * Writes the activity in one transaction: all of it or nothing. Resolves false, writing nothing, when its
   * receipt is already held (a repeat); rejects with StaleVersionError when the lead changed since it was read.
   */
  commit(activity: LeadActivity): Promise<boolean>;
}
