import type { Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type { RecordOutcomeBody } from '../../../schemas/scoring';
import type { ModelChange } from '../../ports/score-repository';
import type { Actor } from '../actor';
import { ConflictError, StaleVersionError } from '../errors';
import { loadLeadFor } from '../leads/load-lead';
import { factorValuesFromScore } from '../scoring/factor-values-from-score';
import { knownSignals } from '../scoring/lead-signals';
import {
  agentOutcomeWeight,
  emptyScoringModel,
  learningProbability,
  recordOutcome,
} from '../scoring/scoring-model';
import type { IntelligenceDeps } from './deps';
import { brokerageScope, rescoreLead } from './rescore-lead';

const MAX_ATTEMPTS = 4;

/**
 * `POST /leads/{id}/outcome`: the lead converted or was lost, and the scoring learns from it.
 * Flow: load the lead (the same outcome again is a no-op; a different one is a conflict) → take the
 * factor values and signals of its latest score (scoring it first if it never was) → in ONE transaction:
 * close the lead, note it on the timeline, record a `lead.outcome_recorded` event, keep the outcome for
 * review, and update the brokerage's model (one agent's share bounded) and the agent's, each guarded by
 * its version (a concurrent change retries) → rescore the lead with what was just learned.
 */
export const recordLeadOutcome = async (
  actor: Actor,
  leadId: string,
  { outcome, reason }: RecordOutcomeBody,
  deps: IntelligenceDeps,
): Promise<Lead> => {
  for (let attempt = 1; ; attempt++) {
    let lead = await loadLeadFor(actor, leadId, deps);
    if (lead.outcome) {
      if (lead.outcome.result === outcome) return lead;
      throw new ConflictError(`This lead is already marked ${lead.outcome.result}`, {
        outcome: lead.outcome.result,
      });
    }

    let latest = (await deps.scores.latest(leadId))?.score;
    // A score from before signals were kept cannot teach the signal model: score the lead afresh.
    if (!latest?.signals) {
      const scored = await rescoreLead(lead, 'on_demand', deps);
      lead = scored.lead;
      latest = scored.score;
    }
    const evidence = { values: factorValuesFromScore(latest), signals: knownSignals(latest.signals ?? []) };
    const stored = await deps.scores.models(lead.brokerageId, [brokerageScope, lead.agentId]);
    const modelOf = (scope: string) => stored.find((m) => m.scope === scope);
    // The brokerage's model bounds how much one agent's outcomes count; the agent's own model takes all of theirs.
    const brokerageModel = modelOf(brokerageScope)?.model ?? emptyScoringModel();
    const agentModel = modelOf(lead.agentId)?.model ?? emptyScoringModel();
    const weights = { brokerage: agentOutcomeWeight(brokerageModel, actor.agentId), agent: 1 };
    const probabilities = {
      brokerage: learningProbability(brokerageModel, evidence),
      agent: learningProbability(agentModel, evidence),
    };
    const models: ModelChange[] = [
      {
        scope: brokerageScope,
        previousVersion: modelOf(brokerageScope)?.version,
        next: recordOutcome(brokerageModel, evidence, outcome, {
          weight: weights.brokerage,
          agentId: actor.agentId,
        }),
      },
      {
        scope: lead.agentId,
        previousVersion: modelOf(lead.agentId)?.version,
        next: recordOutcome(agentModel, evidence, outcome),
      },
    ];

    const now = deps.clock.now().toISOString();
    const next: Lead = {
      ...lead,
      status: outcome,
      outcome: { result: outcome, ...(reason ? { reason } : {}), at: now },
      version: lead.version + 1,
      updatedAt: now,
    };
    const note: Interaction = {
      interactionId: deps.newId(),
      leadId,
      type: 'system',
      direction: 'internal',
      text: `Marked ${outcome}${reason ? `: ${reason}` : ''}`,
      occurredAt: now,
      createdBy: actor.agentId,
    };
    try {
      await deps.scores.saveOutcome({
        previous: lead,
        next,
        models,
        note,
        record: {
          outcomeId: note.interactionId,
          leadId,
          agentId: lead.agentId,
          recordedBy: actor.agentId,
          result: outcome,
          ...evidence,
          weights,
          probabilities,
          recordedAt: now,
        },
        // The follow-up engine stops a closed lead's sequence on this event.
        event: {
          leadId,
          eventId: note.interactionId,
          type: 'lead.outcome_recorded',
          occurredAt: now,
          data: { result: outcome },
        },
      });
    } catch (error) {
      if (error instanceof StaleVersionError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
    return (await rescoreLead(next, 'outcome', deps)).lead;
  }
};
