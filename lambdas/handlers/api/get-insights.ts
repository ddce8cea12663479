import { routeTable } from '../../../schemas/routes';
import { leadInsights } from '../../domain/intelligence/lead-insights';
import { httpHandler } from '../../shared/http/http-handler';
import { intelligenceDeps } from '../../shared/intelligence-wiring';

const deps = intelligenceDeps();

export const handler = httpHandler(routeTable.getInsights, async ({ actor, params }) => ({
  status: 200,
  body: await leadInsights(actor, params.leadId, deps),
}));
