import { routeTable } from '../../../schemas/routes';
import { createScoreRepository } from '../../adapters/dynamodb/score-repository';
import { voidOutcome } from '../../domain/intelligence/void-outcome';
import { systemClock } from '../../ports/clock';
import { httpHandler } from '../../shared/http/http-handler';
import { logger } from '../../shared/logger';
import { crmService } from '../../shared/wiring';

const deps = { scores: createScoreRepository(crmService()), clock: systemClock };

export const handler = httpHandler(routeTable.voidOutcome, async ({ actor, params }) => {
  const record = await voidOutcome(actor, params.outcomeId, deps);
  logger.info('Outcome voided by an admin', { outcomeId: record.outcomeId, recordedBy: record.recordedBy });
  return { status: 200, body: record };
});
