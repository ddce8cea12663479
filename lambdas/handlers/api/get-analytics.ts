import { routeTable } from '../../../schemas/routes';
import { getAnalytics } from '../../domain/analytics/get-analytics';
import { analyticsDeps } from '../../shared/analytics-wiring';
import { httpHandler } from '../../shared/http/http-handler';

const deps = analyticsDeps();

export const handler = httpHandler(routeTable.getAnalytics, async ({ actor, query }) => ({
  status: 200,
  body: await getAnalytics(actor, query, deps),
}));
