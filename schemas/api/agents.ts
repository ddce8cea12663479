import * as z from 'zod';
import { isoDateTime, versionSchema } from './common';

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm (24-hour)')
  .meta({ example: '21:00' });

export const timeZoneSchema = z
  .string()
  .max(64)
  .regex(
    /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/,
    'must be an IANA time zone, e.g. America/New_York',
  )
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone, e.g. America/New_York')
  .meta({
    example: 'America/New_York',
    description: 'An IANA time zone name (tz database), such as America/New_York or Europe/Madrid.',
  });

export const quietHoursSchema = z.strictObject({ start: clockTime, end: clockTime }).meta({
  id: 'QuietHours',
  description: 'No automated message is sent between start and end (may wrap midnight).',
});

export const workingHoursSchema = z
  .strictObject({
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .meta({ description: 'ISO weekdays: 1 = Monday … 7 = Sunday.' }),
    start: clockTime,
    end: clockTime,
  })
  .meta({ id: 'WorkingHours' });

export const agentRoleSchema = z.enum(['agent', 'admin']);
export type AgentRole = z.infer<typeof agentRoleSchema>;

/** A disabled agent signs in no more and is given no new leads; their leads stay theirs. */
export const agentStatusSchema = z.enum(['active', 'disabled']);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

export const agentProfileSchema = z
  .object({
    agentId: z.string(),
    brokerageId: z.string(),
    email: z.string(),
    name: z.string(),
    role: agentRoleSchema,
    status: agentStatusSchema.default('active').meta({
      description: 'Set by the brokerage (npm run agents): a disabled agent is given no new leads.',
    }),
    timezone: z.string(),
    defaultCountry: z
      .string()
      .meta({ description: 'ISO 3166 country used to read phone numbers typed without +.' }),
    quietHours: quietHoursSchema,
    workingHours: workingHoursSchema,
    autoFollowUp: z.boolean().default(true).meta({
      description:
        'New leads from WhatsApp and Facebook are enrolled in the follow-up sequence for their temperature at once.',
    }),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'AgentProfile' });
export type AgentProfile = z.infer<typeof agentProfileSchema>;

export const updateProfileBody = z
  .strictObject({
    version: versionSchema.optional(),
    name: z.string().trim().min(1).max(120).optional(),
    timezone: timeZoneSchema.optional(),
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code')
      .optional(),
    quietHours: quietHoursSchema.optional(),
    workingHours: workingHoursSchema.optional(),
    autoFollowUp: z.boolean().optional(),
  })
  .meta({ id: 'UpdateProfile' });
export type UpdateProfileBody = z.infer<typeof updateProfileBody>;
