/** Longest lead text that goes to an analyzer (about 500 tokens); older messages are dropped first. */
export const ANALYSIS_TEXT_MAX_CHARS = 2000;

const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
// Tatweel and harakat change nothing a keyword means.
const ARABIC_MARKS = /[\u0640\u064B-\u0652]/g;
// Control and invisible format characters (zero-width, bidi overrides), but not newlines or tabs.
const CONTROL_CHARS = /(?![\n\t])[\p{Cc}\p{Cf}]/gu;
const SPACES = /[ \t\u00A0]+/g;
const BLANK_LINES = /\n{3,}/g;

const toAsciiDigit = (digit: string): string => {
  const code = digit.charCodeAt(0);
  return String.fromCharCode(48 + (code >= 0x06f0 ? code - 0x06f0 : code - 0x0660));
};

/**
 * The one canonical form of lead text: the heuristic reads it and the cache key hashes it, so
 * the same words always give the same analysis. Keeps case (area names are capitalised).
 */
// Printable ASCII with single spaces is already canonical (NFKC leaves ASCII alone): skip the work.
const NEEDS_WORK = /[^\x20-\x7E\n]|\s\s|\n\n\n/;

export const normalizeText = (text: string): string =>
  NEEDS_WORK.test(text) ? canonical(text) : text.trim();

const canonical = (text: string): string =>
  text
    .normalize('NFKC')
    // Line ends first: a carriage return is a control character, and "Thanks\rBye" is two lines.
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_CHARS, '')
    .replace(ARABIC_INDIC_DIGITS, toAsciiDigit)
    .replace(ARABIC_MARKS, '')
    .replace(SPACES, ' ')
    .replace(BLANK_LINES, '\n\n')
    .trim();

/** Cuts at the last word boundary before `max` characters, never inside a surrogate pair. */
export const truncateText = (text: string, max: number): string => {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  if (lastSpace > max * 0.8) return cut.slice(0, lastSpace);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
};
