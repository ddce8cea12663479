import type { Listing, ListListingsQuery } from '../../../schemas/api/listings';
import type { Page } from '../../ports/page';
import type { Actor } from '../actor';
import type { ListingDeps } from './deps';

/** The brokerage's listings, newest first, optionally of one status; one Query on the brokerage index. */
export const listListings = (
  actor: Actor,
  { status, limit, cursor }: ListListingsQuery,
  deps: Pick<ListingDeps, 'listings'>,
): Promise<Page<Listing>> =>
  deps.listings.listForBrokerage({
    brokerageId: actor.brokerageId,
    limit,
    ...(status !== undefined && { status }),
    ...(cursor !== undefined && { cursor }),
  });
