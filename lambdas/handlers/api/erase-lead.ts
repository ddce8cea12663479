import { routeTable } from '../../../schemas/routes';
import { eraseLead } from '../../domain/leads/erase-lead';
import { httpHandler } from '../../shared/http/http-handler';
import { leadDeps } from '../../shared/wiring';

const deps = leadDeps();

export const handler = httpHandler(routeTable.eraseLead, async ({ actor, params }) => {
  await eraseLead(actor, params.leadId, deps);
  return { status: 204 };
});
