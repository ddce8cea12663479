import type { StatedBudget } from '../../../schemas/scoring';

// One pass over the text finds every money-like amount: optional currency, a number (with
// thousands separators or decimals), an optional magnitude (k, m, million, مليون, ألف…) and an
// optional trailing currency.
const AMOUNT = new RegExp(
  [
    String.raw`(?:(US\$|\$|€|£|\b(?:USD|AED|SAR|QAR|KWD|BHD|OMR|EGP|EUR|GBP|dhs?|dirhams?)\b|درهم|ريال)\s?)?`,
    String.raw`(\d{1,3}(?:[,٬]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`,
    String.raw`(?:\s?(k|m|mm|mn|bn|millions?|mil|thousand|billion)\b(?!²)|\s?(مليون|ملايين|مليار|ألف|الف|آلاف|الاف))?`,
    String.raw`(?:\s?(\b(?:USD|AED|SAR|QAR|KWD|BHD|OMR|EGP|EUR|GBP|dollars?|dirhams?|euros?|pounds?|riyals?)\b|درهم|ريال|دولار|جنيه|يورو))?`,
  ].join(''),
  'gi',
);

const UNIT_AFTER =
  /^\s?(?:sq|sqm|sqft|square|m2|m²|ft|feet|met(?:er|re)s?|متر|bed|br|bhk|years?|yrs?|mins?|minutes?|hours?|days?|%)/i;
const RANGE_JOINER = /^\s*(?:-|–|to|and|الى|إلى|لـ|ل|و|-)\s*$/i;
const BETWEEN_CONTEXT = /\b(?:between|from)\s*$|(?:بين|من)\s*$/i;
const MAX_CONTEXT =
  /(?:\b(?:up to|under|below|max(?:imum)?|no more than|not more than|less than|within|cap of|at most|top)|لا يزيد عن|لا تزيد عن|أقل من|اقل من|حد أقصى|حتى|لحد)\s*(?:of\s*|is\s*|about\s*)?[^\d\s]{0,4}\s*$/i;
const MIN_CONTEXT =
  /(?:\b(?:at least|over|above|more than|minimum|min|starting(?: from| at)?)|على الأقل|أكثر من|اكثر من|فوق)\s*[^\d\s]{0,4}\s*$/i;
const APPROX_CONTEXT =
  /(?:\b(?:around|about|approx(?:imately)?|roughly)|~|حوالي|حوالى|تقريبا|بحدود|في حدود)\s*[^\d\s]{0,4}\s*$/i;
/** Words that make an amount the lead's own budget rather than a price they are quoting back. */
const BUDGET_CONTEXT =
  /\b(?:budget|afford|can pay|can spend|spend|price range|range|looking (?:for|at) something|up to|under|below|max(?:imum)?|no more than|at least|between|pre-?approved|approved for|cash|offer|willing to pay|can do)\b|ميزاني|حدود|لا يزيد|أقل من|اقل من|بين|كاش|نقدا|أدفع|ادفع|عرض/i;
const MILLION_WORD = /(مليونين|مليون)\s?(درهم|ريال|دولار|جنيه|يورو|\b(?:AED|SAR|USD|EUR|EGP)\b)?/i;
const DIGIT = /\d/;

const MAGNITUDES: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  ألف: 1e3,
  الف: 1e3,
  آلاف: 1e3,
  الاف: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  mil: 1e6,
  million: 1e6,
  millions: 1e6,
  مليون: 1e6,
  ملايين: 1e6,
  bn: 1e9,
  billion: 1e9,
  مليار: 1e9,
};

const CURRENCIES: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  دولار: 'USD',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  يورو: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  aed: 'AED',
  dh: 'AED',
  dhs: 'AED',
  dirham: 'AED',
  dirhams: 'AED',
  درهم: 'AED',
  sar: 'SAR',
  riyal: 'SAR',
  riyals: 'SAR',
  ريال: 'SAR',
  qar: 'QAR',
  kwd: 'KWD',
  bhd: 'BHD',
  omr: 'OMR',
  egp: 'EGP',
  جنيه: 'EGP',
};

interface Amount {
  value: number;
  /** The number as written, before any magnitude. */
  raw: number;
  magnitude?: number;
  currency?: string;
  grouped: boolean;
  /** Where the amount begins, a currency written before it included. */
  from: number;
  /** Where its number begins. */
  start: number;
  end: number;
}

const readAmounts = (text: string): Amount[] => {
  const found: Amount[] = [];
  AMOUNT.lastIndex = 0;
  for (let match = AMOUNT.exec(text); match !== null; match = AMOUNT.exec(text)) {
    const [whole, pre, num = '', magLatin, magArabic, post] = match;
    const end = match.index + whole.length;
    if (UNIT_AFTER.test(text.slice(end, end + 8))) continue;
    const raw = Number(num.replace(/[,٬]/g, ''));
    const magWord = (magLatin ?? magArabic)?.toLowerCase();
    const magnitude = magWord ? MAGNITUDES[magWord] : undefined;
    const currencyWord = (pre ?? post)?.toLowerCase();
    found.push({
      value: raw * (magnitude ?? 1),
      raw,
      magnitude,
      currency: currencyWord ? CURRENCIES[currencyWord] : undefined,
      grouped: /[,٬]/.test(num),
      from: match.index,
      start: match.index + (pre ? whole.indexOf(num) : 0),
      end,
    });
  }
  return found;
};

const looksLikeMoney = (a: Amount, budgetContext: boolean): boolean =>
  a.value >= 1000 &&
  a.value <= 1e11 &&
  (a.currency !== undefined ||
    a.magnitude !== undefined ||
    a.grouped ||
    (budgetContext && a.value >= 10_000));

const round = (value: number): number => Math.round(value);

/**
 * The budget a lead states in their own words ("$450k", "between 400 and 500k", "AED 2 million",
 * "ميزانيتي مليون درهم"), or undefined when no amount reads as their budget. Amounts with no
 * budget wording ("is the $450k negotiable?") are the listing's price, not a budget.
 */
export const findBudget = (text: string): StatedBudget | undefined => {
  if (!BUDGET_CONTEXT.test(text)) return undefined;
  if (!DIGIT.test(text)) {
    const million = MILLION_WORD.exec(text);
    if (!million) return undefined;
    const value = million[1] === 'مليونين' ? 2e6 : 1e6;
    const currency = million[2] ? CURRENCIES[million[2].toLowerCase()] : undefined;
    return { max: value, ...(currency ? { currency } : {}) };
  }

  const amounts = readAmounts(text);
  for (let i = 0; i < amounts.length - 1; i++) {
    const first = amounts[i]!;
    const second = amounts[i + 1]!;
    // "$400k-$500k": the second amount's currency is not part of the joiner.
    if (!RANGE_JOINER.test(text.slice(first.end, second.from))) continue;
    // "400-500k": the first number borrows the second's magnitude and currency.
    if (first.magnitude === undefined && second.magnitude !== undefined && first.raw < second.raw * 10) {
      first.value = first.raw * second.magnitude;
      first.magnitude = second.magnitude;
    }
    first.currency ??= second.currency;
    second.currency ??= first.currency;
    if (looksLikeMoney(first, true) && looksLikeMoney(second, true) && first.value <= second.value) {
      const currency = first.currency;
      return { min: round(first.value), max: round(second.value), ...(currency ? { currency } : {}) };
    }
  }

  const money = amounts.find((a) => looksLikeMoney(a, true));
  if (!money) return undefined;
  const before = text.slice(Math.max(0, money.start - 30), money.start);
  const currency = money.currency ? { currency: money.currency } : {};
  // "no more than 450k" is a ceiling, though it ends in "more than".
  if (MIN_CONTEXT.test(before) && !MAX_CONTEXT.test(before)) return { min: round(money.value), ...currency };
  if (APPROX_CONTEXT.test(before)) {
    return { min: round(money.value * 0.9), max: round(money.value * 1.1), ...currency };
  }
  if (MAX_CONTEXT.test(before) || !BETWEEN_CONTEXT.test(before))
    return { max: round(money.value), ...currency };
  return { min: round(money.value), ...currency };
};
