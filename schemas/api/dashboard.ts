import * as z from 'zod';
import { cursorSchema, idSchema, isoDateTime } from './common';
import { leadSchema, temperatureSchema } from './leads';
import { dueTaskSchema } from './tasks';

export const dashboardScopes = ['agent', 'team'] as const;

const dashboardLimit = z.coerce.number().int().min(1).max(50).default(10);

const whose = {
  agentId: z
    .string()
    .max(128)
    .optional()
    .meta({ description: "Brokerage admins only: one agent's dashboard." }),
  scope: z.enum(dashboardScopes).default('agent').meta({
    description: "team: brokerage admins only, every agent's leads and follow-ups.",
  }),
};

export const dashboardQuery = z.strictObject({
  ...whose,
  limit: dashboardLimit.meta({ description: 'Items in the first page of each bucket.' }),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const dashboardSections = [
  'hot',
  'warm',
  'cold',
  'tasks-today',
  'tasks-overdue',
  'steps-today',
  'steps-overdue',
] as const;
export type DashboardSection = (typeof dashboardSections)[number];

export const dashboardSectionParams = z.strictObject({ section: z.enum(dashboardSections) });
export const dashboardSectionQuery = z.strictObject({
  ...whose,
  limit: dashboardLimit,
  cursor: cursorSchema.optional(),
});
export type DashboardSectionQuery = z.infer<typeof dashboardSectionQuery>;

const leadOfItem = z.object({ name: z.string(), temperature: temperatureSchema });

/** A follow-up step planned to go out, with what the phone shows of its lead. */
export const scheduledStepSchema = z
  .object({
    enrollmentId: z.string(),
    leadId: idSchema,
    agentId: z.string(),
    stepIndex: z.number().int().min(-1),
    channel: z.enum(['whatsapp', 'email', 'call']).optional(),
    dueAt: isoDateTime,
    sequenceName: z.string(),
    lead: leadOfItem,
  })
  .meta({ id: 'ScheduledStep' });
export type ScheduledStepView = z.infer<typeof scheduledStepSchema>;

const nextCursor = z
  .string()
  .nullable()
  .meta({ description: 'Pass to GET /leads/dashboard/{section} as `cursor` for more; null at the end.' });

/** Lead buckets: exact counts from counters the activity stream keeps as leads change. */
const leadCounted = {
  nextCursor,
  count: z
    .number()
    .int()
    .min(0)
    .meta({
      description:
        'Worked leads of this temperature (not converted, lost or being erased), exact at any size. Kept by ' +
        'the activity stream as leads change, so it may trail a write by a second or so. Until an operator ' +
        "has counted in a brokerage's older leads once (npm run count-leads), a count capped like the follow-up counts.",
    }),
  countAtLeast: z.boolean().meta({
    description: 'False once the counts are exact; true only for a capped count past its cap: show "count+".',
  }),
};

/** Follow-up buckets: a count read with the page, stopped at a cap so the read stays small. */
const followUpCounted = {
  nextCursor,
  count: z.number().int().min(0).meta({
    description:
      'Items in this bucket, counted up to 100: exact when countAtLeast is false, a lower bound when true.',
  }),
  countAtLeast: z
    .boolean()
    .meta({ description: 'True when the bucket holds more than the 100 it was counted to: show "100+".' }),
};

export const leadBucketSchema = z
  .object({ items: z.array(leadSchema), ...leadCounted })
  .meta({ id: 'DashboardLeadBucket' });
export const taskBucketSchema = z
  .object({ items: z.array(dueTaskSchema), ...followUpCounted })
  .meta({ id: 'DashboardTaskBucket' });
export const stepBucketSchema = z
  .object({ items: z.array(scheduledStepSchema), ...followUpCounted })
  .meta({ id: 'DashboardStepBucket' });

const followUpsSchema = z.object({ tasks: taskBucketSchema, steps: stepBucketSchema });

export const dashboardSchema = z
  .object({
    scope: z.enum(dashboardScopes),
    agentId: z.string().optional().meta({ description: 'Whose dashboard; absent for the team view.' }),
    timeZone: z.string().meta({ description: '"Today" is this calendar day in this zone.' }),
    today: z.object({ start: isoDateTime, end: isoDateTime }),
    generatedAt: isoDateTime,
    leads: z.object({ hot: leadBucketSchema, warm: leadBucketSchema, cold: leadBucketSchema }),
    followUps: z.object({
      overdue: followUpsSchema.meta({ description: 'Due before now and still open (any day).' }),
      today: followUpsSchema.meta({ description: 'Due from now to the end of the agent’s day.' }),
    }),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof dashboardSchema>;

export const dashboardSectionSchema = z
  .object({
    items: z.array(z.union([leadSchema, dueTaskSchema, scheduledStepSchema])),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'DashboardSectionPage' });
