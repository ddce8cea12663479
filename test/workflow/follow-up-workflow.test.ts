import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { Service } from 'electrodb';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { stopFollowUp } from '../../lambdas/domain/workflow/stop-follow-up';
import { systemClock } from '../../lambdas/ports/clock';
import type { FollowUpRunRepository } from '../../lambdas/ports/follow-up-runs';
import type { FollowUpEngine } from '../../lib/local/workflow/follow-up-engine';
import { localExecutionEntity } from '../../lib/local/workflow/local-execution-entity';
import type { ScheduleTarget } from '../../lib/local/workflow/local-scheduler';
import { renderFollowUpDefinition } from '../../lib/local/workflow/render-follow-up-definition';
import { followUpStates } from '../../schemas/workflow';
import { createTestTable } from '../helpers/dynamodb';
import { eventually, runsIn, startTestEngine, wakesThrough } from './follow-up-engine';

const hour = 3_600_000;
let dynamoDb: DynamoDBClient;
let tableName: string;
let definition: StateMachineDefinition;
let runs: FollowUpRunRepository;
let engine: FollowUpEngine | undefined;
let endpointPort: number | undefined;
let enrolments = 0;

/** A run whose steps fall due `hoursFromNow` from now, started as an execution named after it. */
const enrol = async (hoursFromNow: number[], timeZone = 'America/New_York') => {
  const enrollmentId = `enr-${Date.now()}-${enrolments++}`;
  const now = Date.now();
  const steps = hoursFromNow.map((hours) => ({
    dueAt: new Date(now + hours * hour).toISOString(),
    timeZone,
  }));
  await runs.create({ enrollmentId, steps }, new Date());
  const current = engine as FollowUpEngine;
  await expect(current.runner.startExecution(enrollmentId, { enrollmentId })).resolves.toEqual({
    started: true,
  });
  return { enrollmentId, steps };
};

const start = async (
  options: { wrapTarget?: (target: ScheduleTarget) => ScheduleTarget; clockSpeed?: number } = {},
) => {
  engine = await startTestEngine({ dynamoDb, tableName, definition, endpointPort, ...options });
  endpointPort ??= Number(new URL(engine.environment.SFN_ENDPOINT as string).port);
  return engine;
};

/** What the local runner saved of an execution. */
const savedExecution = async (executionName: string) => {
  const client = DynamoDBDocumentClient.from(dynamoDb);
  const { executions } = new Service({ executions: localExecutionEntity }, { client, table: tableName })
    .entities;
  const { data } = await executions.get({ stateMachine: 'follow-up', executionName }).go();
  return data;
};

const waitingOnStep = (enrollmentId: string, stepIndex: number) =>
  eventually(async () => {
    const run = await runs.get(enrollmentId);
    return run?.pendingWake?.stepIndex === stepIndex && run.stepsRun.length === stepIndex && run;
  });

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
  definition = renderFollowUpDefinition();
}, 120_000);

afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

describe('the follow-up workflow, running the rendered definition locally', () => {
  it('sends every step in order, none before it is due', async () => {
    const woken: { stepIndex: number; at: Date }[] = [];
    const current = await start({
      wrapTarget: (deliver) => async (arn, input) => {
        const output = JSON.parse(JSON.parse(input).Output);
        woken.push({ stepIndex: output.stepIndex, at: current.scheduler.now() });
        return deliver(arn, input);
      },
    });
    const { enrollmentId, steps } = await enrol([2, 24, 72]);

    await eventually(async () => (await runs.get(enrollmentId))?.status === 'finished');

    const run = await runs.get(enrollmentId);
    expect(run?.stepsRun).toEqual([0, 1, 2]);
    expect(woken.map((wake) => wake.stepIndex)).toEqual([0, 1, 2]);
    woken.forEach((wake, index) => {
      expect(wake.at.getTime()).toBeGreaterThanOrEqual(new Date(steps[index]?.dueAt ?? 0).getTime());
    });
  });

  it('ends at once, with no further step, when a stop cancels the wake and wakes the execution', async () => {
    const current = await start();
    const { enrollmentId } = await enrol([2, 240]);
    await waitingOnStep(enrollmentId, 1);

    const started = Date.now();
    const result = await stopFollowUp(enrollmentId, 'lead replied', {
      runs,
      wakes: wakesThrough(current),
      clock: systemClock,
    });
    await current.runner.settled(enrollmentId);

    expect(result).toEqual({ stopped: true, woke: 'woken' });
    expect(Date.now() - started).toBeLessThan(3_000); // step 2 was 240 h (8.6 s at this speed) away
    const run = await runs.get(enrollmentId);
    expect(run).toMatchObject({ status: 'stopped', stopReason: 'lead replied', stepsRun: [0] });
    await expect(wakesThrough(current).cancelWake(`${enrollmentId}-1`)).resolves.toBe('not_found');
  });

  it('runs a step once when its wake is delivered twice', async () => {
    const outcomes: string[] = [];
    await start({
      wrapTarget: (deliver) => async (arn, input) => {
        const [first, second] = await Promise.all([deliver(arn, input), deliver(arn, input)]);
        outcomes.push(first, second);
        return first;
      },
    });
    const { enrollmentId } = await enrol([2, 4]);

    await eventually(async () => (await runs.get(enrollmentId))?.status === 'finished');

    expect((await runs.get(enrollmentId))?.stepsRun).toEqual([0, 1]);
    expect(outcomes.sort()).toEqual(['delivered', 'delivered', 'refused', 'refused']);
  });

  it('ignores a wake that carries the token of an earlier wait', async () => {
    const current = await start();
    const { enrollmentId } = await enrol([2, 240]);
    const firstWait = await waitingOnStep(enrollmentId, 0);
    const staleToken = firstWait.pendingWake?.taskToken as string;
    await waitingOnStep(enrollmentId, 1);

    const wakes = wakesThrough(current);
    await expect(wakes.wakeNow(staleToken, { reason: 'due', stepIndex: 0 })).resolves.toBe('stale_token');
    await expect(wakes.wakeNow('never-issued', { reason: 'due', stepIndex: 0 })).resolves.toBe('stale_token');

    const run = await runs.get(enrollmentId);
    expect(run).toMatchObject({ status: 'running', stepsRun: [0], pendingWake: { stepIndex: 1 } });
  });

  it('resumes a restarted runner at the waiting step and sends nothing twice', async () => {
    const first = await start();
    const { enrollmentId } = await enrol([2, 50]);
    await waitingOnStep(enrollmentId, 1);
    await first.stop();
    engine = undefined;
    const saved = await savedExecution(enrollmentId);
    expect(saved).toMatchObject({ status: 'RUNNING', currentState: followUpStates.wait });
    expect(saved?.stateInput).toMatchObject({ enrollmentId, plan: { done: false, step: { stepIndex: 1 } } });

    const second = await start();

    await second.runner.settled(enrollmentId);
    await eventually(async () => (await runs.get(enrollmentId))?.status === 'finished');
    expect((await runs.get(enrollmentId))?.stepsRun).toEqual([0, 1]);
  });

  it('marks the enrolment failed when a task fails', async () => {
    const current = await start();
    const { enrollmentId } = await enrol([2], 'Not/AZone');

    await current.runner.settled(enrollmentId);

    const run = await runs.get(enrollmentId);
    expect(run?.status).toBe('failed');
    expect(run?.failure?.error).toBe('RangeError');
    expect(run?.stepsRun).toEqual([]);
  });

  it('names the states the way the agent would', () => {
    expect(Object.keys(definition.States).sort()).toEqual(Object.values(followUpStates).sort());
  });
});
