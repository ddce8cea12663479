import { routeTable } from '../../../schemas/routes';
import { createScoreRepository } from '../../adapters/dynamodb/score-repository';
import { listOutcomes } from '../../domain/intelligence/list-outcomes';
import { httpHandler } from '../../shared/http/http-handler';
import { crmService } from '../../shared/wiring';

const deps = { scores: createScoreRepository(crmService()) };

export const handler = httpHandler(routeTable.listOutcomes, async ({ actor, query }) => ({
  status: 200,
  body: await listOutcomes(actor, query, deps),
}));
