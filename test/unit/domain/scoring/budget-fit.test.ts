import { describe, expect, it } from 'vitest';
import { budgetFitFor } from '../../../../lambdas/domain/scoring/budget-fit';
import type { Lead } from '../../../../schemas/api/leads';
import type { StatedBudget } from '../../../../schemas/scoring';

type Priced = Pick<Lead, 'profile' | 'propertyInterest'>;

const listing = (price?: number, currency?: string): Priced => ({
  propertyInterest: {
    ...(price !== undefined ? { price } : {}),
    ...(currency ? { currency } : {}),
  },
});
const stated = (budget?: StatedBudget) => (budget ? { budget } : {});

describe('budgetFitFor with a budget the lead stated', () => {
  it('finds a $450k listing within a $400k-$500k budget', () => {
    expect(
      budgetFitFor(listing(450_000, 'USD'), stated({ min: 400_000, max: 500_000, currency: 'USD' })),
    ).toEqual({
      fit: 1,
      status: 'within',
      source: 'messages',
      min: 400_000,
      max: 500_000,
      currency: 'USD',
      reason: 'Budget $400k–$500k covers the $450k price',
    });
  });

  it('says by how much the price is above the budget and lowers the fit with the gap', () => {
    const fit = budgetFitFor(listing(600_000, 'USD'), stated({ max: 500_000 }));

    expect(fit).toMatchObject({
      status: 'above_budget',
      source: 'messages',
      max: 500_000,
      currency: 'USD',
      reason: 'The $600k price is 20% above their $500k budget',
    });
    expect(fit.fit).toBeCloseTo(1 - 0.15 * 2.5);
  });

  it('gives no fit at all once the price is far above the budget', () => {
    expect(budgetFitFor(listing(900_000), stated({ max: 500_000 })).fit).toBe(0);
  });

  it('allows 5% over the budget before calling it above', () => {
    expect(budgetFitFor(listing(525_000), stated({ max: 500_000 })).status).toBe('within');
    expect(budgetFitFor(listing(525_001), stated({ max: 500_000 })).status).toBe('above_budget');
  });

  it('notices a budget well above the price, from 20% under the minimum', () => {
    expect(budgetFitFor(listing(300_000, 'USD'), stated({ min: 400_000, currency: 'USD' }))).toEqual({
      fit: 0.7,
      status: 'below_budget',
      source: 'messages',
      min: 400_000,
      currency: 'USD',
      reason: 'Budget $400k is well above the $300k price',
    });
    expect(budgetFitFor(listing(320_000), stated({ min: 400_000 })).status).toBe('within');
    expect(budgetFitFor(listing(319_999), stated({ min: 400_000 })).status).toBe('below_budget');
  });

  it('compares a minimum alone with the price', () => {
    expect(budgetFitFor(listing(450_000), stated({ min: 400_000 }))).toMatchObject({
      fit: 1,
      status: 'within',
      reason: 'Budget 400k covers the 450k price',
    });
  });

  it('writes one amount when the minimum and maximum are the same', () => {
    expect(budgetFitFor(listing(450_000, 'EUR'), stated({ min: 450_000, max: 450_000 })).reason).toBe(
      'Budget €450k covers the €450k price',
    );
  });

  it("uses the lead's currency when the listing has none", () => {
    expect(budgetFitFor(listing(450_000), stated({ max: 500_000, currency: 'GBP' }))).toMatchObject({
      status: 'within',
      currency: 'GBP',
      reason: 'Budget £500k covers the £450k price',
    });
  });

  it('does not compare amounts in different currencies', () => {
    expect(budgetFitFor(listing(450_000, 'USD'), stated({ max: 2_000_000, currency: 'AED' }))).toEqual({
      fit: 0.7,
      status: 'unknown',
      source: 'messages',
      max: 2_000_000,
      currency: 'AED',
      reason: 'Stated a budget of AED 2M',
    });
  });

  it('keeps a budget stated for a lead with no priced listing', () => {
    expect(budgetFitFor({}, stated({ min: 300_000, max: 400_000, currency: 'USD' }))).toEqual({
      fit: 0.7,
      status: 'unknown',
      source: 'messages',
      min: 300_000,
      max: 400_000,
      currency: 'USD',
      reason: 'Stated a budget of $300k–$400k',
    });
    expect(budgetFitFor(listing(undefined, 'USD'), stated({ min: 300_000 }))).toMatchObject({
      status: 'unknown',
      min: 300_000,
      reason: 'Stated a budget of 300k',
    });
  });
});

describe("budgetFitFor with the agent's profile of the lead", () => {
  it("prefers the profile's budget, in the listing's currency, over what the messages said", () => {
    const lead: Priced = {
      ...listing(700_000, 'USD'),
      profile: { job: 'nurse', budgetMin: 600_000, budgetMax: 800_000 },
    };

    expect(budgetFitFor(lead, stated({ max: 300_000, currency: 'EUR' }))).toEqual({
      fit: 1,
      status: 'within',
      source: 'profile',
      min: 600_000,
      max: 800_000,
      currency: 'USD',
      reason: 'Budget $600k–$800k covers the $700k price',
    });
  });

  it('counts a profile with only a minimum as a budget', () => {
    const lead: Priced = { ...listing(400_000, 'USD'), profile: { budgetMin: 600_000 } };

    expect(budgetFitFor(lead, stated({ max: 450_000 }))).toMatchObject({
      status: 'below_budget',
      source: 'profile',
      min: 600_000,
    });
  });

  it('falls back to the messages when the profile records no budget', () => {
    const lead: Priced = { ...listing(450_000, 'USD'), profile: { job: 'teacher' } };

    expect(budgetFitFor(lead, stated({ max: 500_000 }))).toMatchObject({
      status: 'within',
      source: 'messages',
      max: 500_000,
    });
  });
});

describe('budgetFitFor with no budget known', () => {
  it('weighs the price against what buyers here typically spend', () => {
    expect(budgetFitFor(listing(440_000), {}, 400_000)).toEqual({
      fit: 0.6,
      status: 'unknown',
      source: 'typical',
      reason: 'No budget given; the price is within what buyers here typically spend',
    });
    expect(budgetFitFor(listing(441_000), {}, 400_000)).toMatchObject({
      fit: 0.45,
      reason: 'No budget given; the price is 10% above what buyers here typically spend',
    });
    expect(budgetFitFor(listing(600_000), {}, 400_000)).toMatchObject({
      fit: 0.45,
      reason: 'No budget given; the price is 50% above what buyers here typically spend',
    });
    expect(budgetFitFor(listing(601_000), {}, 400_000)).toMatchObject({
      fit: 0.3,
      source: 'typical',
      reason: 'No budget given; the price is 50% above what buyers here typically spend',
    });
    expect(budgetFitFor(listing(800_000), {}, 400_000).reason).toContain('100% above');
  });

  it('says nothing is known without a price or a typical budget', () => {
    const unknown = {
      fit: 0.35,
      status: 'unknown',
      source: 'unknown',
      reason: 'No budget known yet',
    };

    expect(budgetFitFor({}, {})).toEqual(unknown);
    expect(budgetFitFor(listing(450_000), {})).toEqual(unknown);
    expect(budgetFitFor(listing(450_000), {}, 0)).toEqual(unknown);
    expect(budgetFitFor({}, {}, 400_000)).toEqual(unknown);
  });
});
