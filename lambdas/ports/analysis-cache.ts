import type { ContentAnalysis } from '../../schemas/scoring';

/** Content analyses keyed by the SHA-256 of the normalised text, so rescoring unchanged text skips the model. */
export interface AnalysisCache {
  get(hash: string): Promise<ContentAnalysis | undefined>;
  put(hash: string, analysis: ContentAnalysis): Promise<void>;
}
