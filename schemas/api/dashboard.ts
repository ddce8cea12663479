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

const counted = {
  nextCursor: z
    .string()
    .nullable()
    .meta({ description: 'Pass to GET /leads/dashboard/{section} as `cursor` for more; null at the end.' }),
  count: z.number().int().min(0),
  countAtLeast: z
    .boolean()
    .meta({ description: 'True when the bucket holds more than it was counted to: show "count+".' }),
};

const bucketOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), ...counted }).meta({ id });

export const leadBucketSchema = bucketOf(leadSchema, 'DashboardLeadBucket');
export const taskBucketSchema = bucketOf(dueTaskSchema, 'DashboardTaskBucket');
export const stepBucketSchema = bucketOf(scheduledStepSchema, 'DashboardStepBucket');

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
