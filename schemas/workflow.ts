import * as z from 'zod';
import type { RouteAccess } from './routes';

/**
 * The follow-up workflow's contract: the state names, the task functions behind them, and what
 * flows between states. The CDK construct renders the state machine from this; the local runner
 * routes each task state to the handler listed here; the handlers parse their events with these
 * schemas. Nothing names a state or a task function twice.
 */
export const followUpStates = {
  plan: 'Plan the next step',
  anythingLeft: 'Anything left to send?',
  wait: 'Wait until the step is due',
  whyWoken: 'Why was it woken?',
  send: 'Send the step',
  finish: 'Finish the enrolment',
  markFailed: 'Mark the enrolment failed',
  failed: 'Enrolment failed',
} as const;

export type FollowUpStateName = (typeof followUpStates)[keyof typeof followUpStates];

export interface WorkflowTaskDefinition {
  /** Construct id of the function. */
  id: string;
  /** The task state the function runs in. */
  state: FollowUpStateName;
  /** Handler module, relative to the repository root; it exports `handler`. */
  handler: string;
  description: string;
  /** Same terms as a route's access: the function construct turns each into env + IAM grant. */
  access: RouteAccess;
  /** Needs to create and delete the wake schedules (the scheduler env and grants). */
  schedulesWakes?: boolean;
}

const task = (file: string) => `lambdas/handlers/workflow/${file}.ts`;

/** The task functions of the follow-up workflow, one per task state. */
export const followUpTasks = {
  planNextStep: {
    id: 'PlanNextStep',
    state: followUpStates.plan,
    handler: task('plan-next-step'),
    description: "Follow-up workflow: plans an enrolment's next step and when it is due",
    access: { table: 'read' },
  },
  waitUntilDue: {
    id: 'WaitUntilDue',
    state: followUpStates.wait,
    handler: task('wait-until-due'),
    description: 'Follow-up workflow: schedules the wake that resumes the enrolment when its step is due',
    access: { table: 'readWrite' },
    schedulesWakes: true,
  },
  sendStep: {
    id: 'SendStep',
    state: followUpStates.send,
    handler: task('send-step'),
    description: 'Follow-up workflow: re-checks a due step at send time and sends it at most once',
    access: { table: 'readWrite', whatsappSecrets: true, sendsEmail: true, bedrock: true },
  },
  finishEnrolment: {
    id: 'FinishEnrolment',
    state: followUpStates.finish,
    handler: task('finish-enrolment'),
    description: 'Follow-up workflow: records that an enrolment finished or was stopped',
    access: { table: 'readWrite' },
  },
  markEnrolmentFailed: {
    id: 'MarkEnrolmentFailed',
    state: followUpStates.markFailed,
    handler: task('mark-enrolment-failed'),
    description: 'Follow-up workflow: records why an enrolment failed',
    access: { table: 'readWrite' },
  },
} as const satisfies Record<string, WorkflowTaskDefinition>;

export const followUpTaskList: readonly WorkflowTaskDefinition[] = Object.values(followUpTasks);

/** A Scheduler schedule name: at most 64 of `[0-9a-zA-Z-_.]`. */
const scheduleName = z.string().regex(/^[0-9A-Za-z_.-]{1,64}$/, 'must be a valid schedule name');
/** A lead id and a sequence id (53 characters) leave room for `-<stepIndex>` in a 64-character schedule name. */
export const enrollmentIdPattern = /^[0-9A-Za-z_-]{1,56}$/;
const enrollmentId = z.string().regex(enrollmentIdPattern, 'must be an enrolment id');
const isoInstant = z.iso.datetime({ offset: true });

/** What an execution starts with. */
export const followUpExecutionInput = z.object({ enrollmentId });
export type FollowUpExecutionInput = z.infer<typeof followUpExecutionInput>;

/**
 * What a wait is for: `due` sends the step when woken; `replan` is a paused run's wait, held with
 * no schedule until a resume or stop wakes it. A pause or resume wakes a waiting run with `replan`.
 */
export const wakeKinds = ['due', 'replan'] as const;
export type WakeKind = (typeof wakeKinds)[number];

/** The planned step: which one and when it is due, in the lead's zone, and what the wake will do. */
export const plannedStep = z.object({
  stepIndex: z.number().int().nonnegative(),
  dueAt: isoInstant,
  timeZone: z.string().min(1),
  wake: z.enum(wakeKinds),
});
export type PlannedStep = z.infer<typeof plannedStep>;

/** The plan task's result, kept at `$.plan`. */
export const planResult = z.discriminatedUnion('done', [
  z.object({ done: z.literal(true) }),
  z.object({ done: z.literal(false), step: plannedStep }),
]);
export type PlanResult = z.infer<typeof planResult>;

/** The wait task's payload (`Payload` of the `.waitForTaskToken` invoke). */
export const waitUntilDueEvent = z.object({
  taskToken: z.string().min(1),
  enrollmentId,
  stepIndex: z.number().int().nonnegative(),
  dueAt: isoInstant,
  timeZone: z.string().min(1),
  wake: z.enum(wakeKinds),
});
export type WaitUntilDueEvent = z.infer<typeof waitUntilDueEvent>;

/** What a wake hands back to the waiting execution (the `Output` of SendTaskSuccess), kept at `$.wake`. */
export const wakeOutput = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('due'), stepIndex: z.number().int().nonnegative() }),
  z.object({ reason: z.literal('replan') }),
  z.object({ reason: z.literal('stop'), stopReason: z.string().min(1).max(200) }),
]);
export type WakeOutput = z.infer<typeof wakeOutput>;

export const sendStepEvent = z.object({ enrollmentId, stepIndex: z.number().int().nonnegative() });
export type SendStepEvent = z.infer<typeof sendStepEvent>;

/**
 * What the send task did with the step. Every outcome loops back to planning: `rescheduled` (quiet
 * hours at wake, an early wake, a passing channel error) leaves the step unrun with a later due time.
 */
export const sendStepResult = z.object({
  stepIndex: z.number().int().nonnegative(),
  outcome: z.enum(['sent', 'task_created', 'already_sent', 'skipped', 'failed', 'rescheduled']),
  reason: z.string().optional(),
});
export type SendStepResult = z.infer<typeof sendStepResult>;

/** The finish task gets the whole state: a stop wake says why it ended early. */
export const finishEnrolmentEvent = z.object({ enrollmentId, wake: wakeOutput.optional() });
export type FinishEnrolmentEvent = z.infer<typeof finishEnrolmentEvent>;

/** The catch puts Step Functions' error at `$.failure`. */
export const markFailedEvent = z.object({
  enrollmentId,
  error: z.string().min(1),
  cause: z.string().optional(),
});
export type MarkFailedEvent = z.infer<typeof markFailedEvent>;

export const followUpScheduleName = scheduleName;
