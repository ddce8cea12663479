import { routeTable } from '../../../schemas/routes';
import { loadListingFor } from '../../domain/listings/load-listing';
import { httpHandler } from '../../shared/http/http-handler';
import { listingDeps } from '../../shared/listing-wiring';

const deps = listingDeps();

export const handler = httpHandler(routeTable.getListing, async ({ actor, params }) => ({
  status: 200,
  body: await loadListingFor(actor, params.listingId, deps),
}));
