import { routeTable } from '../../../schemas/routes';
import { updateLead } from '../../domain/leads/update-lead';
import { httpHandler, ifMatchVersion } from '../../shared/http/http-handler';
import { scoringLeadDeps } from '../../shared/intelligence-wiring';

const deps = scoringLeadDeps();

export const handler = httpHandler(routeTable.updateLead, async ({ actor, params, body, headers }) => {
  const lead = await updateLead(actor, params.leadId, body, ifMatchVersion(headers), deps);
  return { status: 200, body: lead, headers: { etag: `"${lead.version}"` } };
});
