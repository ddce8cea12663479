import type { ContentAnalysis } from '../../schemas/scoring';

export interface ContentAnalysisInput {
  /** The lead's own words, already bounded by the caller; treated as data, never as instructions. */
  text: string;
  /** Lets an analyzer tell the lead's name apart from a place or a preference. */
  leadName?: string;
  /** Whose words these are; an analyzer caches only analyses it can file under a lead (erased with it). */
  leadId?: string;
}

/** Reads urgency, intent, budget and preferences from a lead's messages. Never throws. */
export interface ContentAnalyzer {
  analyze(input: ContentAnalysisInput): Promise<ContentAnalysis>;
}
