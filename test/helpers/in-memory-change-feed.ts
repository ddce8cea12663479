import type { FeedKind } from '../../lambdas/ports/activity-store';
import { type ChangeFeed, type FeedEntry, feedKey } from '../../lambdas/ports/change-feed';
import { type Listing, listingSchema } from '../../schemas/api/listings';
import { DEFAULT_AGENT_ID, DEFAULT_BROKERAGE_ID, FIXTURE_NOW } from './factories';

export interface InMemoryChangeFeed extends ChangeFeed {
  /**
   * What the activity consumer does for one item change: the next dense position in `feedId`, and the
   * item as it now is (`undefined`: removed, and the entry is a tombstone).
   */
  record(
    feedId: string,
    change: { kind: FeedKind; entityId: string; leadId?: string; changedAt: string },
    item: Record<string, unknown> | undefined,
  ): FeedEntry;
  /** Drops a feed's entries up to a position, as the table's TTL does after 90 days. */
  expireThrough(feedId: string, position: number): void;
}

/** Change feeds and the items they name, in memory, with the table adapter's paging. */
export const createInMemoryChangeFeed = (): InMemoryChangeFeed => {
  const feeds = new Map<string, FeedEntry[]>();
  const heads = new Map<string, number>();
  const items = new Map<string, Record<string, unknown>>();
  return {
    record(feedId, change, item) {
      const position = (heads.get(feedId) ?? 0) + 1;
      heads.set(feedId, position);
      const entry: FeedEntry = { ...change, position, op: item ? 'upsert' : 'delete' };
      feeds.set(feedId, [...(feeds.get(feedId) ?? []), entry]);
      if (item) items.set(feedKey(change), structuredClone(item));
      else items.delete(feedKey(change));
      return entry;
    },
    expireThrough(feedId, position) {
      feeds.set(
        feedId,
        (feeds.get(feedId) ?? []).filter((entry) => entry.position > position),
      );
    },
    async after(feedId, position, limit) {
      const later = (feeds.get(feedId) ?? []).filter((entry) => entry.position > position);
      return { entries: later.slice(0, limit).map((entry) => ({ ...entry })), hasMore: later.length > limit };
    },
    async current(entries) {
      const found = new Map<string, Record<string, unknown>>();
      for (const entry of entries) {
        const item = entry.op === 'upsert' ? items.get(feedKey(entry)) : undefined;
        if (item) found.set(feedKey(entry), structuredClone(item));
      }
      return found;
    },
  };
};

let listingCount = 0;

/** A listing of the default brokerage, active, as the API shows it. */
export const createMockListing = (overrides: Partial<Listing> = {}): Listing =>
  listingSchema.parse({
    listingId: `01JD7Q3M2Y9V1X8K4T6R5W${String(++listingCount).padStart(4, '0')}`,
    brokerageId: DEFAULT_BROKERAGE_ID,
    createdBy: DEFAULT_AGENT_ID,
    title: '3-bed townhouse in Riverside',
    price: 640_000,
    currency: 'USD',
    beds: 3,
    photoUrls: ['https://example.com/photos/townhouse-1.jpg'],
    status: 'active',
    version: 1,
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    ...overrides,
  });
