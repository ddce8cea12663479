import type { Temperature } from '../../../schemas/api/leads';

/** Scores at or above this are hot: about a 40 % chance to convert once the model is calibrated. */
export const HOT_THRESHOLD = 70;
/** Scores at or above this (and below hot) are warm: about 13 % to 40 %; below is cold. */
export const WARM_THRESHOLD = 40;

/** hot ≥ 70, warm 40-69, cold < 40. */
export const temperatureFor = (score: number): Temperature =>
  score >= HOT_THRESHOLD ? 'hot' : score >= WARM_THRESHOLD ? 'warm' : 'cold';
