import type { Listing } from '../../../schemas/api/listings';
import type { Actor } from '../actor';
import { NotFoundError } from '../errors';
import type { ListingDeps } from './deps';

/** A listing of the actor's brokerage; another brokerage's is a 404, as a missing one. */
export const loadListingFor = async (
  actor: Actor,
  listingId: string,
  deps: { listings: Pick<ListingDeps['listings'], 'get'> },
): Promise<Listing> => {
  const listing = await deps.listings.get(listingId);
  if (!listing || listing.brokerageId !== actor.brokerageId) throw new NotFoundError('Listing');
  return listing;
};
