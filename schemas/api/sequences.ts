import * as z from 'zod';
import { isoDateTime } from './common';

/** The longest a step may wait, and the furthest from enrolment any step may fall. */
export const MAX_DELAY_MINUTES = 90 * 24 * 60;
/** A WhatsApp follow-up is short enough to read on a lock screen. */
export const WHATSAPP_DRAFT_MAX_CHARS = 160;

/** The fields a message template may use, filled from the lead, the agent and the listing. */
export const templateFields = ['firstName', 'agentName', 'interest', 'propertyTitle', 'listingUrl'] as const;
export const templateFieldSchema = z.enum(templateFields);
export type TemplateField = z.infer<typeof templateFieldSchema>;

/**
 * What a step may require before it goes out, all readable at send time from the lead's
 * interactions: `no_response` (the lead has not written since enrolment), `whatsapp_delivered` /
 * `whatsapp_read` (the latest earlier WhatsApp step reached that status), `call_not_answered` (the
 * latest earlier call task was completed with a result other than `answered`, or was not done).
 */
export const stepConditions = [
  'no_response',
  'whatsapp_delivered',
  'whatsapp_read',
  'call_not_answered',
] as const;
export const stepConditionSchema = z.enum(stepConditions);
export type StepCondition = z.infer<typeof stepConditionSchema>;

export const sequenceTemperatures = ['hot', 'warm', 'cold', 'custom'] as const;
export const channels = ['whatsapp', 'email', 'call'] as const;
export type Channel = (typeof channels)[number];

const FIELD_PATTERN = /\{([^{}]*)\}/g;

/** `{name}` placeholders of a template, in order. */
export const placeholdersOf = (text: string): string[] =>
  [...text.matchAll(FIELD_PATTERN)].map((m) => m[1] ?? '');

const templateText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      for (const name of placeholdersOf(text)) {
        if (!(templateFields as readonly string[]).includes(name)) {
          ctx.addIssue({
            code: 'custom',
            message: `uses the unknown field {${name}}; use ${templateFields.map((f) => `{${f}}`).join(', ')}`,
          });
        }
      }
    });

const languageCode = z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code such as en or ar');

/** The words to send: a template with `{fields}` (optionally per language), or a draft written for the lead. */
export const stepMessageSchema = z
  .strictObject({
    template: templateText(1000).optional().meta({ example: 'Hi {firstName}, still keen on {interest}?' }),
    translations: z.record(languageCode, templateText(1000)).optional().meta({
      description: 'The template in other languages, by ISO 639-1 code; used for leads who write in it.',
    }),
    aiDraft: z.literal(true).optional().meta({
      description: "Draft from the lead's own words at send time (the template drafter is the fallback).",
    }),
  })
  .superRefine((message, ctx) => {
    if ((message.template === undefined) === (message.aiDraft === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: 'give either template or aiDraft: true' });
    }
    if (message.translations && message.template === undefined) {
      ctx.addIssue({ code: 'custom', path: ['translations'], message: 'needs a template to translate' });
    }
  })
  .meta({ id: 'StepMessage' });
export type StepMessage = z.infer<typeof stepMessageSchema>;

export const delaySchema = z
  .strictObject({
    minutes: z.number().int().min(0).max(MAX_DELAY_MINUTES),
    after: z.enum(['enrolment', 'previous_step']).default('enrolment'),
  })
  .meta({
    id: 'StepDelay',
    description: 'How long after enrolment, or after the previous step, the step is due.',
  });

const stepBase = {
  delay: delaySchema,
  conditions: z.array(stepConditionSchema).max(stepConditions.length).default([]),
  message: stepMessageSchema,
};

/** An approved WhatsApp template for outside the 24-hour window; body parameters in order, filled from fields. */
export const approvedTemplateSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9_]{1,512}$/, 'must be the template name as approved (lower case, digits, _)')
      .meta({ example: 'property_follow_up' }),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a WhatsApp language code such as en_US or ar'),
    parameters: z.array(templateFieldSchema).max(10).default([]),
  })
  .meta({ id: 'ApprovedTemplate' });

const whatsappStep = z.strictObject({
  channel: z.literal('whatsapp'),
  ...stepBase,
  approvedTemplate: approvedTemplateSchema.optional(),
  firstAnswer: z.boolean().optional().meta({
    description:
      'Answers a message the lead sent in the last 10 minutes at once, even in quiet hours. First step only.',
  }),
});
const emailStep = z.strictObject({ channel: z.literal('email'), ...stepBase, subject: templateText(200) });
const callStep = z.strictObject({ channel: z.literal('call'), ...stepBase });

export const sequenceStepSchema = z
  .discriminatedUnion('channel', [whatsappStep, emailStep, callStep])
  .meta({ id: 'SequenceStep' });
export type SequenceStep = z.infer<typeof sequenceStepSchema>;
export type SequenceStepInput = z.input<typeof sequenceStepSchema>;

/** Minutes from enrolment each step is due at (before quiet hours move it). */
export const stepOffsets = (steps: readonly Pick<SequenceStep, 'delay'>[]): number[] => {
  const offsets: number[] = [];
  for (const { delay } of steps) {
    const previous = offsets.at(-1) ?? 0;
    offsets.push(delay.after === 'enrolment' ? delay.minutes : previous + delay.minutes);
  }
  return offsets;
};

const CONDITION_NEEDS: Partial<Record<StepCondition, Channel>> = {
  whatsapp_delivered: 'whatsapp',
  whatsapp_read: 'whatsapp',
  call_not_answered: 'call',
};

/** Rules across steps: order in time, conditions about a channel used before, the first-answer step. */
const checkSteps = (steps: SequenceStep[], ctx: z.RefinementCtx) => {
  const offsets = stepOffsets(steps);
  // A delay already refused on its own would only be reported again through the offsets.
  const delaysValid = steps.every(({ delay }) => Number.isInteger(delay.minutes) && delay.minutes >= 0);
  steps.forEach((step, i) => {
    const at = ['steps', i];
    if (delaysValid && i > 0 && offsets[i]! < offsets[i - 1]!) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'delay', 'minutes'],
        message: `falls ${offsets[i - 1]! - offsets[i]!} minutes before step ${i} (steps run in order)`,
      });
    }
    if (delaysValid && step.delay.minutes <= MAX_DELAY_MINUTES && offsets[i]! > MAX_DELAY_MINUTES) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'delay', 'minutes'],
        message: `puts the step more than ${MAX_DELAY_MINUTES / 1440} days after enrolment`,
      });
    }
    const seen = new Set<StepCondition>();
    step.conditions.forEach((condition, c) => {
      const needs = CONDITION_NEEDS[condition];
      if (seen.has(condition)) {
        ctx.addIssue({ code: 'custom', path: [...at, 'conditions', c], message: 'is listed twice' });
      } else if (needs && !steps.slice(0, i).some((earlier) => earlier.channel === needs)) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'conditions', c],
          message: `${condition} needs an earlier ${needs} step`,
        });
      }
      seen.add(condition);
    });
    const literal =
      step.channel === 'whatsapp' ? step.message.template?.replace(FIELD_PATTERN, '') : undefined;
    if (literal !== undefined && literal.length > WHATSAPP_DRAFT_MAX_CHARS) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'message', 'template'],
        message: `is ${literal.length} characters before its fields are filled; a WhatsApp follow-up is at most ${WHATSAPP_DRAFT_MAX_CHARS}`,
      });
    }
    if (step.channel === 'whatsapp' && step.firstAnswer && (i > 0 || step.delay.minutes > 0)) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'firstAnswer'],
        message: 'only the first step, due at enrolment (0 minutes), can be the first answer',
      });
    }
  });
};

const sequenceFields = {
  name: z.string().trim().min(1).max(80).meta({ example: 'Open-house invitees' }),
  description: z.string().trim().max(500).optional(),
  temperature: z
    .enum(sequenceTemperatures)
    .meta({ description: 'The leads it is for: hot, warm or cold (the default for that kind), or custom.' }),
  steps: z.array(sequenceStepSchema).min(1).max(10),
};

export const createSequenceBody = z
  .strictObject(sequenceFields)
  .superRefine((body, ctx) => checkSteps(body.steps, ctx))
  .meta({ id: 'CreateSequence' });
export type CreateSequenceBody = z.infer<typeof createSequenceBody>;

export const replaceSequenceBody = z
  .strictObject({
    ...sequenceFields,
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'The version you read (or send If-Match).' }),
  })
  .superRefine((body, ctx) => checkSteps(body.steps, ctx))
  .meta({ id: 'ReplaceSequence' });
export type ReplaceSequenceBody = z.infer<typeof replaceSequenceBody>;

export const builtInSequenceIds = ['builtin-hot', 'builtin-warm', 'builtin-cold'] as const;
export type BuiltInSequenceId = (typeof builtInSequenceIds)[number];

export const sequenceIdSchema = z
  .string()
  .regex(/^(?:[0-9A-HJKMNP-TV-Z]{26}|builtin-(?:hot|warm|cold))$/, 'must be a sequence id')
  .meta({ example: 'builtin-hot' });

export const sequenceIdParams = z.strictObject({ sequenceId: sequenceIdSchema });

export const sequenceSchema = z
  .object({
    sequenceId: sequenceIdSchema,
    builtIn: z.boolean().meta({ description: 'Built-in sequences are read-only; copy one to change it.' }),
    agentId: z.string().optional().meta({ description: 'Owner; absent on built-ins.' }),
    name: z.string(),
    description: z.string().optional(),
    temperature: z.enum(sequenceTemperatures),
    steps: z.array(sequenceStepSchema),
    version: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'Grows on every change; a running follow-up keeps the version it started on.' }),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Sequence' });
export type Sequence = z.infer<typeof sequenceSchema>;

/** What an enrolment copies when it starts, so later edits never change a running follow-up. */
export const sequenceSnapshotSchema = sequenceSchema
  .pick({ sequenceId: true, version: true, name: true, temperature: true, steps: true })
  .meta({ id: 'SequenceSnapshot' });
export type SequenceSnapshot = z.infer<typeof sequenceSnapshotSchema>;

export const sequenceListSchema = z.object({ items: z.array(sequenceSchema) }).meta({ id: 'SequenceList' });
