import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAgentRepository } from '../../lambdas/adapters/dynamodb/agent-repository';
import { createDocumentClient } from '../../lambdas/adapters/dynamodb/document-client';
import { createFollowUpRunRepository } from '../../lambdas/adapters/dynamodb/follow-up-run-repository';
import { createLeadRepository } from '../../lambdas/adapters/dynamodb/lead-repository';
import { createSequenceRepository } from '../../lambdas/adapters/dynamodb/sequence-repository';
import { createCrmService } from '../../lambdas/adapters/dynamodb/service';
import { createTaskRepository } from '../../lambdas/adapters/dynamodb/task-repository';
import { createSfnFollowUpExecutions } from '../../lambdas/adapters/stepfunctions/sfn-follow-up-executions';
import { createFileOutbox } from '../../lambdas/adapters/whatsapp/file-outbox';
import { type EnrolLeadDeps, enrolLead } from '../../lambdas/domain/followups/enrol-lead';
import { formatLocal } from '../../lambdas/domain/followups/wall-clock';
import { type Clock, fixedClock, systemClock } from '../../lambdas/ports/clock';
import type { FollowUpRunRepository } from '../../lambdas/ports/follow-up-runs';
import type { TaskRepository } from '../../lambdas/ports/tasks';
import { createIdGenerator } from '../../lambdas/shared/ids';
import type { FollowUpEngine } from '../../lib/local/workflow/follow-up-engine';
import { renderFollowUpDefinition } from '../../lib/local/workflow/render-follow-up-definition';
import type { Lead } from '../../schemas/api/leads';
import type { SequenceStepInput } from '../../schemas/api/sequences';
import { sequenceStepSchema } from '../../schemas/api/sequences';
import { createTestTable } from '../helpers/dynamodb';
import { createMockActor, createMockLead, createMockProfile } from '../helpers/factories';
import { createMockSequence } from '../helpers/sequences';
import { eventually, startTestEngine } from './follow-up-engine';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let engine: FollowUpEngine;
let deps: EnrolLeadDeps;
let runs: FollowUpRunRepository;
let tasks: TaskRepository;
let sandboxDir: string;
/** Real time: the engine shortens each wait, every time stored stays real. */
let clock: Clock;
const newId = createIdGenerator();
const deliveries: string[] = [];

const text = (minutes: number, extra: Partial<SequenceStepInput> = {}): SequenceStepInput =>
  ({
    channel: 'whatsapp',
    delay: { minutes, after: 'enrolment' },
    message: {
      template: 'Hi {firstName}, {agentName} here. Still keen on {interest}? Reply and I will call.',
    },
    ...extra,
  }) as SequenceStepInput;
const template = {
  name: 'lead_follow_up',
  language: 'en_US',
  parameters: ['firstName' as const, 'interest' as const],
};

/** The next whole minute at least half an hour ahead on the engine clock: when the next enrolment happens. */
const enrolmentTime = () => Math.ceil((clock.now().getTime() + 30 * MINUTE) / MINUTE) * MINUTE;

/**
 * A lead of the agent enrolled at `at` in a sequence of these steps. The engine clock runs 100 000
 * times real time, so the enrolment is stamped with a time of its own rather than whenever it lands.
 */
const enrolled = async (
  steps: SequenceStepInput[],
  lead: Partial<Lead>,
  { at = enrolmentTime(), agentId = 'agent-dana-lee' }: { at?: number; agentId?: string } = {},
) => {
  const sequenceId = newId();
  await deps.sequences.create(
    createMockSequence({ sequenceId, agentId, steps: steps.map((s) => sequenceStepSchema.parse(s)) }),
  );
  const stored = createMockLead({ agentId, propertyInterest: { summary: '2-bed flat in Midtown' }, ...lead });
  await deps.leads.create(stored, []);
  const actor = createMockActor({ agentId });
  const { followUp } = await enrolLead(
    actor,
    stored.leadId,
    { sequenceId },
    { ...deps, clock: fixedClock(new Date(at)) },
  );
  return { lead: stored, enrollmentId: followUp.enrollmentId, planned: followUp.steps };
};

const ended = (enrollmentId: string, withinMs = 20_000) =>
  eventually(async () => {
    const run = await runs.get(enrollmentId);
    return run && run.status !== 'running' && run;
  }, withinMs);

const outboxTo = async (phone: string) =>
  (await createFileOutbox(sandboxDir).list()).flatMap((entry) =>
    entry.channel === 'whatsapp' && entry.to.replace(/\D/g, '') === phone.replace(/\D/g, '') ? [entry] : [],
  );

beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  sandboxDir = mkdtempSync(join(tmpdir(), 'follow-up-outbox-'));
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_DEV: 'true',
    SANDBOX_DIR: sandboxDir,
    DEFAULT_TIMEZONE: 'America/New_York',
  });
  // 10 000 times real time (a send takes about a second: a few simulated hours), and every wake
  // delivered twice, as Scheduler may.
  engine = await startTestEngine({
    clockSpeed: 10_000,
    dynamoDb: client,
    tableName,
    definition: renderFollowUpDefinition(),
    wrapTarget: (deliver) => async (arn, input) => {
      const [first] = await Promise.all([deliver(arn, input), deliver(arn, input)]);
      deliveries.push(first);
      return first;
    },
  });
  clock = systemClock;
  const crm = createCrmService(
    createDocumentClient({ region: 'us-east-1', endpoint: inject('dynamoEndpoint') }),
    tableName,
  );
  runs = createFollowUpRunRepository(crm);
  tasks = createTaskRepository(crm);
  deps = {
    leads: createLeadRepository(crm),
    agents: createAgentRepository(crm),
    sequences: createSequenceRepository(crm),
    runs,
    executions: createSfnFollowUpExecutions({
      sfn: new SFNClient({ region: 'us-east-1', endpoint: engine.environment.SFN_ENDPOINT }),
      stateMachineArn: engine.stateMachineArn,
    }),
    clock,
    profileDefaults: { timezone: 'America/New_York', defaultCountry: 'US' },
  };
  // No quiet hours for this agent: these tests do not depend on the time of day they run at.
  await deps.agents.createIfAbsent(createMockProfile({ quietHours: { start: '00:00', end: '00:00' } }));
  // Loads every task function once: a cold import takes days on the sped-up clock.
  const { enrollmentId } = await enrolled([text(0)], { phone: '+12125550130' });
  await ended(enrollmentId);
}, 120_000);
afterAll(() => engine?.stop());

describe('follow-up steps sent by the rendered workflow', () => {
  it('sends every step once: the drafted WhatsApp messages to the outbox, the call as a task, each result recorded', async () => {
    const phone = '+12125550131';
    const at = enrolmentTime();
    const { lead, enrollmentId } = await enrolled(
      [
        text(0),
        text(120),
        {
          channel: 'call',
          delay: { minutes: 600, after: 'enrolment' },
          message: { template: 'Call {firstName} about {interest}.' },
        },
      ],
      { phone, lastInboundAt: new Date(at - MINUTE).toISOString() },
      { at },
    );

    const run = await ended(enrollmentId);

    expect(run.status).toBe('finished');
    const messages = await outboxTo(phone);
    expect(messages.map((entry) => entry.body)).toEqual([
      'Hi Sam, Dana Lee here. Still keen on 2-bed flat in Midtown? Reply and I will call.',
      'Hi Sam, Dana Lee here. Still keen on 2-bed flat in Midtown? Reply and I will call.',
    ]);
    expect(run.results.map(({ stepIndex, status, channel }) => ({ stepIndex, status, channel }))).toEqual([
      { stepIndex: 0, status: 'sent', channel: 'whatsapp' },
      { stepIndex: 1, status: 'sent', channel: 'whatsapp' },
      { stepIndex: 2, status: 'task_created', channel: 'call' },
    ]);
    expect(run.results[0]?.externalId).toBe(messages[0]?.wamid);
    expect(await tasks.get(`${enrollmentId}-2`)).toMatchObject({
      leadId: lead.leadId,
      kind: 'call',
      status: 'open',
      title: 'Call Sam about 2-bed flat in Midtown',
    });
    expect(deliveries.length).toBeGreaterThan(0);
  });

  it('sends the approved template once the 24-hour window has closed', async () => {
    const phone = '+12125550132';
    const { enrollmentId } = await enrolled([text(60, { approvedTemplate: template })], { phone });

    const run = await ended(enrollmentId);

    expect(run.results[0]).toMatchObject({ status: 'sent', via: 'template' });
    expect(await outboxTo(phone)).toEqual([
      expect.objectContaining({
        kind: 'template',
        template: {
          name: 'lead_follow_up',
          language: 'en_US',
          bodyParameters: ['Sam', '2-bed flat in Midtown'],
        },
      }),
    ]);
  });

  it('makes the step a call task when the window has closed and there is no template', async () => {
    const phone = '+12125550133';
    const { enrollmentId } = await enrolled([text(60)], { phone });

    const run = await ended(enrollmentId);

    expect(await outboxTo(phone)).toEqual([]);
    expect(run.results[0]).toMatchObject({
      status: 'task_created',
      channel: 'call',
      reason: 'window_closed',
    });
    expect(await tasks.get(`${enrollmentId}-0`)).toMatchObject({ kind: 'call', status: 'open' });
  });

  it('moves a step that wakes inside quiet hours to 08:00 in the lead zone, and sends it then', {
    timeout: 90_000,
  }, async () => {
    // Planned for 01:00 New York while the agent had no quiet hours; they are 21:00-08:00 when it wakes.
    const agentId = 'agent-quiet-hours';
    const profile = await deps.agents.createIfAbsent(createMockProfile({ agentId }));
    const noQuietHours = { ...profile, quietHours: { start: '00:00', end: '00:00' } };
    const at = enrolmentTime();
    let oneAm = at + HOUR;
    while (!formatLocal('America/New_York', oneAm).slice(11).startsWith('01:00')) oneAm += MINUTE;
    const phone = '+12125550134';
    const sequenceId = newId();
    await deps.sequences.create(
      createMockSequence({
        sequenceId,
        agentId,
        steps: [sequenceStepSchema.parse(text((oneAm - at) / MINUTE, { approvedTemplate: template }))],
      }),
    );
    const lead = createMockLead({ agentId, phone, propertyInterest: { summary: '2-bed flat in Midtown' } });
    await deps.leads.create(lead, []);
    const { followUp } = await enrolLead(
      createMockActor({ agentId }),
      lead.leadId,
      { sequenceId },
      { ...deps, clock: fixedClock(new Date(at)), agents: { ...deps.agents, get: async () => noQuietHours } },
    );
    expect(followUp.steps[0]?.dueAtLeadLocal.slice(11, 16)).toBe('01:00');

    // The next 01:00 is up to a day away (run late in New York's evening) and then 08:00: some
    // thirty simulated hours, about 20 s at the engine's speed on a busy machine.
    const run = await ended(followUp.enrollmentId, 75_000);

    expect(run.results[0]).toMatchObject({ status: 'sent' });
    expect(run.steps[0]?.leadLocalTime?.slice(11, 19)).toBe('08:00:00');
    const sentAt = formatLocal('America/New_York', new Date(run.results[0]?.ranAt ?? 0).getTime());
    expect(Number(sentAt.slice(11, 13))).toBeGreaterThanOrEqual(8);
    expect(Number(sentAt.slice(11, 13))).toBeLessThan(21);
    expect(await outboxTo(phone)).toHaveLength(1);
  });

  it('sends nothing more once the lead replied, and shows the step they answered as replied', async () => {
    const phone = '+12125550135';
    const at = enrolmentTime();
    const { lead, enrollmentId } = await enrolled(
      [text(0), text(600)],
      { phone, lastInboundAt: new Date(at - MINUTE).toISOString() },
      { at },
    );
    await eventually(async () => (await runs.get(enrollmentId))?.results.length === 1);
    const current = (await deps.leads.get(lead.leadId)) as Lead;
    await deps.leads.update(current, {
      ...current,
      version: current.version + 1,
      // A minute after the first message went out (at enrolment), long before the next one.
      lastInboundAt: new Date(at + MINUTE).toISOString(),
    });

    const run = await ended(enrollmentId);

    expect(run).toMatchObject({ status: 'stopped', stopReason: 'replied' });
    expect(run.results.map(({ status, reason }) => ({ status, ...(reason && { reason }) }))).toEqual([
      { status: 'replied' },
      { status: 'skipped', reason: 'replied' },
    ]);
    expect(await outboxTo(phone)).toHaveLength(1);
  });
});
