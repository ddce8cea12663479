import { routeTable } from '../../../schemas/routes';
import { syncChanges } from '../../domain/sync/sync-changes';
import { syncDeps } from '../../shared/analytics-wiring';
import { httpHandler } from '../../shared/http/http-handler';

const deps = syncDeps();

export const handler = httpHandler(routeTable.sync, async ({ actor, query }) => ({
  status: 200,
  body: await syncChanges(actor, query, deps),
}));
