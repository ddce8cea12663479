import { routeTable } from '../../../schemas/routes';
import { getTimeline } from '../../domain/timeline/get-timeline';
import { httpHandler } from '../../shared/http/http-handler';
import { leadDeps } from '../../shared/wiring';

const deps = leadDeps();

export const handler = httpHandler(routeTable.getTimeline, async ({ actor, params, query }) => ({
  status: 200,
  body: await getTimeline(actor, params.leadId, query, deps),
}));
