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

  it.each([
    ['budget $400k-$500k', { min: 400_000, max: 500_000, currency: 'USD' }],
    ['between AED 400,000 and AED 500,000', { min: 400_000, max: 500_000, currency: 'AED' }],
    ['budget 400k–500k', { min: 400_000, max: 500_000 }],
    ['budget 400k to 500k', { min: 400_000, max: 500_000 }],
    ['ميزانيتي 400 الى 500 ألف', { min: 400_000, max: 500_000 }],
    ['ميزانيتي 400 إلى 500 ألف', { min: 400_000, max: 500_000 }],
    ['ميزانيتي 400 و 500 ألف', { min: 400_000, max: 500_000 }],
    ['budget 2-3 million dirhams', { min: 2_000_000, max: 3_000_000, currency: 'AED' }],
    ['budget 400 to 500 thousand', { min: 400_000, max: 500_000 }],
  ])('reads the range "%s", a currency on either end or both', (text, expected) => {
    expect(findBudget(text)).toEqual(expected);
  });

  it('lends a currency across a range, so small amounts in it still read as money', () => {
    expect(findBudget('budget $1000-5000')).toEqual({ min: 1000, max: 5000, currency: 'USD' });
    expect(findBudget('budget 1000 to 5000 dollars')).toEqual({ min: 1000, max: 5000, currency: 'USD' });
  });

  it('lends the magnitude to a first number under ten times the second only', () => {
    expect(findBudget('budget 40-500k')).toEqual({ min: 40_000, max: 500_000 });
    expect(findBudget('budget 5000 - 500k')).toEqual({ max: 500_000 });
  });

  it('keeps the magnitude each end of a range was written with', () => {
    expect(findBudget('budget 2k to 1m')).toEqual({ min: 2_000, max: 1_000_000 });
  });

  it('reads a range of plain numbers once budget wording says they are money', () => {
    expect(findBudget('budget 400000 to 500000')).toEqual({ min: 400_000, max: 500_000 });
  });

  it('reads a range written high to low as a lower bound, not as a range', () => {
    expect(findBudget('budget between 500k and 400k')).toEqual({ min: 500_000 });
  });

  it.each([
    ['budget over 450k', { min: 450_000 }],
    ['budget above 450k', { min: 450_000 }],
    ['budget more than 450k', { min: 450_000 }],
    ['budget minimum 450k', { min: 450_000 }],
    ['budget min 450k', { min: 450_000 }],
    ['budget starting from 450k', { min: 450_000 }],
    ['budget starting at 450k', { min: 450_000 }],
    ['budget over AED 2,000,000', { min: 2_000_000, currency: 'AED' }],
    ['ميزانيتي على الأقل 450k', { min: 450_000 }],
    ['ميزانيتي أكثر من 450k', { min: 450_000 }],
    ['ميزانيتي اكثر من 450k', { min: 450_000 }],
    ['ميزانيتي فوق 450k', { min: 450_000 }],
    ['budget from 300k', { min: 300_000 }],
    ['ميزانيتي بين 400k', { min: 400_000 }],
    ['ميزانيتي من 400k', { min: 400_000 }],
    ['budget about 450k', { min: 405_000, max: 495_000 }],
    ['budget approximately 450k', { min: 405_000, max: 495_000 }],
    ['budget roughly 450k', { min: 405_000, max: 495_000 }],
    ['budget ~ 450k', { min: 405_000, max: 495_000 }],
    ['ميزانيتي حوالي 450k', { min: 405_000, max: 495_000 }],
    ['ميزانيتي حوالى 450k', { min: 405_000, max: 495_000 }],
    ['ميزانيتي تقريبا 450k', { min: 405_000, max: 495_000 }],
    ['ميزانيتي بحدود 450k', { min: 405_000, max: 495_000 }],
    ['ميزانيتي في حدود 450k', { min: 405_000, max: 495_000 }],
    ['budget under $1,200,000', { max: 1_200_000, currency: 'USD' }],
    ['budget max 300k', { max: 300_000 }],
  ])('reads the bound in "%s"', (text, expected) => {
    expect(findBudget(text)).toEqual(expected);
  });

  it.each([
    ['budget US$450k', 'USD'],
    ['budget £450,000', 'GBP'],
    ['budget 450,000 pounds', 'GBP'],
    ['budget 450,000 dollars', 'USD'],
    ['budget 450,000 euros', 'EUR'],
    ['budget EUR 450,000', 'EUR'],
    ['budget GBP 450,000', 'GBP'],
    ['budget dh 450,000', 'AED'],
    ['budget dhs 450,000', 'AED'],
    ['budget 450,000 dirhams', 'AED'],
    ['budget SAR 450,000', 'SAR'],
    ['budget 450,000 riyals', 'SAR'],
    ['budget QAR 450,000', 'QAR'],
    ['budget KWD 450,000', 'KWD'],
    ['budget BHD 450,000', 'BHD'],
    ['budget OMR 450,000', 'OMR'],
    ['budget EGP 450,000', 'EGP'],
    ['ميزانيتي درهم 450,000', 'AED'],
    ['ميزانيتي 450,000 درهم', 'AED'],
    ['ميزانيتي 450,000 ريال', 'SAR'],
    ['ميزانيتي 450,000 دولار', 'USD'],
    ['ميزانيتي 450,000 جنيه', 'EGP'],
    ['ميزانيتي 450,000 يورو', 'EUR'],
  ])('reads "%s" in %s', (text, currency) => {
    expect(findBudget(text)).toEqual({ max: 450_000, currency });
  });

  it.each([
    ['budget 2 mm', 2e6],
    ['budget 2 mn', 2e6],
    ['budget 2 mil', 2e6],
    ['budget 2 millions', 2e6],
    ['budget 2 thousand', 2e3],
    ['budget 2 billion', 2e9],
    ['budget $2bn', 2e9],
    ['budget 1.25m', 1_250_000],
    ['ميزانيتي 2 ملايين', 2e6],
    ['ميزانيتي 2 مليار', 2e9],
    ['ميزانيتي 500 الف', 5e5],
    ['ميزانيتي 500 آلاف', 5e5],
    ['ميزانيتي 500 الاف', 5e5],
    ['ميزانيتي 450٬000', 450_000],
    ['budget 450000', 450_000],
    ['budget 10000', 10_000],
    ['budget 1,000', 1_000],
    ['budget 100000000000', 1e11],
  ])('reads the amount in "%s"', (text, max) => {
    const budget = findBudget(text);

    expect(budget?.max).toBe(max);
    expect(budget?.min).toBeUndefined();
  });

  it.each([
    ['ميزانيتي مليونين', { max: 2_000_000 }],
    ['ميزانيتي مليونين درهم', { max: 2_000_000, currency: 'AED' }],
    ['ميزانيتي مليون ريال', { max: 1_000_000, currency: 'SAR' }],
    ['ميزانيتي مليون دولار', { max: 1_000_000, currency: 'USD' }],
    ['ميزانيتي مليون جنيه', { max: 1_000_000, currency: 'EGP' }],
    ['ميزانيتي مليون يورو', { max: 1_000_000, currency: 'EUR' }],
    ['ميزانيتي مليون AED', { max: 1_000_000, currency: 'AED' }],
    ['ميزانيتي مليون SAR', { max: 1_000_000, currency: 'SAR' }],
    ['ميزانيتي مليون usd', { max: 1_000_000, currency: 'USD' }],
    ['ميزانيتي مليون EUR', { max: 1_000_000, currency: 'EUR' }],
    ['ميزانيتي مليون EGP', { max: 1_000_000, currency: 'EGP' }],
  ])('reads a million written as a word, "%s"', (text, expected) => {
    expect(findBudget(text)).toEqual(expected);
  });

  it.each([
    'my budget is $999',
    'budget 9999',
    'budget 150000000000',
    'I have a budget in mind',
    'budget 2,500 sqm',
    'budget 2,500 m2',
    'budget 20,000 m²',
    'budget 2,500 ft',
    'budget 2,500 feet',
    'budget 2,500 square',
    'budget 20,000 sq',
    'budget 20,000 sqft',
    'budget 2,500 meters',
    'budget 2,500 متر',
    'budget 20,000 bed',
    'budget 20,000 br',
    'budget 20,000 bhk',
    'budget 20,000 years',
    'budget 20,000 yrs',
    'budget 20,000 mins',
    'budget 20,000 minutes',
    'budget 20,000 hours',
    'budget 20,000 days',
    'budget 20,000%',
  ])('finds no budget in "%s": too small, too large, no amount or not money', (text) => {
    expect(findBudget(text)).toBeUndefined();
  });

  it('reads the budget, not the floor area written before it', () => {
    expect(findBudget('I need a 150 m² villa, budget 500k')).toEqual({ max: 500_000 });
  });

  it('takes the first amount that reads as money', () => {
    expect(findBudget('3 bed, budget 500k, can stretch to 550k')).toEqual({ max: 500_000 });
  });

  it.each([
    'I can afford 450k',
    'we can pay 450k',
    'we can spend 450k',
    'we spend 450k on a home',
    'price range 450k',
    'looking for something at 450k',
    'looking at something for 450k',
    'preapproved for 450k',
    'pre-approved for 450k',
    'approved for 450k',
    'cash 450k',
    'I would offer 450k',
    'willing to pay 450k',
    'we can do 450k',
    'nothing below 450k',
    'no more than 450k',
    'a budget of not more than 450k',
    'maximum 450k',
    'up to 450k',
    'ميزانيتي 450k',
    'لا يزيد عن 450k',
    'أقل من 450k',
    'اقل من 450k',
    'كاش 450k',
    'نقدا 450k',
    'أدفع 450k',
    'ادفع 450k',
    'عرض 450k',
  ])('reads "%s" as a budget of at most 450k', (text) => {
    expect(findBudget(text)).toEqual({ max: 450_000 });
  });

  it.each([
    ['budget about $450k', { min: 405_000, max: 495_000, currency: 'USD' }],
    ['budget over $ 450k', { min: 450_000, currency: 'USD' }],
    ['budget $ 450k', { max: 450_000, currency: 'USD' }],
    ['Budget: 450K USD', { max: 450_000, currency: 'USD' }],
    ['budget 2M', { max: 2_000_000 }],
    ['budget 450,000 Dirhams', { max: 450_000, currency: 'AED' }],
    ['budget usd 450,000', { max: 450_000, currency: 'USD' }],
    ['budget 500k-500k', { min: 500_000, max: 500_000 }],
    ['budget 1,250,000.50', { max: 1_250_001 }],
  ])('reads "%s" whatever the case and spacing', (text, expected) => {
    expect(findBudget(text)).toEqual(expected);
  });

  it.each(['price 450k', 'I want to buy for 450k', 'budget 20,000sqm'])(
    'finds no budget in "%s" without budget wording or with a unit',
    (text) => {
      expect(findBudget(text)).toBeUndefined();
    },
  );
});
