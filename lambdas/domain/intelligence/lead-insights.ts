import type { Insights } from '../../../schemas/scoring';
import type { Actor } from '../actor';
import { loadLeadFor } from '../leads/load-lead';
import { analysisTextFor } from '../scoring/analysis-text';
import { buildInsights } from '../scoring/build-insights';
import { analyzeContent } from '../scoring/heuristic-content-analyzer';
import type { IntelligenceDeps } from './deps';
import { rescoreLead } from './rescore-lead';

const TIMELINE_FOR_INSIGHTS = 100;

/**
 * Budget, urgency, preferences, a summary of every touchpoint and the next best action.
 * Flow: load the lead and its timeline → analyse the lead's words (cached by text, so usually no model
 * call) → use the latest score, scoring the lead first if it never was → build the insights.
 */
export const leadInsights = async (
  actor: Actor,
  leadId: string,
  deps: IntelligenceDeps,
): Promise<Insights> => {
  let lead = await loadLeadFor(actor, leadId, deps);
  const timeline = await deps.interactions.listTimeline(leadId, { limit: TIMELINE_FOR_INSIGHTS });
  const text = analysisTextFor(lead, timeline.items);
  const analysis = text
    ? await deps.analyzer.analyze({ text, leadName: lead.name, leadId })
    : analyzeContent({ text });

  let latest = (await deps.scores.latest(leadId))?.score;
  if (!latest) {
    const scored = await rescoreLead(lead, 'on_demand', deps);
    lead = scored.lead;
    latest = scored.score;
  }
  return buildInsights(lead, timeline.items, analysis, latest, { now: deps.clock.now() });
};
