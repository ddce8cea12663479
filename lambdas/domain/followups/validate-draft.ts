import { WHATSAPP_DRAFT_MAX_CHARS } from '../../../schemas/api/sequences';
import { type DraftContext, firstNameOf } from './draft-context';
import type { Draft } from './draft-from-template';
import { hiddenInstructionsIn, linksIn, repeatsWords, wordsOf } from './hidden-instructions';

export type DraftProblemCode =
  | 'too_long'
  | 'unfilled_field'
  | 'missing_name'
  | 'missing_interest'
  | 'no_call_to_action'
  | 'several_calls_to_action'
  | 'foreign_link'
  | 'echoes_lead_instructions'
  | 'empty';

export interface DraftProblem {
  code: DraftProblemCode;
  message: string;
}

export type DraftVerdict = { ok: true } | { ok: false; problems: DraftProblem[] };

// Words this short carry no meaning of their own ("in", "a", "3"); an interest is named by the rest.
const MEANINGFUL = (word: string) => [...word].length >= 4 || /^\p{Script=Arabic}{3,}$/u.test(word);
const INVITATION =
  /\b(?:reply|call me|give me a call|let me know|book|schedule|text me|message me|shall we|want me to)\b|رد|اتصل|أخبرني|احجز|هل تريد/i;
// Four words of an instruction the lead hid is already a copy of it.
const ECHO_RUN = 4;

const canonicalLink = (link: string) =>
  link
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');

/**
 * Checks a draft before it may be sent, whoever wrote it (a model or the template drafter):
 * a WhatsApp text is at most 160 characters with one call to action; every draft names the lead,
 * mentions their interest when it is known, has no unfilled `{field}`, no link but the listing's,
 * and repeats nothing of an instruction (or a link) hidden in the lead's own messages.
 */
export const validateDraft = (draft: Draft, context: DraftContext): DraftVerdict => {
  const problems: DraftProblem[] = [];
  const add = (code: DraftProblemCode, message: string) => problems.push({ code, message });
  const whole = [draft.subject, draft.text].filter(Boolean).join('\n');
  const words = new Set(wordsOf(whole));

  if (draft.text.trim() === '') add('empty', 'The draft has no text');
  const length = [...draft.text].length;
  if (draft.channel === 'whatsapp' && length > WHATSAPP_DRAFT_MAX_CHARS) {
    add('too_long', `${length} characters; a WhatsApp follow-up is at most ${WHATSAPP_DRAFT_MAX_CHARS}`);
  }
  const unfilled = whole.match(/\{[^{}]*\}/g);
  if (unfilled) add('unfilled_field', `Unfilled ${unfilled.join(', ')}`);

  const firstName = wordsOf(firstNameOf(context.leadName))[0];
  if (firstName && !words.has(firstName))
    add('missing_name', `Does not name ${firstNameOf(context.leadName)}`);
  const interestWords = wordsOf(context.interest ?? '').filter(MEANINGFUL);
  if (interestWords.length > 0 && !interestWords.some((word) => whole.toLowerCase().includes(word))) {
    add('missing_interest', `Does not mention ${context.interest}`);
  }

  if (draft.channel === 'whatsapp') {
    const questions = (draft.text.match(/[?؟]/g) ?? []).length;
    if (questions > 1) add('several_calls_to_action', `${questions} questions; ask one thing`);
    else if (questions === 0 && !INVITATION.test(draft.text))
      add('no_call_to_action', 'Asks the lead for nothing');
  }

  const allowed = context.listingUrl ? canonicalLink(linksIn(context.listingUrl)[0] ?? '') : undefined;
  const foreign = linksIn(whole).filter((link) => canonicalLink(link) !== allowed);
  if (foreign.length > 0) add('foreign_link', `Links other than the listing's: ${foreign.join(', ')}`);

  const hidden = hiddenInstructionsIn(context.leadMessages);
  const echoedLink = hidden.links.some(
    (link) => canonicalLink(link) !== allowed && whole.toLowerCase().includes(canonicalLink(link)),
  );
  const echoedSentence = hidden.sentences.some((sentence) => repeatsWords(whole, sentence, ECHO_RUN));
  if (echoedLink || echoedSentence) {
    add('echoes_lead_instructions', "Repeats instructions or links from the lead's own messages");
  }

  return problems.length === 0 ? { ok: true } : { ok: false, problems };
};
