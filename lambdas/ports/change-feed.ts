import type { FeedKind } from './activity-store';

export interface FeedEntry {
  position: number;
  kind: FeedKind;
  entityId: string;
  leadId?: string;
  op: 'upsert' | 'delete';
  changedAt: string;
}

/**
 * Change feeds (written by the activity consumer) and the items they name, as they are now. Each agent
 * has a feed of their own (keyed by their agent id); a brokerage's listings concern every agent of it, so
 * they have one feed for the whole brokerage (keyed by `listingsFeedOf(brokerageId)`).
 */
export interface ChangeFeed {
  /** Entries of a feed after a position, oldest first, at most `limit`; whether more follow. */
  after(feedId: string, position: number, limit: number): Promise<{ entries: FeedEntry[]; hasMore: boolean }>;
  /** The current items the entries name (by `kind#entityId`); absent when gone. Reads in batches. */
  current(entries: FeedEntry[]): Promise<Map<string, Record<string, unknown>>>;
}

export const feedKey = (entry: Pick<FeedEntry, 'kind' | 'entityId'>) => `${entry.kind}#${entry.entityId}`;

/** The feed every agent of a brokerage reads its listings' changes from (an agent's id, a Cognito sub, holds no `#`). */
export const listingsFeedOf = (brokerageId: string) => `listings#${brokerageId}`;
