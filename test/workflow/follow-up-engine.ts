import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { createDocumentClient } from '../../lambdas/adapters/dynamodb/document-client';
import { createFollowUpRunRepository } from '../../lambdas/adapters/dynamodb/follow-up-run-repository';
import { createCrmService } from '../../lambdas/adapters/dynamodb/service';
import { createEventBridgeWakeScheduler } from '../../lambdas/adapters/scheduler/eventbridge-wake-scheduler';
import { repositoryRoot } from '../../lib/constructs/app-function';
import {
  type FollowUpEngine,
  type FollowUpEngineOptions,
  startFollowUpEngine,
} from '../../lib/local/workflow/follow-up-engine';

export interface TestEngineOptions extends Partial<FollowUpEngineOptions> {
  dynamoDb: DynamoDBClient;
  tableName: string;
  definition: StateMachineDefinition;
}

/**
 * Starts the local follow-up engine on a test table and points the workflow functions at it, as
 * `npm start` does. The functions read their environment once per process, so every engine of a
 * test file keeps the first one's endpoint port.
 */
export const startTestEngine = async (options: TestEngineOptions): Promise<FollowUpEngine> => {
  const engine = await startFollowUpEngine({ rootDir: repositoryRoot, clockSpeed: 100_000, ...options });
  Object.assign(process.env, engine.environment);
  await engine.resume();
  return engine;
};

/** The engine records, read as the use cases read them. */
export const runsIn = (tableName: string, endpoint: string) =>
  createFollowUpRunRepository(
    createCrmService(createDocumentClient({ region: 'us-east-1', endpoint }), tableName),
  );

/** The cloud wake adapter, talking to the local stand-ins as the functions do. */
export const wakesThrough = (engine: FollowUpEngine) =>
  createEventBridgeWakeScheduler({
    scheduler: new SchedulerClient({ region: 'us-east-1', endpoint: engine.environment.SCHEDULER_ENDPOINT }),
    sfn: new SFNClient({ region: 'us-east-1', endpoint: engine.environment.SFN_ENDPOINT }),
    groupName: engine.environment.SCHEDULE_GROUP_NAME as string,
    roleArn: engine.environment.SCHEDULER_ROLE_ARN as string,
    deadLetterArn: engine.environment.WAKE_DEAD_LETTER_QUEUE_ARN as string,
  });

/** Polls until `check` holds (or fails the test after `timeoutMs`). */
export const eventually = async <T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('The condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
