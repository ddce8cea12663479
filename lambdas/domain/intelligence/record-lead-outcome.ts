import type { Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type { RecordOutcomeBody } from '../../../schemas/scoring';
import type { ModelChange } from '../../ports/score-repository';
import type { Actor } from '../actor';
import { ConflictError, StaleVersionError } from '../errors';
import { loadLeadFor } from '../leads/load-lead';
import { factorValuesFromScore } from '../scoring/factor-values-from-score';
import { emptyScoringModel, recordOutcome } from '../scoring/scoring-model';
import type { IntelligenceDeps } from './deps';
import { brokerageScope, rescoreLead } from './rescore-lead';

const MAX_ATTEMPTS = 4;

/**
 * `POST /leads/{id}/outcome`: the lead converted or was lost, and the scoring learns from it.
 * Flow: load the lead (the same outcome again is a no-op; a different one is a conflict) → take the
 * factor values of its latest score (scoring it first if it never was) → in ONE transaction: close
 * the lead, note it on the timeline, record a `lead.outcome_recorded` event, and update the brokerage's
 * and the agent's models, each guarded
 * by its version (a concurrent change retries) → rescore the lead with what was just learned.
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
    if (!latest) {
      const scored = await rescoreLead(lead, 'on_demand', deps);
      lead = scored.lead;
      latest = scored.score;
    }
    const values = factorValuesFromScore(latest);
    const stored = await deps.scores.models(lead.brokerageId, [brokerageScope, lead.agentId]);
    const models: ModelChange[] = [brokerageScope, lead.agentId].map((scope) => {
      const current = stored.find((m) => m.scope === scope);
      return {
        scope,
        previousVersion: current?.version,
        next: recordOutcome(current?.model ?? emptyScoringModel(), values, outcome),
      };
    });

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
