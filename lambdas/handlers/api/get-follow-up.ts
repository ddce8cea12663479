import { routeTable } from '../../../schemas/routes';
import { followUpStatus } from '../../domain/followups/follow-up-status';
import { followUpStatusDeps } from '../../shared/follow-up-wiring';
import { httpHandler } from '../../shared/http/http-handler';

const deps = followUpStatusDeps();

export const handler = httpHandler(routeTable.getFollowUp, async ({ actor, params }) => ({
  status: 200,
  body: await followUpStatus(actor, params.leadId, deps),
}));
