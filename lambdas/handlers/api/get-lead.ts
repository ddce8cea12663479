import { routeTable } from '../../../schemas/routes';
import { loadLeadFor } from '../../domain/leads/load-lead';
import { httpHandler } from '../../shared/http/http-handler';
import { leadDeps } from '../../shared/wiring';

const deps = leadDeps();

export const handler = httpHandler(routeTable.getLead, async ({ actor, params }) => {
  const lead = await loadLeadFor(actor, params.leadId, deps);
  return { status: 200, body: lead, headers: { etag: `"${lead.version}"` } };
});
