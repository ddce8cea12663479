import { routeTable } from '../../../schemas/routes';
import { loadDashboard } from '../../domain/dashboard/load-dashboard';
import { dashboardDeps } from '../../shared/dashboard-wiring';
import { httpHandler } from '../../shared/http/http-handler';

const deps = dashboardDeps();

export const handler = httpHandler(routeTable.getDashboard, async ({ actor, query }) => ({
  status: 200,
  body: await loadDashboard(actor, query, deps),
}));
