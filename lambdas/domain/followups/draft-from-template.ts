import {
  type SequenceStep,
  type TemplateField,
  WHATSAPP_DRAFT_MAX_CHARS,
} from '../../../schemas/api/sequences';
import { detectLanguage } from '../scoring/heuristic-content-analyzer';
import { type DraftContext, firstNameOf } from './draft-context';

export interface Draft {
  channel: SequenceStep['channel'];
  /** ISO 639-1 code of the language it is written in. */
  language: string;
  text: string;
  subject?: string;
}

type Words = Record<'interest' | 'property' | 'there', string>;
const FALLBACK_WORDS: Record<string, Words> = {
  en: { interest: 'your property search', property: 'the property', there: 'there' },
  ar: { interest: 'طلبك العقاري', property: 'العقار', there: '' },
};

// What an AI-draft step says when no model is at hand: short, named, one question (validateDraft allows one).
const DEFAULT_TEMPLATES: Record<SequenceStep['channel'], Record<string, string>> = {
  whatsapp: {
    en: 'Hi {firstName}, {agentName} here about {interest}. When suits you for a quick call?',
    ar: 'مرحباً {firstName}، معك {agentName} بخصوص {interest}. متى يناسبك اتصال سريع؟',
  },
  email: {
    en: 'Hi {firstName},\n\nFollowing up on {interest}.\n{listingUrl}\n\nWhen would suit you for a call or a viewing?\n\n{agentName}',
    ar: 'مرحباً {firstName}،\n\nأتابع معك بخصوص {interest}.\n{listingUrl}\n\nمتى يناسبك اتصال أو معاينة؟\n\n{agentName}',
  },
  call: { en: 'Call {firstName} about {interest}.', ar: 'Call {firstName} about {interest}.' },
};
const DEFAULT_SUBJECT: Record<string, string> = { en: 'About {interest}', ar: 'بخصوص {interest}' };

/** The language to write in: the one of the lead's last message with letters in it, English by default. */
export const draftLanguage = (leadMessages: readonly string[]): string => {
  for (let i = leadMessages.length - 1; i >= 0; i--) {
    const language = detectLanguage(leadMessages[i] ?? '');
    if (language !== 'und') return language;
  }
  return 'en';
};

const languageOrEnglish = (text: string): string => {
  const language = detectLanguage(text.replace(/\{\w+\}/g, ''));
  return language === 'und' ? 'en' : language;
};

const fill = (template: string, values: Partial<Record<TemplateField, string>>): string =>
  template
    .split('\n')
    // A line that is only a field with no value (a listing link we do not have) is left out.
    .filter((line) => !/^\s*\{(\w+)\}\s*$/.test(line) || values[line.trim().slice(1, -1) as TemplateField])
    .map((line) =>
      line
        .replace(/\{(\w+)\}/g, (_whole, name: string) => values[name as TemplateField] ?? '')
        .replace(/ +([,.?!،؟])/g, '$1')
        .replace(/ {2,}/g, ' ')
        .trimEnd(),
    )
    .join('\n')
    .trim();

const shortened = (interest: string, room: number): string => {
  if ([...interest].length <= room) return interest;
  const cut = [...interest].slice(0, Math.max(room - 1, 0)).join('');
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), 0)) || cut;
  return `${atWord.trimEnd()}…`;
};

/**
 * Writes a step's message for one lead from its template, deterministically: in the language of
 * the lead's last message when the step has that translation, fields filled (the lead's first
 * name, the agent, their interest), a WhatsApp text shortened to 160 characters by trimming the
 * interest. It never copies the lead's own words, so it passes `validateDraft` by construction.
 */
export const draftFromTemplate = (step: SequenceStep, context: DraftContext): Draft => {
  const wanted = draftLanguage(context.leadMessages);
  const translated = step.message.translations?.[wanted];
  const defaults = DEFAULT_TEMPLATES[step.channel];
  const own = translated ?? step.message.template;
  const template = own ?? defaults[wanted] ?? defaults.en ?? '';
  const language =
    own && !translated ? languageOrEnglish(template) : defaults[wanted] || translated ? wanted : 'en';
  const words = FALLBACK_WORDS[language] ?? (FALLBACK_WORDS.en as Words);
  const values: Partial<Record<TemplateField, string>> = {
    firstName: firstNameOf(context.leadName) || words.there,
    agentName: context.agentName,
    interest: context.interest ?? context.propertyTitle ?? words.interest,
    propertyTitle: context.propertyTitle ?? context.interest ?? words.property,
    ...(context.listingUrl ? { listingUrl: context.listingUrl } : {}),
  };
  let text = fill(template, values);
  if (step.channel === 'whatsapp' && [...text].length > WHATSAPP_DRAFT_MAX_CHARS && values.interest) {
    const room = WHATSAPP_DRAFT_MAX_CHARS - [...fill(template, { ...values, interest: '' })].length;
    text = fill(template, { ...values, interest: shortened(values.interest, room) });
  }
  // A subject is written once; a lead answered in another language (or drafted for from the defaults)
  // gets that language's default.
  const subjectTemplate =
    step.channel === 'email'
      ? ((translated || !own ? DEFAULT_SUBJECT[language] : undefined) ?? step.subject)
      : undefined;
  return {
    channel: step.channel,
    language,
    text,
    ...(subjectTemplate ? { subject: fill(subjectTemplate, values) } : {}),
  };
};
