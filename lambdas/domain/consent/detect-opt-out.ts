export type ConsentSignal = 'opt_out' | 'opt_in' | 'none';

/**
 * Folds text for matching: lower case, Latin accents and Arabic diacritics (tashkeel, tatweel, hamza
 * carriers, alef variants) removed, punctuation and emoji turned into spaces, apostrophes dropped
 * (`don't` -> `dont`), whitespace collapsed.
 */
export const normalizeForMatching = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\u0640/g, '')
    .replace(/[\u0671\u0672\u0673\u0675]/g, '\u0627')
    .replace(/\u0649/g, '\u064A')
    .replace(/\u06CC/g, '\u064A')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u06A9/g, '\u0643')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const fold = (phrases: string[]) => phrases.map(normalizeForMatching);

/** Politeness around a bare keyword ("STOP please", "لو سمحت توقف") that keeps it a whole-message command. */
const fillers = new Set(
  fold([
    'please',
    'pls',
    'plz',
    'now',
    'thanks',
    'thank',
    'you',
    'thx',
    'ok',
    'okay',
    'just',
    'all',
    'من',
    'فضلك',
    'فضلكم',
    'لو',
    'سمحت',
    'سمحتم',
    'رجاء',
    'رجاءا',
    'ارجو',
    'شكرا',
    'الان',
  ]).flatMap((f) => f.split(' ')),
);

/** Messages that are nothing but an opt-out command (after fillers are set aside). */
const optOutCommands = new Set(
  fold([
    'stop',
    'stopall',
    'stop all',
    'stop it',
    'unsubscribe',
    'unsub',
    'opt out',
    'optout',
    'remove me',
    'stop messages',
    'stop messaging',
    'stop texting',
    'stop sending',
    'stop promotions',
    'no more messages',
    'ستوب',
    'توقف',
    'توقفوا',
    'وقف',
    'ايقاف',
    'أوقف',
    'اوقفوا',
    'إلغاء الاشتراك',
    'الغاء الاشتراك',
    'إلغاء الإشتراك',
  ]),
);

/** Messages that are nothing but an opt-in command. */
const optInCommands = new Set(
  fold([
    'start',
    'start again',
    'subscribe',
    'resubscribe',
    'unstop',
    'resume',
    'opt in',
    'optin',
    'resume promotions',
    'اشتراك',
    'اشترك',
    'استئناف',
    'تفعيل',
  ]),
);

/** Phrases that mean "stop contacting me" wherever they appear (not "stop sending me 1-bed flats"). */
const optOutPhrases = fold([
  'stop messaging me',
  'stop messaging us',
  'stop texting me',
  'stop contacting me',
  'stop sending me messages',
  'stop sending me these',
  'stop sending messages',
  'stop spamming',
  'dont message me',
  'do not message me',
  'dont text me',
  'do not text me',
  'dont contact me',
  'do not contact me',
  'dont send me messages',
  'do not send me messages',
  'dont send me any more',
  'no more messages',
  'unsubscribe',
  'opt me out',
  'opt out',
  'remove me from your',
  'remove me from this list',
  'remove me from the list',
  'take me off your',
  'take me off this list',
  'take me off the list',
  'delete my number',
  'remove my number',
  'leave me alone',
  'لا ترسل',
  'لا ترسلوا',
  'لا ترسلي',
  'لا تراسلني',
  'لا تراسلوني',
  'لا اريد رسائل',
  'لا أريد استقبال',
  'لا تتواصل معي',
  'لا تتواصلوا معي',
  'توقف عن مراسلتي',
  'توقفوا عن مراسلتي',
  'توقف عن ارسال',
  'توقفوا عن ارسال',
  'إلغاء الاشتراك',
  'احذف رقمي',
  'احذفوا رقمي',
  'امسح رقمي',
  'ازالة رقمي',
  'أزل رقمي',
]);

const optInPhrases = fold([
  'opt me in',
  'resubscribe',
  'subscribe me',
  'start messaging me again',
  'you can message me again',
  'message me again',
]);

/** Words that turn a following phrase around: "please don't unsubscribe me", "why did you stop messaging me". */
const negators = new Set(fold(['dont', 'not', 'never', 'didnt', 'why', 'wont', 'لم', 'لن', 'ليش', 'لماذا']));

/** Looks within one sentence, so "Why? Just stop messaging me" is not read as "why … stop messaging me". */
const containsPhrase = (sentences: string[][], phrase: string): boolean => {
  const words = phrase.split(' ');
  return sentences.some((tokens) => {
    for (let i = 0; i + words.length <= tokens.length; i++) {
      if (!words.every((word, j) => tokens[i + j] === word)) continue;
      // A negator shortly before the phrase turns it around ("I'm not going to unsubscribe").
      const before = tokens.slice(Math.max(0, i - 3), i);
      if (!before.some((word) => negators.has(word))) return true;
    }
    return false;
  });
};

/**
 * "ابدأ" (start) is written with a hamza on the final alef; without it the word folds into "أبداً" (never).
 * So the Arabic opt-in is checked on the text before hamza folding.
 */
const isArabicStart = (text: string) =>
  /^[\u0627\u0623\u0625\u0622]\u0628\u062F[\u0623\u0621]$/u.test(
    text
      .normalize('NFC')
      .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
      .replace(/[^\p{L}]+/gu, ''),
  );

/**
 * Reads an inbound message for a change of consent: `opt_out` for STOP, UNSUBSCRIBE, "stop messaging me",
 * "توقف", "إلغاء الاشتراك", "لا ترسل"…; `opt_in` for START, SUBSCRIBE, "ابدأ"…; `none` otherwise.
 * A bare keyword counts only as the whole message (politeness aside), so "I can't stop thinking about the
 * house" is not an opt-out; a clear phrase counts anywhere unless negated. Opt-out wins when both appear.
 */
export const detectOptOut = (text: string): ConsentSignal => {
  const normalized = normalizeForMatching(text);
  if (!normalized) return 'none';
  const core = normalized
    .split(' ')
    .filter((token) => !fillers.has(token))
    .join(' ');
  const sentences = text
    .split(/[.!?;\n\u061F\u061B]+/u)
    .map((sentence) => normalizeForMatching(sentence).split(' '))
    .filter((tokens) => tokens[0] !== '');

  if (optOutCommands.has(core) || optOutPhrases.some((phrase) => containsPhrase(sentences, phrase))) {
    return 'opt_out';
  }
  if (
    optInCommands.has(core) ||
    isArabicStart(text) ||
    optInPhrases.some((p) => containsPhrase(sentences, p))
  ) {
    return 'opt_in';
  }
  return 'none';
};
