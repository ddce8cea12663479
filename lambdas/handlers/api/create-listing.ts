import { routeTable } from '../../../schemas/routes';
import { createListing } from '../../domain/listings/create-listing';
import { httpHandler } from '../../shared/http/http-handler';
import { listingDeps } from '../../shared/listing-wiring';

const deps = listingDeps();

export const handler = httpHandler(routeTable.createListing, async ({ actor, body }) => {
  const listing = await createListing(actor, body, deps);
  return { status: 201, body: listing, headers: { location: `/listings/${listing.listingId}` } };
});
