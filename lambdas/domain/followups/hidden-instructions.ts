import { isDirectedAtMachine, sentencesOf } from '../scoring/instructions-in-text';
import { normalizeText } from '../scoring/normalize-text';

// Phrases that ask a drafter to echo something; the rest of what addresses a machine is shared
// with scoring (instructions-in-text).
const ECHO_PATTERN =
  /\b(?:reply|respond|answer|write|say|send|include|add)\b[^.!?\n]{0,30}\b(?:exactly|only|verbatim|this (?:link|url|text|message)|the following)\b/i;

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
    for (const sentence of sentencesOf(text)) {
      if (ECHO_PATTERN.test(sentence) || isDirectedAtMachine(sentence)) sentences.push(sentence);
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
