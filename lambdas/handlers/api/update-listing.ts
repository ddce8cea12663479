import { routeTable } from '../../../schemas/routes';
import { updateListing } from '../../domain/listings/update-listing';
import { httpHandler, ifMatchVersion } from '../../shared/http/http-handler';
import { listingDeps } from '../../shared/listing-wiring';

const deps = listingDeps();

export const handler = httpHandler(routeTable.updateListing, async ({ actor, params, body, headers }) => ({
  status: 200,
  body: await updateListing(actor, params.listingId, body, ifMatchVersion(headers), deps),
}));
