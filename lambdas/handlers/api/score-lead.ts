import { routeTable } from '../../../schemas/routes';
import { scoreOnDemand } from '../../domain/intelligence/score-on-demand';
import { httpHandler } from '../../shared/http/http-handler';
import { intelligenceDeps } from '../../shared/intelligence-wiring';

const deps = intelligenceDeps();

export const handler = httpHandler(routeTable.scoreLead, async ({ actor, params }) => ({
  status: 200,
  body: await scoreOnDemand(actor, params.leadId, deps),
}));
