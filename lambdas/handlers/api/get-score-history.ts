import { routeTable } from '../../../schemas/routes';
import { scoreHistory } from '../../domain/intelligence/score-history';
import { httpHandler } from '../../shared/http/http-handler';
import { intelligenceDeps } from '../../shared/intelligence-wiring';

const deps = intelligenceDeps();

export const handler = httpHandler(routeTable.getScoreHistory, async ({ actor, params, query }) => ({
  status: 200,
  body: await scoreHistory(actor, params.leadId, query, deps),
}));
