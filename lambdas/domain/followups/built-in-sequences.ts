import type { BuiltInSequenceId, Sequence } from '../../../schemas/api/sequences';

type Temperature = 'hot' | 'warm' | 'cold';

// Built-ins change only with a release; bump `version` with any edit so running follow-ups keep theirs.
const RELEASED_AT = '2026-01-01T00:00:00.000Z';
const HOUR = 60;
const DAY = 24 * HOUR;

const builtIn = (
  temperature: Temperature,
  name: string,
  description: string,
  steps: Sequence['steps'],
): Sequence => ({
  sequenceId: `builtin-${temperature}` satisfies BuiltInSequenceId,
  builtIn: true,
  name,
  description,
  temperature,
  steps,
  version: 1,
  createdAt: RELEASED_AT,
  updatedAt: RELEASED_AT,
});

/** The answer to a new lead's first message: at once if they wrote in the last 10 minutes. */
const firstAnswer: Sequence['steps'][number] = {
  channel: 'whatsapp',
  delay: { minutes: 0, after: 'enrolment' },
  conditions: [],
  firstAnswer: true,
  message: {
    template:
      "Hi {firstName}, it's {agentName}. Thanks for asking about {interest}. When suits you for a quick call?",
    translations: {
      ar: 'مرحباً {firstName}، معك {agentName}. شكراً لسؤالك عن {interest}. متى يناسبك اتصال سريع؟',
    },
  },
};

/** The approved template a brokerage registers with Meta for follow-ups outside the 24-hour window. */
export const followUpTemplate = {
  name: 'lead_follow_up',
  language: 'en_US',
  parameters: ['firstName', 'interest'],
} as const;

const whatsappNudge = (minutes: number, template: string, ar: string): Sequence['steps'][number] => ({
  channel: 'whatsapp',
  delay: { minutes, after: 'enrolment' },
  conditions: ['no_response'],
  message: { template, translations: { ar } },
  approvedTemplate: { ...followUpTemplate, parameters: [...followUpTemplate.parameters] },
});

const detailsEmail = (
  minutes: number,
  conditions: Sequence['steps'][number]['conditions'],
): Sequence['steps'][number] => ({
  channel: 'email',
  delay: { minutes, after: 'enrolment' },
  conditions,
  subject: '{propertyTitle}: the details you asked for',
  message: {
    template:
      'Hi {firstName},\n\nFollowing up on {interest}: here are the details of {propertyTitle}.\n{listingUrl}\n\nReply to this email with a time that suits you for a viewing.\n\n{agentName}',
    translations: {
      ar: 'مرحباً {firstName}،\n\nبخصوص {interest}: إليك تفاصيل {propertyTitle}.\n{listingUrl}\n\nرد على هذه الرسالة بالوقت المناسب لك للمعاينة.\n\n{agentName}',
    },
  },
});

/**
 * The sequences every agent has, one per lead temperature. Hot follows the product brief: WhatsApp
 * after 2 h without a reply, a call after 24 h if that WhatsApp was delivered and still no reply,
 * the listing by email after 72 h if the call was not answered. Warm and cold are gentler.
 */
export const builtInSequences: readonly Sequence[] = [
  builtIn(
    'hot',
    'Hot lead: same day',
    'First answer at once, WhatsApp at 2 h, a call at 24 h, details by email at 72 h.',
    [
      firstAnswer,
      whatsappNudge(
        2 * HOUR,
        'Hi {firstName}, {agentName} here. Still interested in {interest}? I can set up a viewing today.',
        'مرحباً {firstName}، معك {agentName}. هل ما زلت مهتماً بـ{interest}؟ يمكنني ترتيب معاينة اليوم.',
      ),
      {
        channel: 'call',
        delay: { minutes: DAY, after: 'enrolment' },
        conditions: ['whatsapp_delivered', 'no_response'],
        message: { template: 'Call {firstName} about {interest}: the WhatsApp was delivered, no reply yet.' },
      },
      detailsEmail(3 * DAY, ['call_not_answered', 'no_response']),
    ],
  ),
  builtIn(
    'warm',
    'Warm lead: this week',
    'First answer, WhatsApp next day, the details by email on day 3, a call on day 7, a last WhatsApp on day 14.',
    [
      firstAnswer,
      whatsappNudge(
        DAY,
        'Hi {firstName}, {agentName} here. Any questions about {interest}? Happy to help.',
        'مرحباً {firstName}، معك {agentName}. هل لديك أي أسئلة عن {interest}؟ يسعدني مساعدتك.',
      ),
      detailsEmail(3 * DAY, ['no_response']),
      {
        channel: 'call',
        delay: { minutes: 7 * DAY, after: 'enrolment' },
        conditions: ['no_response'],
        message: { template: 'Call {firstName} about {interest}: no reply in a week.' },
      },
      whatsappNudge(
        14 * DAY,
        'Hi {firstName}, new options like {interest} came up. Want me to send a few?',
        'مرحباً {firstName}، ظهرت خيارات جديدة مثل {interest}. هل أرسل لك بعضها؟',
      ),
    ],
  ),
  builtIn(
    'cold',
    'Cold lead: nurture',
    'First answer, the details by email on day 3, WhatsApp on day 10, a last email on day 30.',
    [
      firstAnswer,
      detailsEmail(3 * DAY, ['no_response']),
      whatsappNudge(
        10 * DAY,
        'Hi {firstName}, {agentName} here. Still looking for {interest}? Reply and I will send new listings.',
        'مرحباً {firstName}، معك {agentName}. هل ما زلت تبحث عن {interest}؟ رد وسأرسل لك عروضاً جديدة.',
      ),
      {
        channel: 'email',
        delay: { minutes: 30 * DAY, after: 'enrolment' },
        conditions: ['no_response'],
        subject: 'New homes like {interest}',
        message: {
          template:
            'Hi {firstName},\n\nA few new listings match {interest}. Reply to this email and I will send you the ones worth seeing.\n\n{agentName}',
          translations: {
            ar: 'مرحباً {firstName}،\n\nهناك عروض جديدة تناسب {interest}. رد على هذه الرسالة وسأرسل لك الأفضل منها.\n\n{agentName}',
          },
        },
      },
    ],
  ),
];

export const isBuiltInSequenceId = (sequenceId: string): sequenceId is BuiltInSequenceId =>
  builtInSequences.some((sequence) => sequence.sequenceId === sequenceId);

/** The built-in sequence for a lead temperature. */
export const builtInSequenceFor = (temperature: Temperature): Sequence =>
  builtInSequences.find((sequence) => sequence.temperature === temperature) as Sequence;
