import type { ContentAnalysis } from '../../schemas/scoring';

/** One lead's text: the SHA-256 of its normalised words, kept with the lead so its erase removes the entry. */
export interface AnalysisCacheKey {
  leadId: string;
  hash: string;
}

/** Content analyses by lead and text hash, so rescoring unchanged text skips the model. Never the text itself. */
export interface AnalysisCache {
  get(key: AnalysisCacheKey): Promise<ContentAnalysis | undefined>;
  put(key: AnalysisCacheKey, analysis: ContentAnalysis): Promise<void>;
}
