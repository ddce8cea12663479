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
import { createSfnFollowUpExecutions } from '../../lambdas/adapters/stepfunctions/sfn-follow-up-executions';
import { type EnrolLeadDeps, enrolLead } from '../../lambdas/domain/followups/enrol-lead';
import type { FollowUpRunRepository } from '../../lambdas/ports/follow-up-runs';
import type { FollowUpEngine } from '../../lib/local/workflow/follow-up-engine';
import { renderFollowUpDefinition } from '../../lib/local/workflow/render-follow-up-definition';
import { createTestTable } from '../helpers/dynamodb';
import { createMockActor, createMockLead, createMockProfile } from '../helpers/factories';
import { eventually, startTestEngine } from './follow-up-engine';

let engine: FollowUpEngine;
let deps: EnrolLeadDeps;
let runs: FollowUpRunRepository;

beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    SANDBOX_DIR: mkdtempSync(join(tmpdir(), 'enrolled-outbox-')),
  });
  // 100 000 times real time: the hot sequence's three days take about three seconds.
  engine = await startTestEngine({ dynamoDb: client, tableName, definition: renderFollowUpDefinition() });
  const crm = createCrmService(
    createDocumentClient({ region: 'us-east-1', endpoint: inject('dynamoEndpoint') }),
    tableName,
  );
  runs = createFollowUpRunRepository(crm);
  deps = {
    leads: createLeadRepository(crm),
    agents: createAgentRepository(crm),
    sequences: createSequenceRepository(crm),
    runs,
    executions: createSfnFollowUpExecutions({
      sfn: new SFNClient({ region: 'us-east-1', endpoint: engine.environment.SFN_ENDPOINT }),
      stateMachineArn: engine.stateMachineArn,
    }),
    // The engine's sped-up clock: the workflow functions check the steps on it.
    clock: { now: () => engine.scheduler.now() },
    profileDefaults: { timezone: 'America/New_York', defaultCountry: 'US' },
  };
  await deps.agents.createIfAbsent(createMockProfile());
}, 120_000);
afterAll(() => engine?.stop());

describe('a lead enrolled through the enrol use case', () => {
  it('runs the rendered workflow over the planned steps: the first send, then every step in order', async () => {
    const lead = createMockLead({ temperature: 'hot', phone: '+12125550177' });
    await deps.leads.create(lead, []);

    const { followUp, created } = await enrolLead(createMockActor(), lead.leadId, {}, deps);

    expect(created).toBe(true);
    expect(followUp.sequence.sequenceId).toBe('builtin-hot');
    const firstSent = await eventually(async () => {
      const run = await runs.get(followUp.enrollmentId);
      return run?.stepsRun.includes(0) && run;
    });
    expect(firstSent.stepsRun[0]).toBe(0);
    const finished = await eventually(async () => {
      const run = await runs.get(followUp.enrollmentId);
      return run?.status === 'finished' && run;
    });
    expect(finished.stepsRun).toEqual(followUp.steps.map((step) => step.stepIndex));
    // Every step has its result; a step never goes out before its planned time.
    expect(finished.results.map((result) => result.stepIndex)).toEqual(
      followUp.steps.map((step) => step.stepIndex),
    );
    finished.steps.forEach((step, index) => {
      expect(step.dueAt >= (followUp.steps[index]?.dueAt ?? '')).toBe(true);
    });
  });
});
