import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createAgentRepository } from '../../lambdas/adapters/dynamodb/agent-repository';
import { createDocumentClient } from '../../lambdas/adapters/dynamodb/document-client';
import { createFollowUpRunRepository } from '../../lambdas/adapters/dynamodb/follow-up-run-repository';
import { createLeadEventLog } from '../../lambdas/adapters/dynamodb/lead-event-log';
import { createLeadRepository } from '../../lambdas/adapters/dynamodb/lead-repository';
import { createCrmService } from '../../lambdas/adapters/dynamodb/service';
import { builtInSequenceFor } from '../../lambdas/domain/followups/built-in-sequences';
import { pauseLeadFollowUp } from '../../lambdas/domain/followups/pause-lead-follow-up';
import { resumeLeadFollowUp } from '../../lambdas/domain/followups/resume-lead-follow-up';
import { systemClock } from '../../lambdas/ports/clock';
import type { FollowUpRunRepository } from '../../lambdas/ports/follow-up-runs';
import type { LeadEvent } from '../../lambdas/ports/lead-events';
import { createIdGenerator } from '../../lambdas/shared/ids';
import { repositoryRoot } from '../../lib/constructs/app-function';
import { renderFollowUpDefinition } from '../../lib/local/workflow/render-follow-up-definition';
import { followUpReactions } from '../../schemas/follow-up-reactions';
import { followUpTaskList } from '../../schemas/workflow';
import { createTestTable } from '../helpers/dynamodb';
import { createMockActor, createMockLead, createMockProfile } from '../helpers/factories';
import { eventually, startTestEngine, type TestEngine, wakesThrough } from './follow-up-engine';

const hour = 3_600_000;
const newId = createIdGenerator();
let engine: TestEngine;
let dynamoDb: DynamoDBClient;
let tableName: string;
let endpointPort: number | undefined;
let runs: FollowUpRunRepository;
let crm: ReturnType<typeof createCrmService>;
let phones = 10;

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
  crm = createCrmService(
    createDocumentClient({ region: 'us-east-1', endpoint: inject('dynamoEndpoint') }),
    tableName,
  );
  runs = createFollowUpRunRepository(crm);
  await createAgentRepository(crm).createIfAbsent(createMockProfile());
  // The functions read the engine's address once: a first engine fixes it. They are loaded here, so
  // no test's sped-up clock runs while a function starts cold.
  const first = await startTestEngine({ dynamoDb, tableName, definition: renderFollowUpDefinition() });
  endpointPort = Number(new URL(first.environment.SFN_ENDPOINT as string).port);
  await first.stop();
  await Promise.all(
    [...followUpTaskList.map((task) => task.handler), followUpReactions.handler].map(
      (handler) => import(pathToFileURL(resolve(repositoryRoot, handler)).href),
    ),
  );
}, 180_000);

// An engine per test: its sped-up clock starts from now, so a step 240 h away is 8.6 s away. The
// stream reader starts again each time from its checkpoint, as after a restart of `npm start`.
beforeEach(async () => {
  engine = await startTestEngine({
    dynamoDb,
    tableName,
    definition: renderFollowUpDefinition(),
    reactions: true,
    endpointPort,
  });
}, 120_000);
afterEach(() => engine?.stop(), 60_000);

/**
 * A lead enrolled in the hot sequence, its steps due `hoursFromNow`, its execution started. The
 * step results stand in for what the send step records.
 */
const enrolledLead = async (hoursFromNow: number[]) => {
  // It wrote a minute ago: the WhatsApp window is open, so its steps go out as messages.
  const lead = createMockLead({
    temperature: 'hot',
    phone: `+1212555${String(100 + phones++).padStart(4, '0')}`,
    lastInboundAt: new Date(Date.now() - 60_000).toISOString(),
  });
  await createLeadRepository(crm).create(lead, []);
  const sequence = builtInSequenceFor('hot');
  const enrollmentId = `${lead.leadId}_${sequence.sequenceId}`;
  const now = Date.now();
  await runs.create(
    {
      enrollmentId,
      enrolment: {
        leadId: lead.leadId,
        agentId: lead.agentId,
        enrolledAt: new Date(now - 1_000).toISOString(),
        sequence: { ...sequence, steps: sequence.steps.slice(0, hoursFromNow.length) },
      },
      steps: hoursFromNow.map((hours) => ({
        dueAt: new Date(now + hours * hour).toISOString(),
        timeZone: 'America/New_York',
        channel: 'whatsapp' as const,
      })),
    },
    new Date(),
  );
  await engine.runner.startExecution(enrollmentId, { enrollmentId });
  return { lead, enrollmentId };
};

/** Waits until the run sent `stepIndex` steps and waits on the next; records each as sent. */
const waitingOnStep = async (enrollmentId: string, stepIndex: number) => {
  const run = await eventually(async () => {
    const stored = await runs.get(enrollmentId);
    return stored?.pendingWake?.stepIndex === stepIndex && stored.stepsRun.length === stepIndex && stored;
  });
  for (const ran of run.stepsRun) {
    const at = new Date().toISOString();
    await runs.recordStepResult(enrollmentId, {
      stepIndex: ran,
      status: 'sent',
      channel: 'whatsapp',
      ranAt: at,
      updatedAt: at,
    });
  }
  return run;
};

const happened = (leadId: string, type: LeadEvent['type'], data?: Record<string, unknown>) =>
  createLeadEventLog(crm).record({
    leadId,
    eventId: newId(),
    type,
    channel: 'whatsapp',
    occurredAt: new Date().toISOString(),
    ...(data && { data }),
  });

const endedWith = (enrollmentId: string, status: string) =>
  eventually(async () => {
    const run = await runs.get(enrollmentId);
    return run?.status === status && !run.pendingWake && run;
  });

describe('a running follow-up reacts at once to what happens to the lead', () => {
  it('stops after step 1 when the lead replies: nothing more is sent and step 1 shows the reply', async () => {
    // Step 1 is 480 h (17 s) away: time enough for the first test's cold start of every function.
    const { lead, enrollmentId } = await enrolledLead([0, 480, 500]);
    await waitingOnStep(enrollmentId, 1);
    const started = Date.now();

    await happened(lead.leadId, 'lead.replied');

    const run = await endedWith(enrollmentId, 'stopped');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(run).toMatchObject({ stopReason: 'replied', stepsRun: [0] });
    expect(run.results.map(({ stepIndex, status }) => ({ stepIndex, status }))).toEqual([
      { stepIndex: 0, status: 'replied' },
    ]);
    await expect(wakesThrough(engine).cancelWake(`${enrollmentId}-1`)).resolves.toBe('not_found');
  });

  it('stops when the lead opts out', async () => {
    const { lead, enrollmentId } = await enrolledLead([0, 240]);
    await waitingOnStep(enrollmentId, 1);

    await happened(lead.leadId, 'lead.opted_out');

    const run = await endedWith(enrollmentId, 'stopped');
    expect(run).toMatchObject({ stopReason: 'opted_out', stepsRun: [0] });
    expect(run.results.map(({ status }) => status)).toEqual(['sent']);
  });

  it('stops when the lead converts, and not on an opt-in', async () => {
    const { lead, enrollmentId } = await enrolledLead([0, 240]);
    await waitingOnStep(enrollmentId, 1);

    await happened(lead.leadId, 'lead.opted_in');
    await engine.reactions?.drained();
    expect((await runs.get(enrollmentId))?.status).toBe('running');
    await happened(lead.leadId, 'lead.outcome_recorded', { result: 'converted' });

    const run = await endedWith(enrollmentId, 'stopped');
    expect(run).toMatchObject({ stopReason: 'closed', stepsRun: [0] });
  });

  it('changes nothing more when the same reply reaches it twice', async () => {
    const { lead, enrollmentId } = await enrolledLead([0, 240]);
    await waitingOnStep(enrollmentId, 1);
    const reply: LeadEvent = {
      leadId: lead.leadId,
      eventId: newId(),
      type: 'lead.replied',
      channel: 'whatsapp',
      occurredAt: new Date().toISOString(),
    };
    await createLeadEventLog(crm).record(reply);
    const first = await endedWith(enrollmentId, 'stopped');

    // The stream hands the same record over again, as Lambda may after a retry.
    const { handler } = await import('../../lambdas/handlers/streams/follow-up-reactions');
    const record = {
      eventID: 'again',
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: '1',
        NewImage: {
          __edb_e__: { S: 'leadEvent' },
          leadId: { S: reply.leadId },
          eventId: { S: reply.eventId },
          type: { S: reply.type },
          channel: { S: 'whatsapp' },
          occurredAt: { S: reply.occurredAt },
        },
      },
    };
    const response = await handler({ Records: [record] } as never, {} as never);

    expect(response).toEqual({ batchItemFailures: [] });
    const again = await runs.get(enrollmentId);
    expect(again).toMatchObject({ status: 'stopped', stopReason: 'replied', stepsRun: [0] });
    expect(again?.results).toEqual(first.results);
  });

  it('sends nothing while paused, and the next step after the resume', async () => {
    const { lead, enrollmentId } = await enrolledLead([0, 48]);
    await waitingOnStep(enrollmentId, 1);
    const deps = {
      leads: createLeadRepository(crm),
      agents: createAgentRepository(crm),
      runs,
      wakes: wakesThrough(engine),
      clock: systemClock,
      profileDefaults: { timezone: 'America/New_York', defaultCountry: 'US' },
    };

    const paused = await pauseLeadFollowUp(createMockActor(), lead.leadId, deps);
    expect(paused).toMatchObject({ status: 'paused', currentStepIndex: 1 });
    expect(paused.nextSendAt).toBeUndefined();
    // Step 1 was due 48 h after enrolment: 2.5 s here is about 69 h.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const during = await runs.get(enrollmentId);
    expect(during).toMatchObject({ status: 'paused', stepsRun: [0], pendingWake: { stepIndex: 1 } });

    const resumed = await resumeLeadFollowUp(createMockActor(), lead.leadId, deps);

    expect(resumed.status).toBe('running');
    expect(Date.parse(resumed.nextSendAt as string)).toBeGreaterThan(Date.now());
    const finished = await endedWith(enrollmentId, 'finished');
    expect(finished.stepsRun).toEqual([0, 1]);
  });
});
