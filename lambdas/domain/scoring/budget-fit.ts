import type { Lead } from '../../../schemas/api/leads';
import type { ContentAnalysis } from '../../../schemas/scoring';
import { formatMoney } from './format-money';

export interface BudgetFit {
  /** 0..1: how well the property's price suits what the lead can spend. */
  fit: number;
  status: 'within' | 'above_budget' | 'below_budget' | 'unknown';
  source: 'profile' | 'messages' | 'typical' | 'unknown';
  min?: number;
  max?: number;
  currency?: string;
  reason: string;
}

const UNKNOWN_FIT = 0.35;

const rangeText = (
  min: number | undefined,
  max: number | undefined,
  currency: string | undefined,
): string => {
  if (min !== undefined && max !== undefined && min !== max) {
    return `${formatMoney(min, currency)}–${formatMoney(max, currency)}`;
  }
  return formatMoney((max ?? min)!, currency);
};

// One object shape for every outcome keeps this hot path monomorphic.
const result = (
  fit: number,
  status: BudgetFit['status'],
  source: BudgetFit['source'],
  reason: string,
  min?: number,
  max?: number,
  currency?: string,
): BudgetFit => ({ fit, status, source, min, max, currency, reason });

/**
 * Compares the property's price with the lead's budget: the profile's when the agent recorded
 * one, else the one they stated in messages, else (more weakly) the typical local budget.
 */
export const budgetFitFor = (
  lead: Pick<Lead, 'profile' | 'propertyInterest'>,
  analysis: Pick<ContentAnalysis, 'budget'>,
  typicalLocalBudget?: number,
): BudgetFit => {
  const profile = lead.profile;
  const stated = analysis.budget;
  const fromProfile =
    profile !== undefined && (profile.budgetMin !== undefined || profile.budgetMax !== undefined);
  const min = fromProfile ? profile.budgetMin : stated?.min;
  const max = fromProfile ? profile.budgetMax : stated?.max;
  const price = lead.propertyInterest?.price;
  const priceCurrency = lead.propertyInterest?.currency;
  const currency = fromProfile ? priceCurrency : stated?.currency;
  const source = fromProfile ? 'profile' : stated ? 'messages' : 'unknown';
  const known = min !== undefined || max !== undefined;

  if (known && price !== undefined && (!currency || !priceCurrency || currency === priceCurrency)) {
    const unit = currency ?? priceCurrency;
    const budget = rangeText(min, max, unit);
    const priceText = formatMoney(price, unit);
    if (max !== undefined && price > max * 1.05) {
      const over = price / max - 1;
      const reason = `The ${priceText} price is ${Math.round(over * 100)}% above their ${budget} budget`;
      return result(Math.max(0, 1 - (over - 0.05) * 2.5), 'above_budget', source, reason, min, max, unit);
    }
    if (min !== undefined && price < min * 0.8) {
      const reason = `Budget ${budget} is well above the ${priceText} price`;
      return result(0.7, 'below_budget', source, reason, min, max, unit);
    }
    return result(1, 'within', source, `Budget ${budget} covers the ${priceText} price`, min, max, unit);
  }
  if (known) {
    return result(
      0.7,
      'unknown',
      source,
      `Stated a budget of ${rangeText(min, max, currency)}`,
      min,
      max,
      currency,
    );
  }
  if (price !== undefined && typicalLocalBudget !== undefined && typicalLocalBudget > 0) {
    const ratio = price / typicalLocalBudget;
    const fit = ratio <= 1.1 ? 0.6 : ratio <= 1.5 ? 0.45 : 0.3;
    const where = ratio <= 1.1 ? 'within' : `${Math.round((ratio - 1) * 100)}% above`;
    return result(
      fit,
      'unknown',
      'typical',
      `No budget given; the price is ${where} what buyers here typically spend`,
    );
  }
  return result(UNKNOWN_FIT, 'unknown', 'unknown', 'No budget known yet');
};
