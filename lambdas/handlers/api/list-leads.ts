import { routeTable } from '../../../schemas/routes';
import { listLeads } from '../../domain/leads/list-leads';
import { httpHandler } from '../../shared/http/http-handler';
import { leadDeps } from '../../shared/wiring';

const deps = leadDeps();

export const handler = httpHandler(routeTable.listLeads, async ({ actor, query }) => ({
  status: 200,
  body: await listLeads(actor, query, deps),
}));
