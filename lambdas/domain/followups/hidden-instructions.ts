import { normalizeText } from '../scoring/normalize-text';

// Phrases that address a machine rather than an agent: what a lead's text hides to steer a drafter.
const INSTRUCTION_PATTERNS = [
  /\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(?:instructions?|prompts?|rules?|above|previous|prior)\b/i,
  /\b(?:system|developer)\s*(?:prompt|message|:)/i,
  /\byou are (?:now|no longer)\b/i,
  /\b(?:act|pretend|behave) as\b/i,
  /\bnew instructions?\b/i,
  /\b(?:reply|respond|answer|write|say|send|include|add)\b[^.!?\n]{0,30}\b(?:exactly|only|verbatim|this (?:link|url|text|message)|the following)\b/i,
  /\b(?:assistant|ai|model|bot|chatgpt|llm)\b[^.!?\n]{0,20}\b(?:must|should|will|shall)\b/i,
  /تجاهل|انس(?:َ)? التعليمات|التعليمات السابقة|أنت الآن|انت الآن|تعليمات جديدة/,
];

/** Links and addresses in any form a reader could follow: URLs, www., bare domains, e-mail addresses. */
export const LINK_PATTERN =
  /(?:https?:\/\/|www\.)[^\s<>"')]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(?:\/[^\s<>"')]*)?/gi;

/** The links in a text, trailing punctuation removed, lower case. */
export const linksIn = (text: string): string[] =>
  [...normalizeText(text).matchAll(LINK_PATTERN)].map((m) => m[0].replace(/[.,;:!?،؟]+$/, '').toLowerCase());

/**
 * The sentences of a lead's messages that read as instructions to a machine, plus every link the
 * lead sent. A draft must repeat none of them: the lead's text is data, never instructions.
 */
export const hiddenInstructionsIn = (
  messages: readonly string[],
): { sentences: string[]; links: string[] } => {
  const sentences: string[] = [];
  const links: string[] = [];
  for (const message of messages) {
    const text = normalizeText(message);
    links.push(...linksIn(text));
    for (const sentence of text.split(/(?<=[.!?؟])\s+|\n+/)) {
      if (INSTRUCTION_PATTERNS.some((pattern) => pattern.test(sentence))) sentences.push(sentence);
    }
  }
  return { sentences, links };
};

/** Lower-case words of a text, letters and digits only, for comparing runs of words. */
export const wordsOf = (text: string): string[] =>
  normalizeText(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Whether `text` repeats `run` consecutive words of `source` (all of it, when it is shorter). */
export const repeatsWords = (text: string, source: string, run: number): boolean => {
  const sourceWords = wordsOf(source);
  const haystack = ` ${wordsOf(text).join(' ')} `;
  const length = Math.min(run, sourceWords.length);
  if (length === 0) return false;
  for (let i = 0; i + length <= sourceWords.length; i++) {
    if (haystack.includes(` ${sourceWords.slice(i, i + length).join(' ')} `)) return true;
  }
  return false;
};
