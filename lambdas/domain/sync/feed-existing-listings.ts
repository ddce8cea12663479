import type { ActivityStore } from '../../ports/activity-store';
import { listingsFeedOf } from '../../ports/change-feed';
import type { Clock } from '../../ports/clock';
import type { ListingRepository } from '../../ports/listings';

export interface FeedExistingListingsDeps {
  listings: Pick<ListingRepository, 'listForBrokerage'>;
  activity: Pick<ActivityStore, 'write'>;
  clock: Clock;
}

export interface FedListings {
  /** Listings given a feed entry now. */
  fed: number;
  /** Listings this run had already fed (a receipt of theirs was still kept). */
  already: number;
}

const PAGE = 100;

/**
 * Puts every listing a brokerage already has into its listings feed: listings added before listings
 * were synced, which no device has received through `GET /sync`. Run once per brokerage after the
 * deploy that syncs listings. Each entry is written with a receipt (kept three days), so a run started
 * again within that time adds nothing twice; a run later gives each listing one more upsert, harmless.
 * Entries are stamped now, not with the listing's last change, or the feed's 90 days would drop them
 * at once and leave a gap behind every cursor.
 * Flow: page through the brokerage's listings → one feed entry each, with its receipt → the counts.
 */
export const feedExistingListings = async (
  brokerageId: string,
  deps: FeedExistingListingsDeps,
): Promise<FedListings> => {
  const result: FedListings = { fed: 0, already: 0 };
  let cursor: string | null = null;
  do {
    const page = await deps.listings.listForBrokerage({
      brokerageId,
      limit: PAGE,
      ...(cursor !== null && { cursor }),
    });
    for (const { listingId } of page.items) {
      const at = deps.clock.now().toISOString();
      const written = await deps.activity.write({
        receiptId: `listings-feed#${listingId}`,
        feed: [
          {
            agentId: listingsFeedOf(brokerageId),
            kind: 'listing',
            entityId: listingId,
            op: 'upsert',
            changedAt: at,
          },
        ],
        counters: [],
        marks: [],
        at,
      });
      if (written === 'duplicate') result.already++;
      else result.fed++;
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return result;
};
