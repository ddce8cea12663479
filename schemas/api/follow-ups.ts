import * as z from 'zod';
import { idSchema, isoDateTime } from './common';
import { channels, sequenceIdSchema } from './sequences';

/**
 * What a step became, in the order it can only move forward: `sent` (or `task_created` for a call) →
 * `delivered` → `read` → `replied`. `skipped` and `failed` are final and carry a reason.
 */
export const stepResultStatuses = [
  'sent',
  'task_created',
  'delivered',
  'read',
  'replied',
  'skipped',
  'failed',
] as const;

export const enrolLeadBody = z
  .strictObject({
    sequenceId: sequenceIdSchema
      .optional()
      .meta({ description: "Default: the built-in sequence for the lead's temperature." }),
  })
  .meta({ id: 'EnrolLead' });
export type EnrolLeadBody = z.infer<typeof enrolLeadBody>;

export const followUpStepSchema = z.object({
  stepIndex: z.number().int().nonnegative(),
  channel: z.enum(channels),
  dueAt: isoDateTime.meta({
    description: 'When it goes out (a call task: falls due), UTC, after quiet hours.',
  }),
  dueAtLeadLocal: z.string().meta({
    description: "The same instant on the lead's wall clock, with its offset.",
    example: '2026-11-25T08:00:00-05:00',
  }),
  result: z.enum(['pending', 'sending', ...stepResultStatuses]).meta({
    description:
      'pending: not run yet; sending: under way; then sent (task_created for a call) → delivered → read → replied, or skipped / failed with a reason.',
  }),
  reason: z.string().optional().meta({
    description:
      'Why it was skipped or failed (replied, opted_out, condition_not_met, no_contact, …), or why a WhatsApp step became a call task (window_closed).',
  }),
  condition: z
    .string()
    .optional()
    .meta({ description: 'The condition that did not hold, with condition_not_met.' }),
  channelUsed: z.enum(channels).optional().meta({
    description:
      'The channel it really went out on (a WhatsApp step outside the 24-hour window without a template becomes a call).',
  }),
  via: z.enum(['text', 'template']).optional(),
  ranAt: isoDateTime
    .optional()
    .meta({ description: 'When it was sent, made its call task, or was skipped.' }),
  taskId: z.string().optional().meta({ description: 'The call task it created.' }),
});
export type FollowUpStep = z.infer<typeof followUpStepSchema>;

export const followUpSchema = z
  .object({
    enrollmentId: z.string(),
    leadId: idSchema,
    sequence: z.object({ sequenceId: sequenceIdSchema, version: z.number().int().min(1), name: z.string() }),
    status: z.enum(['running', 'paused', 'finished', 'stopped', 'failed']).meta({
      description: '`paused`: nothing goes out until it is resumed.',
    }),
    enrolledAt: isoDateTime,
    leadTimeZone: z.string(),
    currentStepIndex: z.number().int().nonnegative().optional().meta({
      description: 'The step the run waits on (or, paused, will send next); absent once it has ended.',
    }),
    nextSendAt: isoDateTime.optional().meta({ description: 'When that step goes out, UTC.' }),
    nextSendAtLeadLocal: z.string().optional().meta({ description: "The same on the lead's wall clock." }),
    pausedAt: isoDateTime.optional().meta({ description: 'When the agent paused it; only while paused.' }),
    stopReason: z.string().optional(),
    steps: z.array(followUpStepSchema),
  })
  .meta({ id: 'FollowUp' });
export type FollowUp = z.infer<typeof followUpSchema>;
