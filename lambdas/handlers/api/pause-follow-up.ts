import { routeTable } from '../../../schemas/routes';
import { pauseLeadFollowUp } from '../../domain/followups/pause-lead-follow-up';
import { pauseLeadFollowUpDeps } from '../../shared/follow-up-pause-wiring';
import { httpHandler } from '../../shared/http/http-handler';

const deps = pauseLeadFollowUpDeps();

export const handler = httpHandler(routeTable.pauseFollowUp, async ({ actor, params }) => ({
  status: 200,
  body: await pauseLeadFollowUp(actor, params.leadId, deps),
}));
