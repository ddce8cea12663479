import type { Lead } from '../../../schemas/api/leads';
import type { ScoreSnapshot, ScoreTrigger } from '../../../schemas/api/scores';
import type { LeadScore } from '../../../schemas/scoring';
import type { RescoreOptions } from '../../ports/lead-scorer';
import { StaleVersionError } from '../errors';
import { LeadGoneError } from '../leads/lead-errors';
import { scoreLead } from '../scoring/score-lead';
import { selectScoringModel } from '../scoring/scoring-model';
import type { IntelligenceDeps } from './deps';

const TIMELINE_FOR_SCORING = 100;
const MAX_ATTEMPTS = 3;

/** Model scopes: the brokerage's, and the agent's own once it has learned enough. */
export const brokerageScope = 'brokerage';

/**
 * Scores a lead and keeps the result.
 * Flow: read its recent timeline, the agent's time zone and the learned models → score (one content
 * analysis at most) → save the score on the lead with a snapshot, guarded by the lead's version; if the
 * lead changed meanwhile, start again from the fresh lead. A lead erased meanwhile is a LeadGoneError.
 */
export const rescoreLead = async (
  lead: Lead,
  trigger: ScoreTrigger,
  deps: IntelligenceDeps,
  options: RescoreOptions = {},
): Promise<{ lead: Lead; score: LeadScore }> => {
  let current = lead;
  for (let attempt = 1; ; attempt++) {
    const [timeline, agent, models] = await Promise.all([
      deps.interactions.listTimeline(current.leadId, { limit: TIMELINE_FOR_SCORING }),
      deps.agents.get(current.agentId),
      deps.scores.models(current.brokerageId, [brokerageScope, current.agentId]),
    ]);
    const now = deps.clock.now();
    const score = await scoreLead({
      lead: current,
      interactions: timeline.items,
      agentTimeZone: agent?.timezone ?? deps.profileDefaults.timezone,
      typicalLocalBudget: deps.typicalLocalBudget,
      model: selectScoringModel({
        brokerage: models.find((m) => m.scope === brokerageScope)?.model,
        agent: models.find((m) => m.scope === current.agentId)?.model,
      }),
      analyzer: options.fast ? deps.fastAnalyzer : deps.analyzer,
      now,
    });

    const next: Lead = {
      ...current,
      score: score.score,
      confidence: score.confidence,
      scoredAt: score.scoredAt,
      scoreProvider: score.provider,
      temperature: current.temperatureSetBy === 'agent' ? current.temperature : score.temperature,
      version: current.version + 1,
      updatedAt: now.toISOString(),
    };
    const snapshot: ScoreSnapshot = { snapshotId: deps.newId(), leadId: current.leadId, trigger, score };
    try {
      await deps.scores.saveScore(current, next, snapshot);
      return { lead: next, score };
    } catch (error) {
      if (!(error instanceof StaleVersionError) || attempt >= MAX_ATTEMPTS) throw error;
      const fresh = await deps.leads.get(current.leadId);
      if (!fresh) throw new LeadGoneError(current.leadId);
      current = fresh;
    }
  }
};
