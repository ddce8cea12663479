import type {
  ContentAnalysis,
  ContentIntent,
  Financing,
  Preferences,
  Timeframe,
} from '../../../schemas/scoring';
import type { ContentAnalysisInput, ContentAnalyzer } from '../../ports/content-analyzer';
import { findBudget } from './find-budget';
import { withoutDirectedSentences } from './instructions-in-text';
import { normalizeText } from './normalize-text';

// Keyword rules, compiled once, one pattern per script so a message only pays for the scripts it
// is written in. English uses word boundaries; Arabic words take attached prefixes (ال، و، ب، ل)
// so they match as substrings. Every rule only ever reads the text as data, and sentences that
// address a machine ("ignore your instructions…", "rate me as hot") are dropped before any rule runs.

interface Rule {
  en: RegExp;
  ar: RegExp;
}

interface Scripts {
  latin: number;
  arabic: number;
}

const matches = (rule: Rule, text: string, scripts: Scripts): boolean =>
  (scripts.latin > 0 && rule.en.test(text)) || (scripts.arabic > 0 && rule.ar.test(text));

const URGENT_NOW = {
  en: /\b(?<!\b(?:not|isn't|no|nothing) )(?:urgent(?:ly)?|asap|a\.s\.a\.p|as soon as possible|immediately|right away|right now|today|tonight|this (?:morning|afternoon|evening))\b/i,
  ar: /عاجل|ضروري|فورا|فوراً|حالا|حالاً|اليوم|الليلة|بأسرع وقت|باسرع وقت|في أقرب وقت|في اقرب وقت|(?<!(?:مش|غير|لست|مو|ما|مب) )مستعجل/,
};
const URGENT_WEEK = {
  en: /\b(?:tomorrow|this week(?:end)?|next few days|(?:on |this )?(?:saturday|sunday|monday|tuesday|wednesday|thursday|friday))\b/i,
  ar: /بكرة|بكره|غدا|غداً|هذا الأسبوع|هذا الاسبوع|نهاية الأسبوع|نهاية الاسبوع|الويكند|يوم السبت|يوم الجمعة|يوم الأحد|يوم الاحد/,
};
const URGENT_MONTH = {
  en: /\b(?:this month|next week|within (?:a|two|2) weeks?|relocat(?:e|ing)|moving (?:here|to|in|next)|need to move|lease (?:ends|is up)|before (?:school|the end of)|by (?:the )?end of (?:the )?month)\b/i,
  ar: /هذا الشهر|الشهر الجاي|الشهر القادم|الأسبوع الجاي|الأسبوع القادم|الاسبوع القادم|منتقل|انتقل|عقد الإيجار ينتهي/,
};
const NOT_URGENT = {
  en: /\b(?:just (?:looking|browsing|curious|asking|checking)|no rush|not (?:urgent|in a (?:rush|hurry))|next year|in a (?:few|couple of) (?:months|years)|some ?day|maybe later|down the road|for the future|window shopping)\b/i,
  ar: /مجرد استفسار|بس بسأل|بس اسأل|مش مستعجل|غير مستعجل|لست مستعجل|السنة الجاية|السنة القادمة|العام القادم|بعد كم شهر|مستقبلا|مستقبلاً/,
};

const INTENT_RULES: ReadonlyArray<readonly [ContentIntent, Rule]> = [
  [
    'viewing',
    {
      en: /\b(?:view(?:ing)?s?|visit|see (?:it|the (?:place|property|house|home|apartment|flat|villa|unit))|tour|showing|come (?:by|over|and see)|open house|inspect(?:ion)?|walk ?through|appointment)\b(?<!\b(?:sea|city|lake|ocean|river|golf|park|garden|pool|mountain|marina|skyline) views?)/i,
      ar: /معاينة|معاينه|أعاين|اعاين|نعاين|زيارة|أزور|ازور|نزور|أشوف|اشوف|نشوف|مشاهدة|أتفرج|اتفرج|موعد/,
    },
  ],
  [
    'price',
    {
      en: /\b(?:price|pricing|prices|cost|costs|how much|asking price|what(?:'s| is) the rate|per (?:sq ?ft|sqm|month)|fees?)\b/i,
      ar: /السعر|سعر|بكم|التكلفة|تكلفة|الثمن|كم ثمن|الإيجار|الايجار/,
    },
  ],
  [
    'availability',
    {
      en: /\b(?:available|availability|still (?:on the market|for sale|for rent|there|open)|vacant|(?:is it|already|been) (?:sold|taken|rented)|move[- ]in date|when can (?:i|we) move)\b/i,
      ar: /متاح|متاحة|متوفر|متوفرة|لسه موجود|لا يزال|لازال|شاغر|مباع|انباع|تم البيع/,
    },
  ],
  [
    'financing',
    {
      en: /\b(?:mortgage|loan|financ(?:e|ing)|pre-?approv\w*|installments?|payment plan|down ?payment|deposit|cash buyer|pay(?:ing)? (?:in )?cash)\b/i,
      ar: /تمويل|قرض|رهن|أقساط|اقساط|تقسيط|دفعة أولى|دفعة اولى|كاش|نقدا|نقداً/,
    },
  ],
  [
    'location',
    {
      en: /\b(?:where is|location|located|neighbou?rhood|schools?|commute|nearby|distance|how far)\b/i,
      ar: /الموقع|وين|أين|فين|المدارس|قريب من|كم يبعد/,
    },
  ],
  [
    'features',
    {
      en: /\b(?:bed(?:room)?s?|bath(?:room)?s?|parking|garage|garden|yard|pool|balcony|sq ?ft|sqm|square (?:feet|met(?:er|re)s)|furnished|floor ?plan|hoa|service charges?)\b/i,
      ar: /غرف|غرفة|حمام|موقف|مسبح|حديقة|المساحة|مساحة|مفروش|بلكونة|إطلالة|اطلالة/,
    },
  ],
  [
    'negotiation',
    {
      en: /\b(?:offer|negotiable|negotiate|best price|discount|lower (?:the )?price|final price|make a deal)\b/i,
      ar: /قابل للتفاوض|تفاوض|خصم|آخر سعر|اخر سعر|أفضل سعر|افضل سعر|أقدم عرض|اقدم عرض/,
    },
  ],
];

const CASH = { en: /\b(?:cash|all[- ]cash|no mortgage needed)\b/i, ar: /كاش|نقدا|نقداً|نقدي/ };
const PRE_APPROVED = {
  en: /\b(?:pre-?approv\w*|mortgage (?:is )?approved|approved for a (?:mortgage|loan)|proof of funds|financing (?:is )?in place)\b/i,
  ar: /موافقة (?:البنك|بنك|مبدئية)|تمويل معتمد|التمويل جاهز/,
};
const NEEDS_MORTGAGE = {
  en: /\b(?:mortgage|loan|financ(?:e|ing)|installments?|payment plan|down ?payment)\b/i,
  ar: /تمويل|قرض|رهن|أقساط|اقساط|تقسيط|دفعة أولى|دفعة اولى/,
};

const READY_TO_ACT = {
  en: /\b(?:ready to (?:buy|move|sign|proceed|make an offer|rent)|want to (?:buy|make an offer|put an offer|rent it|book)|(?:make|put in|submit) an offer|sign (?:the )?(?:contract|lease)|(?:pay|place) (?:a |the )?deposit|sold (?:my|our) (?:house|home|place)|serious buyer|let'?s proceed)\b/i,
  ar: /جاهز|جاهزين|أبغى أشتري|ابغى اشتري|أبي أشتري|ابي اشتري|أريد أن أشتري|اريد ان اشتري|أريد شراء|اريد شراء|أدفع عربون|ادفع عربون|عربون|نوقع العقد|جادين|جاد/,
};
const IDLE_INTEREST = {
  en: /\b(?:just (?:looking|browsing|curious|asking|checking)|lol|haha|nice|wow|cool|window shopping|tag(?:ging)? a friend)\b/i,
  ar: /مجرد استفسار|بس بسأل|بس اسأل|حلو|ما شاء الله|للعلم فقط/,
};

const DECISION_MAKER = {
  en: /\b(?:my (?:wife|husband|partner|fianc[eé]e?) and i|(?:we|i)(?: a|')re (?:buying|looking to buy|ready)|i am (?:buying|the buyer|looking to buy)|i(?:'m| am) looking to (?:buy|purchase|rent)|i want to (?:buy|purchase|rent)|for (?:myself|my family|our family|us)|we want to (?:buy|rent)|our (?:budget|family))\b/i,
  ar: /أنا وزوجتي|انا وزوجتي|أنا وزوجي|انا وزوجي|لي ولعائلتي|لعائلتي|أبغى أشتري|ابغى اشتري|أبي أشتري|ابي اشتري|أريد أن أشتري|اريد ان اشتري|أريد شراء|اريد شراء|نبغى نشتري|نبي نشتري/,
};
const FOR_SOMEONE_ELSE = {
  en: /\b(?:my client|for (?:my|a) (?:boss|friend|client|brother|sister|son|daughter|parents|cousin|colleague)|on behalf of|asking for (?:a friend|someone))\b/i,
  ar: /لصديقي|لصديق|عن صديق|لعميل|لموكلي|لأخي|لاخي|لأختي|لاختي/,
};
const NEEDS_TO_CONSULT = {
  en: /\b(?:need to (?:check|ask|talk|discuss|consult) with|have to ask|let me ask|will (?:ask|check with)) (?:my )?(?:wife|husband|partner|family|boss|parents|bank)\b/i,
  ar: /لازم أشاور|لازم اشاور|لازم أسأل|لازم اسأل|أستشير|استشير|أشاور/,
};

const BEDROOMS_EN =
  /\b(\d{1,2}|one|two|three|four|five|six|seven)[\s-]?(?:bed(?:room)?s?|br|bhk|bd)\b|\b(studio)\b/i;
const BEDROOMS_AR =
  /(\d{1,2})\s?(?:غرف|غرفة)|(غرفتين|غرفتان)|(غرفة واحدة|غرفة نوم واحدة)|(ثلاث|اربع|أربع|خمس|ست) غرف|(استوديو|ستوديو)/;
const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  ثلاث: 3,
  اربع: 4,
  أربع: 4,
  خمس: 5,
  ست: 6,
};

const PROPERTY_TYPES: ReadonlyArray<readonly [string, Rule]> = [
  ['penthouse', { en: /\bpenthouse\b/i, ar: /بنتهاوس/ }],
  ['townhouse', { en: /\btown ?house\b/i, ar: /تاون ?هاوس/ }],
  ['villa', { en: /\bvillas?\b/i, ar: /فيلا|فلة|فله/ }],
  ['duplex', { en: /\bduplex\b/i, ar: /دوبلكس/ }],
  ['studio', { en: /\bstudio\b/i, ar: /استوديو|ستوديو/ }],
  ['apartment', { en: /\b(?:apartments?|flats?|condos?|units?)\b/i, ar: /شقة|شقه|شقق/ }],
  ['land', { en: /\b(?:land|plot|lot)\b/i, ar: /أرض|ارض|قطعة/ }],
  ['office', { en: /\boffices?\b/i, ar: /مكتب/ }],
  ['house', { en: /\b(?:house|home|bungalow)\b/i, ar: /بيت|منزل/ }],
];
// One pass tells whether any property type is named before trying them one by one.
const ANY_PROPERTY_TYPE: Rule = {
  en: new RegExp(PROPERTY_TYPES.map(([, rule]) => rule.en.source).join('|'), 'i'),
  ar: new RegExp(PROPERTY_TYPES.map(([, rule]) => rule.ar.source).join('|')),
};

// A capitalised place after "in / near / around": "a 3-bed in Riverside Heights".
const AREA_EN = /\b(?:in|near|around|close to)\s+(?:the\s+)?([A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+){0,2})/g;
const AREA_AR = /(?<![\u0621-\u064A])(?:ب|و|في )?(?:منطقة|حي)\s+([\u0621-\u064A]{2,})/;
const NOT_AREAS = new Set([
  'I',
  'The',
  'My',
  'It',
  'This',
  'That',
  'Next',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Cash',
  'USD',
  'AED',
]);

/** Letters per script, counted in one pass over char codes. */
const scriptsOf = (text: string): Scripts => {
  let latin = 0;
  let arabic = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) latin++;
    else if (code >= 0x0600 && code <= 0x06ff) arabic++;
  }
  return { latin, arabic };
};

const languageOf = ({ latin, arabic }: Scripts): string => {
  if (arabic === 0 && latin === 0) return 'und';
  return arabic >= latin ? 'ar' : 'en';
};

/** The main language of a text by its letters: 'ar', 'en', or 'und' when it has none. */
export const detectLanguage = (text: string): string => languageOf(scriptsOf(normalizeText(text)));

/**
 * When the lead means to move. A day named beside a viewing request ("can I see it tomorrow?") is
 * when they want to look, so a move timeframe or a "no rush" in the same text says more.
 */
const timeframeOf = (text: string, scripts: Scripts, viewing: boolean): Timeframe => {
  if (matches(URGENT_NOW, text, scripts)) return 'immediate';
  const day = matches(URGENT_WEEK, text, scripts);
  if (day && !viewing) return 'this_week';
  if (matches(URGENT_MONTH, text, scripts)) return 'this_month';
  if (matches(NOT_URGENT, text, scripts)) return 'later';
  return day ? 'this_week' : 'unspecified';
};

const URGENCY_BY_TIMEFRAME: Record<Timeframe, number> = {
  immediate: 0.95,
  this_week: 0.8,
  this_month: 0.6,
  later: 0.15,
  unspecified: 0.35,
};

const financingOf = (text: string, scripts: Scripts): Financing => {
  if (matches(PRE_APPROVED, text, scripts)) return 'pre_approved';
  if (matches(CASH, text, scripts)) return 'cash';
  if (matches(NEEDS_MORTGAGE, text, scripts)) return 'mortgage_needed';
  return 'unknown';
};

const bedroomsOf = (text: string, scripts: Scripts): number | undefined => {
  const en = scripts.latin > 0 ? BEDROOMS_EN.exec(text) : null;
  if (en) {
    if (en[2]) return 0;
    const word = en[1]!.toLowerCase();
    const n = WORD_NUMBERS[word] ?? Number(word);
    return n <= 20 ? n : undefined;
  }
  const ar = scripts.arabic > 0 ? BEDROOMS_AR.exec(text) : null;
  if (!ar) return undefined;
  if (ar[1]) return Math.min(Number(ar[1]), 20);
  if (ar[2]) return 2;
  if (ar[3]) return 1;
  if (ar[4]) return WORD_NUMBERS[ar[4]];
  return 0;
};

const areaOf = (text: string, leadName: string | undefined, scripts: Scripts): string | undefined => {
  AREA_EN.lastIndex = 0;
  for (
    let match = scripts.latin > 0 ? AREA_EN.exec(text) : null;
    match !== null;
    match = AREA_EN.exec(text)
  ) {
    const area = match[1]!;
    const firstWord = area.split(' ', 1)[0]!;
    if (NOT_AREAS.has(firstWord) || leadName?.includes(firstWord)) continue;
    return area.slice(0, 80);
  }
  const ar = scripts.arabic > 0 ? AREA_AR.exec(text) : null;
  return ar ? ar[1]!.slice(0, 80) : undefined;
};

const preferencesOf = (
  text: string,
  leadName: string | undefined,
  scripts: Scripts,
): Preferences | undefined => {
  const area = areaOf(text, leadName, scripts);
  const bedrooms = bedroomsOf(text, scripts);
  let propertyType: string | undefined;
  if (matches(ANY_PROPERTY_TYPE, text, scripts)) {
    for (const [type, rule] of PROPERTY_TYPES) {
      if (matches(rule, text, scripts)) {
        propertyType = type;
        break;
      }
    }
  }
  if (area === undefined && bedrooms === undefined && propertyType === undefined) return undefined;
  return {
    ...(area !== undefined ? { area } : {}),
    ...(propertyType !== undefined ? { propertyType } : {}),
    ...(bedrooms !== undefined ? { bedrooms } : {}),
  };
};

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));
const round2 = (value: number): number => Math.round(value * 100) / 100;

/** What the rules conclude when there is nothing to read. */
const EMPTY_ANALYSIS: ContentAnalysis = Object.freeze({
  urgency: 0,
  timeframe: 'unspecified',
  intents: [],
  financing: 'unknown',
  seriousness: 0,
  authority: 0.5,
  language: 'und',
  provider: 'heuristic',
  confidence: 0.2,
}) as ContentAnalysis;

/**
 * Reads a lead's messages with keyword rules in English and Arabic: timeframe and urgency,
 * specific questions, budget, financing, seriousness, decision authority and preferences.
 * Deterministic and fast; the fallback whenever the model cannot answer.
 */
export const analyzeContent = (input: ContentAnalysisInput): ContentAnalysis => {
  const text = withoutDirectedSentences(normalizeText(input.text));
  if (text.length === 0) return { ...EMPTY_ANALYSIS, intents: [] };

  const scripts = scriptsOf(text);
  const intents: ContentIntent[] = [];
  for (const [intent, rule] of INTENT_RULES) if (matches(rule, text, scripts)) intents.push(intent);

  const timeframe = timeframeOf(text, scripts, intents.includes('viewing'));
  const budget = findBudget(text);
  const financing = financingOf(text, scripts);
  const readyToAct = matches(READY_TO_ACT, text, scripts);
  const idle = matches(IDLE_INTEREST, text, scripts);

  // Asking to view is a commitment of time, so it lifts an unstated urgency a little.
  const urgency =
    URGENCY_BY_TIMEFRAME[timeframe] + (timeframe === 'unspecified' && intents.includes('viewing') ? 0.1 : 0);

  const specificIntents = intents.filter(
    (i) => i === 'viewing' || i === 'price' || i === 'availability',
  ).length;
  const seriousness = clamp01(
    0.3 +
      0.1 * Math.min(intents.length, 3) +
      0.05 * specificIntents +
      (budget ? 0.15 : 0) +
      (financing === 'cash' || financing === 'pre_approved'
        ? 0.25
        : financing === 'mortgage_needed'
          ? 0.05
          : 0) +
      (readyToAct ? 0.2 : 0) -
      (idle ? 0.25 : 0) -
      (timeframe === 'later' ? 0.1 : 0),
  );

  let authority = 0.5;
  if (matches(DECISION_MAKER, text, scripts)) authority = 0.85;
  if (matches(NEEDS_TO_CONSULT, text, scripts)) authority = Math.min(authority, 0.45);
  if (matches(FOR_SOMEONE_ELSE, text, scripts)) authority = 0.3;

  const preferences = preferencesOf(text, input.leadName, scripts);
  const signals =
    intents.length +
    (timeframe !== 'unspecified' ? 1 : 0) +
    (budget ? 1 : 0) +
    (financing !== 'unknown' ? 1 : 0) +
    (authority !== 0.5 ? 1 : 0);
  // Keyword rules miss nuance: never as sure as a model, and less sure of a one-liner.
  const confidence = text.length < 15 ? 0.35 : signals >= 3 ? 0.6 : signals >= 1 ? 0.5 : 0.4;

  return {
    urgency: round2(clamp01(urgency)),
    timeframe,
    intents,
    ...(budget ? { budget } : {}),
    financing,
    seriousness: round2(seriousness),
    authority,
    ...(preferences ? { preferences } : {}),
    language: languageOf(scripts),
    provider: 'heuristic',
    confidence,
  };
};

/** The heuristic analyzer behind the `ContentAnalyzer` port: local runs and the cloud fallback. */
export const heuristicContentAnalyzer: ContentAnalyzer = {
  analyze: async (input) => analyzeContent(input),
};
