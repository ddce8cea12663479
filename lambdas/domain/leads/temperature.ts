import type { Temperature } from '../../../schemas/api/leads';

/** Hot from 70, warm from 40; an unscored lead (0) counts as warm until its first score. */
export const temperatureForScore = (score: number): Temperature => {
  if (score === 0) return 'warm';
  if (score >= 70) return 'hot';
  return score >= 40 ? 'warm' : 'cold';
};
