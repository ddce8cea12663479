import { routeTable } from '../../../schemas/routes';
import { enrolLead } from '../../domain/followups/enrol-lead';
import { enrolLeadDeps } from '../../shared/follow-up-wiring';
import { httpHandler } from '../../shared/http/http-handler';

const deps = enrolLeadDeps();

export const handler = httpHandler(routeTable.enrolLead, async ({ actor, params, body }) => {
  const { followUp, created } = await enrolLead(actor, params.leadId, body, deps);
  return {
    status: created ? 201 : 200,
    body: followUp,
    headers: { location: `/leads/${params.leadId}/follow-up` },
  };
});
