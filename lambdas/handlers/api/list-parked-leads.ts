import { routeTable } from '../../../schemas/routes';
import { listParkedLeadgens } from '../../domain/messaging/list-parked-leadgens';
import { httpHandler } from '../../shared/http/http-handler';
import { parkedLeadgenDeps } from '../../shared/messaging-wiring';

const deps = parkedLeadgenDeps();

export const handler = httpHandler(routeTable.listParkedLeads, async ({ actor }) => ({
  status: 200,
  body: await listParkedLeadgens(actor, deps),
}));
