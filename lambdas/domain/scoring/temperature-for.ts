import type { Temperature } from '../../../schemas/api/leads';

/**
 * Scores at or above this are hot. With the prior alone it takes strong signals on most factors
 * (a specific, urgent ask on a good channel, answered quickly); once the model is calibrated it is
 * about a 29 % chance to convert, several times a typical lead's.
 */
export const HOT_THRESHOLD = 60;
/** Scores at or above this (and below hot) are warm: about 10 % to 29 % once calibrated; below is cold. */
export const WARM_THRESHOLD = 35;

/** hot ≥ 60, warm 35-59, cold < 35. */
export const temperatureFor = (score: number): Temperature =>
  score >= HOT_THRESHOLD ? 'hot' : score >= WARM_THRESHOLD ? 'warm' : 'cold';
