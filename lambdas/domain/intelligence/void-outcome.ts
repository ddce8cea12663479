import type { ScoringOutcomeRecord } from '../../../schemas/api/outcomes';
import type { ModelChange } from '../../ports/score-repository';
import type { Actor } from '../actor';
import { NotFoundError, StaleVersionError } from '../errors';
import { requireBrokerageAdmin } from '../require-brokerage-admin';
import { knownSignals } from '../scoring/lead-signals';
import { forgetOutcome } from '../scoring/scoring-model';
import type { IntelligenceDeps } from './deps';
import { brokerageScope } from './rescore-lead';

const MAX_ATTEMPTS = 4;

/**
 * `POST /admin/outcomes/{id}/void`: an admin takes an outcome's evidence back out of the brokerage's
 * and the agent's models (an invented or mistaken outcome stops steering scores). The lead keeps its
 * status. Flow: load the outcome (voiding twice is a no-op) → read both models → take its evidence out
 * with the weight it was recorded at → mark it void and store both models in one transaction, guarded
 * by their versions (a concurrent outcome retries). Leads are rescored as they are next touched.
 */
export const voidOutcome = async (
  actor: Actor,
  outcomeId: string,
  deps: Pick<IntelligenceDeps, 'scores' | 'clock'>,
): Promise<ScoringOutcomeRecord> => {
  requireBrokerageAdmin(actor, actor.brokerageId);
  const { brokerageId } = actor;
  for (let attempt = 1; ; attempt++) {
    const record = await deps.scores.getOutcome(brokerageId, outcomeId);
    if (!record) throw new NotFoundError('Outcome');
    if (record.voidedAt) return record;

    const evidence = { values: record.values, signals: knownSignals(record.signals) };
    const stored = await deps.scores.models(brokerageId, [brokerageScope, record.agentId]);
    const models: ModelChange[] = [];
    for (const [scope, weight, probability, agentId] of [
      [brokerageScope, record.weights.brokerage, record.probabilities.brokerage, record.recordedBy],
      [record.agentId, record.weights.agent, record.probabilities.agent, undefined],
    ] as const) {
      const current = stored.find((m) => m.scope === scope);
      // A model in an older layout never held this outcome's evidence; it restarts from the prior.
      if (!current?.model || weight === 0) continue;
      models.push({
        scope,
        previousVersion: current.version,
        next: forgetOutcome(current.model, evidence, record.result, { weight, agentId, probability }),
      });
    }

    const voidedAt = deps.clock.now().toISOString();
    try {
      await deps.scores.voidOutcome({ brokerageId, outcomeId, voidedAt, voidedBy: actor.agentId, models });
      return { ...record, voidedAt, voidedBy: actor.agentId };
    } catch (error) {
      if (error instanceof StaleVersionError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
};
