import type { CreateListingBody, Listing } from '../../../schemas/api/listings';
import type { Actor } from '../actor';
import type { ListingDeps } from './deps';

/** Adds a property to the brokerage's listings, which every agent of the brokerage may send. */
export const createListing = async (
  actor: Actor,
  body: CreateListingBody,
  deps: ListingDeps,
): Promise<Listing> => {
  const now = deps.clock.now().toISOString();
  const listing: Listing = {
    ...body,
    listingId: deps.newId(),
    brokerageId: actor.brokerageId,
    createdBy: actor.agentId,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.listings.create(listing);
  return listing;
};
