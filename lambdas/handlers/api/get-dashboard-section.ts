import { routeTable } from '../../../schemas/routes';
import { loadDashboardSection } from '../../domain/dashboard/load-dashboard-section';
import { dashboardDeps } from '../../shared/dashboard-wiring';
import { httpHandler } from '../../shared/http/http-handler';

const deps = dashboardDeps();

export const handler = httpHandler(routeTable.getDashboardSection, async ({ actor, params, query }) => ({
  status: 200,
  body: await loadDashboardSection(actor, params.section, query, deps),
}));
