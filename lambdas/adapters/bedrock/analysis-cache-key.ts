import { createHash } from 'node:crypto';
import { normalizeText } from '../../domain/scoring/normalize-text';
import { PROMPT_VERSION } from './analysis-prompt';

/** SHA-256 (hex) of the normalised text, the lead's name and the prompt version. */
export const analysisCacheKey = (text: string, leadName?: string): string =>
  createHash('sha256')
    .update(`${PROMPT_VERSION}\n${leadName ?? ''}\n${normalizeText(text)}`)
    .digest('hex');
