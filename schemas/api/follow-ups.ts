import * as z from 'zod';
import { idSchema, isoDateTime } from './common';
import { channels, sequenceIdSchema } from './sequences';

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
  result: z.enum(['pending', 'ran']),
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
