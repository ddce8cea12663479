/** What an unsubscribe token stands for: a contact point, by the consent registry's hash of it only. */
export interface UnsubscribeTarget {
  brokerageId: string;
  /** The consent registry's hash of the email address (`ConsentRegistry.hashOf`); never the address. */
  contactHash: string;
  /** The leads that held the address when links were made for it (opaque ids, no personal data). */
  leadIds: string[];
}

/**
 * Random tokens for one-click unsubscribe links, one per brokerage and email contact point. They outlive
 * the leads (an erase leaves them, as it leaves the consent registry), so they keep no address.
 */
export interface UnsubscribeTokens {
  /** The contact point's token, made on first use and the same ever after; `leadIds` join those it covers. */
  issue(brokerageId: string, contactHash: string, leadIds: string[]): Promise<string>;
  find(token: string): Promise<UnsubscribeTarget | undefined>;
}
