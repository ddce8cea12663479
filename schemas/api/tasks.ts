import * as z from 'zod';
import { enrollmentIdPattern } from '../workflow';
import { cursorSchema, idPattern, idSchema, isoDateTime, limitSchema, pageOf } from './common';
import { temperatureSchema } from './leads';

export const taskKinds = ['call', 'reminder'] as const;
export const taskKindSchema = z.enum(taskKinds);

/** What the agent records after a call; the follow-ups' `call_not_answered` condition reads it. */
export const callResults = ['answered', 'not_answered', 'voicemail', 'busy', 'wrong_number'] as const;
export const callResultSchema = z.enum(callResults);

const patternBody = (pattern: RegExp) => pattern.source.slice(1, -1);
/** A follow-up step's call task is named `<enrollmentId>-<stepIndex>`, so a retried step finds its task. */
const stepTaskId = `${patternBody(enrollmentIdPattern)}-(?:0|[1-9][0-9]{0,2})`;

export const taskIdSchema = z
  .string()
  .regex(new RegExp(`^(?:${patternBody(idPattern)}|${stepTaskId})$`), 'must be a task id')
  .meta({
    description:
      "A ULID for the agent's own tasks; `<enrollmentId>-<stepIndex>` for a follow-up step's call.",
    example: '01JD7Q3M2Y9V1X8K4T6R5W0ZAB',
  });

export const taskIdParams = z.strictObject({ taskId: taskIdSchema });

export const taskSchema = z
  .object({
    taskId: taskIdSchema,
    leadId: idSchema,
    agentId: z.string(),
    brokerageId: z.string(),
    kind: taskKindSchema,
    title: z.string(),
    note: z.string().optional(),
    dueAt: isoDateTime.meta({ description: 'When it falls due, UTC.' }),
    status: z.enum(['open', 'done']),
    result: callResultSchema.optional().meta({ description: 'Calls only, once done.' }),
    completedAt: isoDateTime.optional(),
    followUp: z
      .object({ enrollmentId: z.string(), stepIndex: z.number().int().nonnegative() })
      .optional()
      .meta({ description: 'The follow-up step that asked for this call.' }),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Task' });

/** A task in a list, with what the phone shows of its lead so it needs no second request. */
export const dueTaskSchema = taskSchema
  .extend({ lead: z.object({ name: z.string(), temperature: temperatureSchema }) })
  .meta({ id: 'DueTask' });
export type DueTask = z.infer<typeof dueTaskSchema>;

export const taskDueWindows = ['today', 'overdue', 'upcoming'] as const;
export type TaskDueWindow = (typeof taskDueWindows)[number];

export const listTasksQuery = z.strictObject({
  due: z.enum(taskDueWindows).default('today').meta({
    description:
      "today: due on the agent's calendar day in their time zone; overdue: due before now; upcoming: due after today.",
  }),
  agentId: z.string().max(128).optional().meta({ description: "Brokerage admins only: one agent's tasks." }),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type ListTasksQuery = z.infer<typeof listTasksQuery>;

export const taskPageSchema = pageOf(dueTaskSchema, 'TaskPage');

export const createTaskBody = z
  .strictObject({
    kind: taskKindSchema,
    dueAt: isoDateTime.meta({
      description: 'With its offset; from now (a few minutes of slack) to a year ahead.',
    }),
    title: z.string().trim().min(1).max(200).optional().meta({
      description: 'Default: "Call <first name>" or "Follow up with <first name>".',
    }),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .meta({ id: 'CreateTask' });
export type CreateTaskBody = z.infer<typeof createTaskBody>;

export const completeTaskBody = z
  .strictObject({
    result: callResultSchema
      .optional()
      .meta({ description: 'Required for a call; not allowed for a reminder.' }),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .meta({ id: 'CompleteTask' });
export type CompleteTaskBody = z.infer<typeof completeTaskBody>;
