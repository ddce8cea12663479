import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repositoryRoot } from '../../../lib/constructs/app-function';
import { demoUsers } from '../../../lib/local/demo-users';
import { createDevTokenVerifier, loadOrCreateDevKey, signDevToken } from '../../../lib/local/dev-auth';
import { createLocalDynamoDbClient } from '../../../lib/local/ensure-table';
import { startLocalGateway } from '../../../lib/local/gateway';
import { type FollowUpEngine, startFollowUpEngine } from '../../../lib/local/workflow/follow-up-engine';
import { routeTable } from '../../../schemas/routes';
import { admin, agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import { eventually, runsIn } from '../../workflow/follow-up-engine';

let api: TestApi;
let engine: FollowUpEngine;
let leadCount = 0;

beforeAll(async () => {
  api = await startTestApi();
  // The local Step Functions endpoint the enrol route starts executions on, as `npm start` runs it.
  engine = await startFollowUpEngine({
    dynamoDb: createLocalDynamoDbClient(inject('dynamoEndpoint')),
    tableName: api.tableName,
    rootDir: repositoryRoot,
    log: () => undefined,
  });
  Object.assign(process.env, engine.environment);
  await engine.resume();
}, 120_000);
afterAll(async () => {
  await engine?.stop();
  await api?.close();
});

const newLead = async (as = agent1) => {
  const res = await api.call('POST', '/leads', {
    as,
    body: { name: 'Avery Stone', phone: `+1 212 555 01${String(30 + leadCount++)}`, source: 'website' },
  });
  expect(res.status).toBe(201);
  return res.body.leadId as string;
};

let later: string | undefined;
/** agent1's sequence whose first step is hours away whatever the time of day: it waits, whatever runs it. */
const laterSequence = async (): Promise<string> => {
  if (later) return later;
  const res = await api.call('POST', '/sequences', {
    as: agent1,
    body: {
      name: 'Later follow-up',
      temperature: 'custom',
      steps: [
        {
          channel: 'whatsapp',
          delay: { minutes: 6 * 60 },
          message: { template: 'Hi {firstName}, still keen on a viewing?' },
        },
        { channel: 'call', delay: { minutes: 30 * 60 }, message: { template: 'Call {firstName}.' } },
      ],
    },
  });
  expect(res.status).toBe(201);
  later = res.body.sequenceId as string;
  return later;
};

const enrol = (leadId: string, body: Json = {}, as = agent1) =>
  api.call('POST', `/leads/${leadId}/follow-up`, { as, body });

const storedRuns = async () => {
  const client = createLocalDynamoDbClient(inject('dynamoEndpoint'));
  const { Items = [] } = await client.send(
    new ScanCommand({
      TableName: api.tableName,
      FilterExpression: '#entity = :run',
      ExpressionAttributeNames: { '#entity': '__edb_e__' },
      ExpressionAttributeValues: { ':run': { S: 'followUpRun' } },
    }),
  );
  return Items.length;
};

/** The hour on the lead's wall clock, read from `2026-11-25T08:00:00-05:00`. */
const localHour = (leadLocal: string) => Number(leadLocal.slice(11, 13));

describe('enrolling a lead in a follow-up sequence', () => {
  it("plans the built-in for the lead's temperature with every step outside the lead's quiet hours", async () => {
    const leadId = await newLead();

    const res = await enrol(leadId);

    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/leads/${leadId}/follow-up`);
    expect(res.body).toMatchObject({ leadId, status: 'running', leadTimeZone: 'America/New_York' });
    expect(res.body.sequence.sequenceId).toMatch(/^builtin-(hot|warm|cold)$/);
    expect(res.body.steps.length).toBeGreaterThan(0);
    res.body.steps.forEach((step: Json, index: number) => {
      expect(step).toMatchObject({ stepIndex: index, result: 'pending' });
      expect(['whatsapp', 'email', 'call']).toContain(step.channel);
      // Both times name the same instant; the local one is in New York, 08:00 to 21:00.
      expect(Math.abs(Date.parse(step.dueAtLeadLocal) - Date.parse(step.dueAt))).toBeLessThan(1000);
      expect(step.dueAtLeadLocal).toMatch(/-0[45]:00$/);
      expect(localHour(step.dueAtLeadLocal)).toBeGreaterThanOrEqual(8);
      expect(localHour(step.dueAtLeadLocal)).toBeLessThan(21);
    });
  });

  it('starts the execution, which waits on the first step until it is due', async () => {
    const leadId = await newLead();

    const res = await enrol(leadId, { sequenceId: 'builtin-hot' });

    expect(res.status).toBe(201);
    const runs = runsIn(api.tableName, inject('dynamoEndpoint'));
    const run = await eventually(async () => {
      const stored = await runs.get(res.body.enrollmentId);
      return stored?.pendingWake && stored;
    });
    expect(run.pendingWake?.stepIndex).toBe(0);
    expect(run.steps[0]?.dueAt).toBe(res.body.steps[0].dueAt);
  });

  it('returns the running enrolment, 200, when the lead is enrolled in the same sequence again', async () => {
    const leadId = await newLead();
    const first = await enrol(leadId, { sequenceId: 'builtin-warm' });

    const again = await enrol(leadId, { sequenceId: 'builtin-warm' });

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.enrollmentId).toBe(first.body.enrollmentId);
    expect(again.body.steps).toEqual(first.body.steps);
    expect(again.body.enrolledAt).toBe(first.body.enrolledAt);
  });

  it("answers 404 for another agent's lead and writes nothing", async () => {
    const leadId = await newLead(agent2);
    const before = await storedRuns();

    const res = await enrol(leadId, {}, agent1);

    expect(res.status).toBe(404);
    expect(await storedRuns()).toBe(before);
  });

  it('answers 400 naming sequenceId for a malformed one, and 404 for an unknown one, writing nothing', async () => {
    const leadId = await newLead();
    const before = await storedRuns();

    const malformed = await enrol(leadId, { sequenceId: 'not-a-sequence' });
    const unknown = await enrol(leadId, { sequenceId: '01JD7Q3M2Y9V1X8K4T6R5W0ZAB' });

    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'sequenceId' })]);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail ?? unknown.body.title).toMatch(/Sequence/);
    expect(await storedRuns()).toBe(before);
  });
});

describe("reading a lead's follow-up", () => {
  it("shows the step it waits on, its send time in UTC and the lead's local time, and every step pending", async () => {
    // A first step hours away: one due at once may already be sent by the time it is read.
    const sequenceId = await laterSequence();
    const leadId = await newLead();
    const enrolled = await enrol(leadId, { sequenceId });

    const res = await api.call('GET', `/leads/${leadId}/follow-up`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      enrollmentId: enrolled.body.enrollmentId,
      status: 'running',
      sequence: { sequenceId, version: 1 },
      currentStepIndex: 0,
      nextSendAt: enrolled.body.steps[0].dueAt,
      nextSendAtLeadLocal: enrolled.body.steps[0].dueAtLeadLocal,
    });
    expect(res.body.steps.map((step: Json) => step.result)).toEqual(enrolled.body.steps.map(() => 'pending'));
  });

  it("answers 404 for a lead never enrolled, and for another agent's enrolled lead", async () => {
    const never = await newLead();
    const foreign = await newLead(agent2);
    expect((await enrol(foreign, {}, agent2)).status).toBe(201);

    expect((await api.call('GET', `/leads/${never}/follow-up`)).status).toBe(404);
    expect((await api.call('GET', `/leads/${foreign}/follow-up`, { as: agent1 })).status).toBe(404);
    expect((await api.call('GET', `/leads/${foreign}/follow-up`, { as: agent2 })).status).toBe(200);
  });
});

describe("stopping a lead's follow-up", () => {
  it('stops the run, cancels its pending wake and lets the execution finish without sending', async () => {
    const leadId = await newLead();
    const enrolled = await enrol(leadId, { sequenceId: await laterSequence() });
    const runs = runsIn(api.tableName, inject('dynamoEndpoint'));
    await eventually(async () => (await runs.get(enrolled.body.enrollmentId))?.pendingWake);

    const res = await api.call('POST', `/leads/${leadId}/follow-up/stop`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'stopped', stopReason: 'stopped_by_agent' });
    expect(res.body.currentStepIndex).toBeUndefined();
    // Woken at once, the execution finishes: the wake it waited on is gone, no step ran.
    const ended = await eventually(async () => {
      const run = await runs.get(enrolled.body.enrollmentId);
      return run && !run.pendingWake && run;
    });
    expect(ended).toMatchObject({ status: 'stopped', stepsRun: [] });
    const group = engine.environment.SCHEDULE_GROUP_NAME as string;
    expect(await engine.scheduler.delete(group, `${enrolled.body.enrollmentId}-0`)).toBe('not_found');
    const status = await api.call('GET', `/leads/${leadId}/follow-up`);
    expect(status.body.status).toBe('stopped');
  });

  it("answers 200 with the stopped run when stopped twice, and 404 for another agent's lead", async () => {
    const leadId = await newLead();
    await enrol(leadId);
    expect((await api.call('POST', `/leads/${leadId}/follow-up/stop`, { as: agent2 })).status).toBe(404);

    await api.call('POST', `/leads/${leadId}/follow-up/stop`);
    const again = await api.call('POST', `/leads/${leadId}/follow-up/stop`);

    expect(again.status).toBe(200);
    expect(again.body.status).toBe('stopped');
  });
});

describe("pausing and resuming a lead's follow-up", () => {
  const pause = (leadId: string, as = agent1) => api.call('POST', `/leads/${leadId}/follow-up/pause`, { as });
  const resume = (leadId: string, as = agent1) =>
    api.call('POST', `/leads/${leadId}/follow-up/resume`, { as });

  it('pauses: no send time while paused, its wake deleted, the same answer when paused twice', async () => {
    const leadId = await newLead();
    const enrolled = await enrol(leadId, { sequenceId: await laterSequence() });
    const runs = runsIn(api.tableName, inject('dynamoEndpoint'));
    const waiting = await eventually(async () => (await runs.get(enrolled.body.enrollmentId))?.pendingWake);

    const paused = await pause(leadId);
    const again = await pause(leadId);

    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({
      status: 'paused',
      currentStepIndex: 0,
      pausedAt: expect.any(String),
    });
    expect(paused.body.nextSendAt).toBeUndefined();
    expect(again).toMatchObject({ status: 200, body: { status: 'paused', pausedAt: paused.body.pausedAt } });
    // The execution was woken to plan again and now holds a new wait with no schedule.
    const held = await eventually(async () => {
      const run = await runs.get(enrolled.body.enrollmentId);
      return run?.pendingWake && run.pendingWake.taskToken !== waiting.taskToken && run;
    });
    expect(held).toMatchObject({ status: 'paused', stepsRun: [] });
    const group = engine.environment.SCHEDULE_GROUP_NAME as string;
    expect(await engine.scheduler.delete(group, `${enrolled.body.enrollmentId}-0`)).toBe('not_found');
    expect((await api.call('GET', `/leads/${leadId}/follow-up`)).body.status).toBe('paused');
  });

  it('resumes: the remaining steps planned again from now, outside quiet hours, waiting on a new wake', async () => {
    const leadId = await newLead();
    const enrolled = await enrol(leadId, { sequenceId: await laterSequence() });
    await pause(leadId);

    const resumed = await resume(leadId);
    const again = await resume(leadId);

    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'running', currentStepIndex: 0 });
    expect(resumed.body.pausedAt).toBeUndefined();
    expect(Date.parse(resumed.body.nextSendAt)).toBeGreaterThanOrEqual(Date.parse(enrolled.body.enrolledAt));
    for (const step of resumed.body.steps as Json[]) {
      expect(localHour(step.dueAtLeadLocal)).toBeGreaterThanOrEqual(8);
      expect(localHour(step.dueAtLeadLocal)).toBeLessThan(21);
    }
    expect(again).toMatchObject({ status: 200, body: { status: 'running' } });
    const runs = runsIn(api.tableName, inject('dynamoEndpoint'));
    const waiting = await eventually(async () => {
      const run = await runs.get(enrolled.body.enrollmentId);
      return run?.status === 'running' && run.pendingWake && run;
    });
    const group = engine.environment.SCHEDULE_GROUP_NAME as string;
    await eventually(
      async () => (await engine.scheduler.delete(group, `${waiting.enrollmentId}-0`)) === 'deleted',
    );
  });

  it('answers 409 when there is nothing to pause or resume, and 404 for another agent’s lead', async () => {
    const never = await newLead();
    const stopped = await newLead();
    await enrol(stopped);
    await api.call('POST', `/leads/${stopped}/follow-up/stop`);
    const foreign = await newLead(agent2);
    await enrol(foreign, {}, agent2);

    expect((await pause(never)).status).toBe(409);
    expect((await resume(never)).status).toBe(409);
    expect((await pause(stopped)).status).toBe(409);
    expect((await resume(stopped)).body).toMatchObject({ status: 409 });
    expect((await pause(foreign, agent1)).status).toBe(404);
    expect((await resume(foreign, agent1)).status).toBe(404);
  });

  it("lets a brokerage admin pause and resume an agent's lead", async () => {
    const leadId = await newLead();
    await enrol(leadId);

    expect((await pause(leadId, admin)).body.status).toBe('paused');
    expect((await resume(leadId, admin)).body.status).toBe('running');
  });
});

describe('enrolling a lead again after its run ended', () => {
  it('starts a new run of the sequence, and returns that run to a repeated enrolment', async () => {
    const leadId = await newLead();
    const first = await enrol(leadId, { sequenceId: 'builtin-cold' });
    await api.call('POST', `/leads/${leadId}/follow-up/stop`);

    const second = await enrol(leadId, { sequenceId: 'builtin-cold' });
    const repeated = await enrol(leadId, { sequenceId: 'builtin-cold' });

    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: 'running', sequence: { sequenceId: 'builtin-cold' } });
    expect(second.body.enrollmentId).not.toBe(first.body.enrollmentId);
    expect(repeated.status).toBe(200);
    expect(repeated.body.enrollmentId).toBe(second.body.enrollmentId);
    expect((await api.call('GET', `/leads/${leadId}/follow-up`)).body.enrollmentId).toBe(
      second.body.enrollmentId,
    );
    const runs = runsIn(api.tableName, inject('dynamoEndpoint'));
    await eventually(async () => (await runs.get(second.body.enrollmentId))?.pendingWake);
  });

  it('returns the paused run instead of starting another', async () => {
    const leadId = await newLead();
    const first = await enrol(leadId, { sequenceId: 'builtin-hot' });
    await api.call('POST', `/leads/${leadId}/follow-up/pause`);

    const again = await enrol(leadId, { sequenceId: 'builtin-hot' });

    expect(again).toMatchObject({
      status: 200,
      body: { enrollmentId: first.body.enrollmentId, status: 'paused' },
    });
  });
});

describe('the follow-up routes run as Lambda would, each with only the environment its access declares', () => {
  it('enrols, reads and stops a follow-up through isolated functions', async () => {
    const key = loadOrCreateDevKey(mkdtempSync(join(tmpdir(), 'lead-crm-key-')));
    const gateway = await startLocalGateway({
      routes: [
        routeTable.createLead,
        routeTable.enrolLead,
        routeTable.getFollowUp,
        routeTable.pauseFollowUp,
        routeTable.resumeFollowUp,
        routeTable.stopFollowUp,
      ],
      rootDir: repositoryRoot,
      verifier: createDevTokenVerifier(key),
      isolation: 'isolated',
      env: { ...process.env },
      onFunctionLog: () => undefined,
    });
    const headers = {
      authorization: `Bearer ${signDevToken(key, demoUsers[0] as (typeof demoUsers)[number])}`,
      'content-type': 'application/json',
    };
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${gateway.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Json };
    };
    try {
      const lead = await call('POST', '/leads', {
        name: 'Jordan Vale',
        phone: '+1 212 555 0199',
        source: 'website',
      });
      expect(lead.status).toBe(201);

      const enrolled = await call('POST', `/leads/${lead.body.leadId}/follow-up`, {});
      const status = await call('GET', `/leads/${lead.body.leadId}/follow-up`);
      const paused = await call('POST', `/leads/${lead.body.leadId}/follow-up/pause`);
      const resumed = await call('POST', `/leads/${lead.body.leadId}/follow-up/resume`);
      const stopped = await call('POST', `/leads/${lead.body.leadId}/follow-up/stop`);

      expect(enrolled.status).toBe(201);
      expect(paused).toMatchObject({ status: 200, body: { status: 'paused' } });
      expect(resumed).toMatchObject({ status: 200, body: { status: 'running' } });
      expect(status.body).toMatchObject({ enrollmentId: enrolled.body.enrollmentId, status: 'running' });
      expect(stopped).toMatchObject({ status: 200, body: { status: 'stopped' } });
    } finally {
      await gateway.close();
    }
  }, 120_000);
});
