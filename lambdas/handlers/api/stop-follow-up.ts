import { routeTable } from '../../../schemas/routes';
import { stopLeadFollowUp } from '../../domain/followups/stop-lead-follow-up';
import { stopLeadFollowUpDeps } from '../../shared/follow-up-stop-wiring';
import { httpHandler } from '../../shared/http/http-handler';

const deps = stopLeadFollowUpDeps();

export const handler = httpHandler(routeTable.stopFollowUp, async ({ actor, params }) => ({
  status: 200,
  body: await stopLeadFollowUp(actor, params.leadId, deps),
}));
