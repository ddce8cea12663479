import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { Service } from 'electrodb';
import { sendTaskSuccessTarget } from '../../../lambdas/adapters/scheduler/eventbridge-wake-scheduler';
import { type Clock, systemClock } from '../../../lambdas/ports/clock';
import { followUpTaskList, type WorkflowTaskDefinition } from '../../../schemas/workflow';
import type { LocalFunctionDefinition, LocalFunctions } from '../local-functions';
import {
  followUpEngineEnvironment,
  localScheduleGroup,
  localSchedulerRoleArn,
  localStateMachine,
  localStateMachineArn,
} from './engine-environment';
import { startLocalAwsEndpoint } from './local-aws-endpoint';
import { localExecutionEntity } from './local-execution-entity';
import { localScheduleEntity } from './local-schedule-entity';
import { createLocalScheduler, type LocalScheduler, type ScheduleTarget } from './local-scheduler';
import { localFunctionArn, renderFollowUpDefinition } from './render-follow-up-definition';
import { TaskTokens } from './task-tokens';
import { createWorkflowRunner, type WorkflowRunner } from './workflow-runner';

export interface FollowUpEngineOptions {
  dynamoDb: DynamoDBClient;
  tableName: string;
  /** Repository root: the task handlers are loaded from it. */
  rootDir: string;
  /** FOLLOW_UP_CLOCK_SPEED: simulated seconds per real second while waiting. */
  clockSpeed?: number;
  clock?: Clock;
  /** @default the definition the CDK construct renders */
  definition?: StateMachineDefinition;
  /** Wraps delivery of a fired wake (tests replay one to play Scheduler's at-least-once delivery). */
  wrapTarget?: (target: ScheduleTarget) => ScheduleTarget;
  /** Port of the local AWS endpoint; keep it across restarts, the functions' clients hold its address. */
  endpointPort?: number;
  /**
   * Where the task functions run: `npm start` passes its isolated functions, so each task sees only
   * the environment its access declares; by default they run in this process (the tests' speed).
   */
  functions?: LocalFunctions;
  /** @default the workflow's task functions as declared */
  tasks?: readonly WorkflowTaskDefinition[];
  log?: (line: string) => void;
}

/** A task as the function it is in the cloud: creating wakes is an access like the others. */
export const taskFunction = (task: WorkflowTaskDefinition): LocalFunctionDefinition => ({
  id: task.id,
  handler: task.handler,
  access: { ...task.access, ...(task.schedulesWakes && { followUpWakes: true }) },
});

export interface FollowUpEngine {
  runner: WorkflowRunner;
  scheduler: LocalScheduler;
  /** What the workflow functions need in their environment to reach the local stand-ins. */
  environment: Record<string, string>;
  stateMachineArn: string;
  /** Arms stored schedules and resumes unfinished executions; call once the functions' environment is set. */
  resume(): Promise<{ schedules: number; executions: string[] }>;
  stop(): Promise<void>;
}

/**
 * The follow-up workflow on a laptop: the rendered definition run by the local runner, the durable
 * local scheduler, and the endpoint the functions' SDK clients call instead of AWS. Its state lives
 * in DynamoDB Local, so stopping and starting it again resumes every enrolment where it waited.
 */
export const startFollowUpEngine = async (options: FollowUpEngineOptions): Promise<FollowUpEngine> => {
  const client = DynamoDBDocumentClient.from(options.dynamoDb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const { entities } = new Service(
    { executions: localExecutionEntity, schedules: localScheduleEntity },
    { client, table: options.tableName },
  );
  const log = options.log ?? (() => undefined);
  const tokens = new TaskTokens();
  const runner = createWorkflowRunner({
    definition: options.definition ?? renderFollowUpDefinition(),
    stateMachine: localStateMachine,
    executions: entities.executions,
    tokens,
    tasks: options.tasks ?? followUpTaskList,
    functionArn: localFunctionArn,
    rootDir: options.rootDir,
    ...(options.functions && {
      invoke: (task: WorkflowTaskDefinition, event: unknown, requestId: string) =>
        (options.functions as LocalFunctions).invokeFunction(taskFunction(task), event, requestId),
    }),
    log,
  });

  const deliver: ScheduleTarget = async (targetArn, input) => {
    if (targetArn !== sendTaskSuccessTarget) throw new Error(`No local target ${targetArn}`);
    const { TaskToken, Output } = JSON.parse(input) as { TaskToken: string; Output: string };
    return runner.sendTaskSuccess(TaskToken, Output) === 'delivered' ? 'delivered' : 'refused';
  };
  const speed = options.clockSpeed ?? 1;
  const scheduler = createLocalScheduler({
    schedules: entities.schedules,
    clock: options.clock ?? systemClock,
    speed,
    target: options.wrapTarget ? options.wrapTarget(deliver) : deliver,
    log,
  });
  const endpoint = await startLocalAwsEndpoint({
    scheduler,
    runner,
    groupName: localScheduleGroup,
    schedulerRoleArn: localSchedulerRoleArn,
    stateMachineArn: localStateMachineArn,
    port: options.endpointPort,
  });

  return {
    runner,
    scheduler,
    stateMachineArn: localStateMachineArn,
    environment: followUpEngineEnvironment(endpoint.url, speed),
    async resume() {
      const schedules = await scheduler.start(localScheduleGroup);
      const executions = await runner.resume();
      return { schedules, executions };
    },
    async stop() {
      scheduler.stop();
      await runner.stop();
      await endpoint.close();
    },
  };
};
