import { describe, expect, it } from 'vitest';
import { findBudget } from '../../../../lambdas/domain/scoring/find-budget';

describe('findBudget', () => {
  it.each([
    ['My budget is $450k', { max: 450_000, currency: 'USD' }],
    ['budget 450,000', { max: 450_000 }],
    ['we can spend up to 1.2m', { max: 1_200_000 }],
    ['Our budget is AED 2 million', { max: 2_000_000, currency: 'AED' }],
    ['looking for something between 400 and 500k', { min: 400_000, max: 500_000 }],
    ['budget 400-500k USD', { min: 400_000, max: 500_000, currency: 'USD' }],
    ['at least €300k budget', { min: 300_000, currency: 'EUR' }],
    ['budget around 450k', { min: 405_000, max: 495_000 }],
    ['ميزانيتي مليون درهم', { max: 1_000_000, currency: 'AED' }],
    ['الميزانية 800 ألف ريال', { max: 800_000, currency: 'SAR' }],
  ])('reads "%s"', (text, expected) => {
    expect(findBudget(text)).toEqual(expected);
  });

  it.each([
    'Is the $450k price negotiable?',
    'Call me on +1 212 555 0142',
    'budget? it is 2,500 sq ft',
    'We moved here in 2025',
  ])('finds no budget in "%s"', (text) => {
    expect(findBudget(text)).toBeUndefined();
  });
});
