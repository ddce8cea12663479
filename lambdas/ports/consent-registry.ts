import type { consentStates } from '../../schemas/api/leads';

/** Where a person can be reached: an E.164 number, a WhatsApp id, or a lower-case email address. */
export interface ContactPoint {
  kind: 'phone' | 'wa_id' | 'email';
  value: string;
}

export const consentChannels = ['whatsapp', 'email'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

/**
 * How the person told us: by writing (STOP, "ابدأ"), through WhatsApp's own marketing preferences, or with
 * an email's one-click unsubscribe link.
 */
export const consentVias = ['message', 'preference', 'unsubscribe_link'] as const;
export type ConsentVia = (typeof consentVias)[number];
/** The ways WhatsApp consent changes (an unsubscribe link is email's). */
export type WhatsAppConsentVia = Exclude<ConsentVia, 'unsubscribe_link'>;

/** The latest consent a contact point gave on one channel. */
export interface ConsentRecord {
  channel: ConsentChannel;
  state: (typeof consentStates)[number];
  /** When the person gave it, as the channel reports it: what decides which of two changes is newer. */
  changedAt: string;
  via: ConsentVia;
  /** When we stored it. */
  recordedAt: string;
}

/**
 * The brokerage's consent per contact point and channel: a suppression list that outlives the leads
 * holding the contact point, so a lead created later with the same number starts opted out.
 */
export interface ConsentRegistry {
  /** Stores the record unless the one held is newer (see `supersedes`); true when it was stored. */
  record(brokerageId: string, point: ContactPoint, record: ConsentRecord): Promise<boolean>;
  /**
   * `record` for a contact point known only by the registry's hash of it (`UnsubscribeTokens` keep no
   * address): the same rule, the same item.
   */
  recordByHash(brokerageId: string, contactHash: string, record: ConsentRecord): Promise<boolean>;
  /** The registry's key for a contact point: what a store that must not keep the address keeps instead. */
  hashOf(point: ContactPoint): string;
  /** Every channel's record held for these contact points, read strongly consistent. */
  find(brokerageId: string, points: ContactPoint[]): Promise<ConsentRecord[]>;
}
