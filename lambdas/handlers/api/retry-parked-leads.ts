import { routeTable } from '../../../schemas/routes';
import { retryParkedLeadgensAs } from '../../domain/messaging/retry-parked-leadgens-as';
import { httpHandler } from '../../shared/http/http-handler';
import { logger } from '../../shared/logger';
import { facebookIntakeDeps } from '../../shared/messaging-wiring';

const deps = facebookIntakeDeps();

export const handler = httpHandler(routeTable.retryParkedLeads, async ({ actor }) => {
  const report = await retryParkedLeadgensAs(actor, deps);
  logger.info('Parked lead forms retried by an admin', { report });
  return { status: 200, body: report };
});
