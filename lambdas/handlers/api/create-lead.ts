import { routeTable } from '../../../schemas/routes';
import { createLead } from '../../domain/leads/create-lead';
import { httpHandler } from '../../shared/http/http-handler';
import { scoringLeadDeps } from '../../shared/intelligence-wiring';

const deps = scoringLeadDeps();

export const handler = httpHandler(routeTable.createLead, async ({ actor, body }) => {
  const { lead } = await createLead(actor, body, deps);
  return {
    status: 201,
    body: lead,
    headers: { location: `/leads/${lead.leadId}`, etag: `"${lead.version}"` },
  };
});
