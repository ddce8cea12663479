import type { FeedKind } from './activity-store';

export interface FeedEntry {
  position: number;
  kind: FeedKind;
  entityId: string;
  leadId?: string;
  op: 'upsert' | 'delete';
  changedAt: string;
}

/** An agent's change feed (written by the activity consumer) and the items it names, as they are now. */
export interface ChangeFeed {
  /** Entries after a position, oldest first, at most `limit`; whether more follow. */
  after(
    agentId: string,
    position: number,
    limit: number,
  ): Promise<{ entries: FeedEntry[]; hasMore: boolean }>;
  /** The current items the entries name (by `kind#entityId`); absent when gone. Reads in batches. */
  current(entries: FeedEntry[]): Promise<Map<string, Record<string, unknown>>>;
}

export const feedKey = (entry: Pick<FeedEntry, 'kind' | 'entityId'>) => `${entry.kind}#${entry.entityId}`;
