import type { ContentAnalyzer } from '../../ports/content-analyzer';
import type { ScoreRepository } from '../../ports/score-repository';
import type { LeadDeps } from '../leads/deps';

/** The lead use cases' collaborators plus what scoring needs. */
export interface IntelligenceDeps extends LeadDeps {
  scores: ScoreRepository;
  /** Reads the lead's words with the model when configured, with the built-in rules as its fallback. */
  analyzer: ContentAnalyzer;
  /** The built-in rules alone: for paths that must not wait on a model. */
  fastAnalyzer: ContentAnalyzer;
  /** Typical buyer budget in the brokerage's market, used when a lead states none. */
  typicalLocalBudget?: number;
  /** Scoring must never fail the action that triggered it; failures are reported here. */
  onScoringError?: (error: unknown, leadId: string) => void;
}
