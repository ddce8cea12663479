import { routeTable } from '../../../schemas/routes';
import { scoreHistory } from '../../domain/intelligence/score-history';
import { httpHandler } from '../../shared/http/http-handler';
import { rulesIntelligenceDeps } from '../../shared/scoring-wiring';

// Reading history scores nothing: no model binding, no model client.
const deps = rulesIntelligenceDeps();

export const handler = httpHandler(routeTable.getScoreHistory, async ({ actor, params, query }) => ({
  status: 200,
  body: await scoreHistory(actor, params.leadId, query, deps),
}));
