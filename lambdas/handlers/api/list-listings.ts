import { routeTable } from '../../../schemas/routes';
import { listListings } from '../../domain/listings/list-listings';
import { httpHandler } from '../../shared/http/http-handler';
import { listingDeps } from '../../shared/listing-wiring';

const deps = listingDeps();

export const handler = httpHandler(routeTable.listListings, async ({ actor, query }) => ({
  status: 200,
  body: await listListings(actor, query, deps),
}));
