import { routeTable } from '../../../schemas/routes';
import { eraseLead } from '../../domain/leads/erase-lead';
import { eraseLeadFollowUpsDeps } from '../../shared/follow-up-reaction-wiring';
import { httpHandler } from '../../shared/http/http-handler';
import { leadDeps } from '../../shared/wiring';

const deps = { ...leadDeps(), ...eraseLeadFollowUpsDeps() };

export const handler = httpHandler(routeTable.eraseLead, async ({ actor, params }) => {
  await eraseLead(actor, params.leadId, deps);
  return { status: 204 };
});
