import { routeTable } from '../../../schemas/routes';
import { sendListing } from '../../domain/listings/send-listing';
import { httpHandler } from '../../shared/http/http-handler';
import { sendListingDeps } from '../../shared/listing-wiring';

const deps = sendListingDeps();

export const handler = httpHandler(routeTable.sendListing, async ({ actor, params, body }) => ({
  status: 201,
  body: await sendListing(actor, params.leadId, params.listingId, body, deps),
  headers: { location: `/leads/${params.leadId}/timeline` },
}));
