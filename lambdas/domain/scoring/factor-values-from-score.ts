import type { FactorValues, LeadScore } from '../../../schemas/scoring';

/**
 * The factor values a score snapshot recorded, for `recordOutcome` when the lead closes. Prefer
 * the latest snapshot taken before the outcome: it is what the model will see for new leads.
 */
export const factorValuesFromScore = (score: Pick<LeadScore, 'factors'>): FactorValues => {
  const values: FactorValues = { content: 0, engagement: 0, timing: 0, source: 0, profile: 0 };
  for (const factor of score.factors) values[factor.name] = factor.value;
  return values;
};
