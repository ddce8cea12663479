import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FollowUpRunRepository } from '../../lambdas/ports/follow-up-runs';
import { repositoryRoot } from '../../lib/constructs/app-function';
import { createIsolatedFunctions, type LocalFunctions } from '../../lib/local/local-functions';
import type { FollowUpEngine } from '../../lib/local/workflow/follow-up-engine';
import { renderFollowUpDefinition } from '../../lib/local/workflow/render-follow-up-definition';
import { followUpTaskList, followUpTasks, type WorkflowTaskDefinition } from '../../schemas/workflow';
import { createTestTable } from '../helpers/dynamodb';
import { eventually, runsIn, startTestEngine } from './follow-up-engine';

let dynamoDb: DynamoDBClient;
let tableName: string;
let runs: FollowUpRunRepository;
let engine: FollowUpEngine | undefined;
let functions: LocalFunctions | undefined;
const logged: string[] = [];
// Each task function starts in a worker of its own, loading its TypeScript: slow on a busy machine.
const WORKER_STARTS_MS = 90_000;

beforeAll(async () => {
  ({ client: dynamoDb, tableName } = await createTestTable());
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
  runs = runsIn(tableName, inject('dynamoEndpoint'));
}, 120_000);

afterEach(async () => {
  await engine?.stop();
  await functions?.close();
  engine = undefined;
  functions = undefined;
});

/** The engine as `npm start` runs it: every task function in workers of its own, with only its declared variables. */
const startIsolated = async (tasks: readonly WorkflowTaskDefinition[] = followUpTaskList) => {
  functions = createIsolatedFunctions({
    rootDir: repositoryRoot,
    env: process.env,
    onLog: (_fn, line) => logged.push(line),
  });
  engine = await startTestEngine({
    dynamoDb,
    tableName,
    definition: renderFollowUpDefinition(),
    functions,
    tasks,
  });
  return engine;
};

const enrolNow = async (current: FollowUpEngine, enrollmentId: string) => {
  await runs.create(
    { enrollmentId, steps: [{ dueAt: new Date().toISOString(), timeZone: 'UTC' }] },
    new Date(),
  );
  await current.runner.startExecution(enrollmentId, { enrollmentId });
};

describe('the workflow tasks run locally as isolated functions', () => {
  it('runs a follow-up through every task with only the variables each task declares', {
    timeout: 120_000,
  }, async () => {
    const current = await startIsolated();
    await enrolNow(current, 'enr-isolated');

    const run = await eventually(async () => {
      const stored = await runs.get('enr-isolated');
      return stored?.status !== 'running' && stored;
    }, WORKER_STARTS_MS);
    expect(run).toMatchObject({ status: 'finished', stepsRun: [0] });
  });

  it('fails the enrolment, saying why, when a task lacks the access its code needs', {
    timeout: 120_000,
  }, async () => {
    // As if the plan task had been declared without its table access: in the cloud it would have no TABLE_NAME.
    const withoutTable = followUpTaskList.map((task) =>
      task.id === followUpTasks.planNextStep.id ? { ...task, access: {} } : task,
    );
    const current = await startIsolated(withoutTable);
    await enrolNow(current, 'enr-missing-access');

    const run = await eventually(async () => {
      const stored = await runs.get('enr-missing-access');
      return stored?.status === 'failed' && stored;
    }, WORKER_STARTS_MS);
    expect(run.stepsRun).toEqual([]);
    expect(`${run.failure?.error} ${run.failure?.cause}`).toMatch(/TABLE_NAME/);
  });
});
