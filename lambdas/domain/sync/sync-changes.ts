import type { SyncChange, SyncPage, SyncQuery } from '../../../schemas/api/sync';
import { type ChangeFeed, type FeedEntry, feedKey, listingsFeedOf } from '../../ports/change-feed';
import type { Actor } from '../actor';
import { GoneError } from '../errors';
import { readSyncCursor, writeSyncCursor } from './sync-cursor';

export interface SyncDeps {
  feed: ChangeFeed;
}

/** The item as the app stores it: a lead's erase marker is never shown. */
const shown = ({ erasing: _erasing, ...item }: Record<string, unknown>) => item;

/**
 * `GET /sync?since=`: what changed of the agent's (leads, tasks, timeline entries) and of their
 * brokerage's listings after the cursor, each change exactly once across pages. Each names the item
 * as it is now, or is a tombstone when it is gone (an erased lead leaves its id and nothing else).
 * The agent's own feed and the brokerage's listings feed (one for all its agents) are read side by
 * side and interleaved by time; the cursor carries a position in each. A cursor older than a feed
 * keeps is a 410: load everything again. An older `p<n>` cursor reads listings from their first change.
 * Flow: cursor → one Query of each feed → interleave up to `limit` → the named items in batch reads.
 */
export const syncChanges = async (actor: Actor, query: SyncQuery, deps: SyncDeps): Promise<SyncPage> => {
  const cursor = readSyncCursor(query.since);
  const since = cursor ?? { own: 0, listings: 0 };
  const [own, listings] = await Promise.all([
    deps.feed.after(actor.agentId, since.own, query.limit),
    deps.feed.after(listingsFeedOf(actor.brokerageId), since.listings, query.limit),
  ]);
  // Positions are dense: a gap right after a position of the cursor means the entries it expected have
  // expired. Only a first sync (no cursor) starts from what is kept.
  const expired = (entries: FeedEntry[], after: number) =>
    cursor !== undefined && entries[0] !== undefined && entries[0].position !== after + 1;
  if (expired(own.entries, since.own) || expired(listings.entries, since.listings)) {
    throw new GoneError('This sync cursor is older than the changes kept; load everything again', {
      since: query.since,
    });
  }

  // Interleave the two feeds by time, each in its own order, up to the page's limit.
  const page: FeedEntry[] = [];
  let [o, l] = [0, 0];
  while (page.length < query.limit) {
    const [mine, listing] = [own.entries[o], listings.entries[l]];
    if (listing && (!mine || listing.changedAt < mine.changedAt)) {
      page.push(listing);
      l++;
    } else if (mine) {
      page.push(mine);
      o++;
    } else break;
  }
  const hasMore = own.hasMore || listings.hasMore || o < own.entries.length || l < listings.entries.length;

  const items = await deps.feed.current(page);
  const changes = page.map((entry): SyncChange => {
    const item = entry.op === 'upsert' ? items.get(feedKey(entry)) : undefined;
    // Gone since, erasing, or no longer the agent's (or the brokerage's): the app drops it.
    const owned =
      item !== undefined &&
      item.erasing !== true &&
      (entry.kind === 'listing'
        ? item.brokerageId === actor.brokerageId
        : entry.kind === 'interaction' || item.agentId === undefined || item.agentId === actor.agentId);
    return {
      position: entry.position,
      kind: entry.kind,
      id: entry.entityId,
      ...(entry.leadId && { leadId: entry.leadId }),
      op: owned ? 'upsert' : 'delete',
      changedAt: entry.changedAt,
      ...(owned && { data: shown(item) }),
    };
  });
  const nextCursor = writeSyncCursor(
    own.entries[o - 1]?.position ?? since.own,
    listings.entries[l - 1]?.position ?? since.listings,
  );
  return { changes, nextCursor, hasMore };
};
