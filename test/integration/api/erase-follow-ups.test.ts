import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repositoryRoot } from '../../../lib/constructs/app-function';
import { createLocalDynamoDbClient } from '../../../lib/local/ensure-table';
import { type FollowUpEngine, startFollowUpEngine } from '../../../lib/local/workflow/follow-up-engine';
import { scanTable } from '../../helpers/dynamodb';
import { startTestApi, type TestApi } from '../../helpers/local-api';
import { eventually, runsIn } from '../../workflow/follow-up-engine';

let api: TestApi;
let engine: FollowUpEngine;

beforeAll(async () => {
  api = await startTestApi();
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

describe('DELETE /leads/{leadId} of a lead with follow-ups', () => {
  it('stops them, ends their executions and leaves no run, step result or schedule of the lead', async () => {
    const created = await api.call('POST', '/leads', {
      body: { name: 'Rowan Ashby', phone: '+1 212 555 0188', source: 'website' },
    });
    const leadId = created.body.leadId as string;
    const hot = await api.call('POST', `/leads/${leadId}/follow-up`, { body: { sequenceId: 'builtin-hot' } });
    const cold = await api.call('POST', `/leads/${leadId}/follow-up`, {
      body: { sequenceId: 'builtin-cold' },
    });
    await api.call('POST', `/leads/${leadId}/follow-up/pause`);
    const runs = runsIn(api.tableName, inject('dynamoEndpoint'));
    const enrollmentIds = [hot.body.enrollmentId as string, cold.body.enrollmentId as string];
    for (const id of enrollmentIds) await eventually(async () => (await runs.get(id))?.pendingWake);
    const at = new Date().toISOString();
    await runs.recordStepResult(enrollmentIds[0] as string, {
      stepIndex: 0,
      status: 'sent',
      channel: 'whatsapp',
      ranAt: at,
      updatedAt: at,
    });

    const erased = await api.call('DELETE', `/leads/${leadId}`);

    expect(erased.status).toBe(204);
    // Woken with the reason, each execution ends at once instead of waiting out its pause or step.
    await Promise.all(enrollmentIds.map((id) => engine.runner.settled(id)));
    const items = await scanTable(api.tableName);
    // The local Step Functions' execution records stand in for the cloud's execution history: ids only.
    const ofLead = items.filter(
      (item) => !String(item.__edb_e__).startsWith('local') && JSON.stringify(item).includes(leadId),
    );
    expect(ofLead).toEqual([]);
    for (const trace of ['Rowan', 'Ashby', '5550188', '555-0188']) {
      expect(JSON.stringify(items), trace).not.toContain(trace);
    }
    for (const id of enrollmentIds) expect(await runs.get(id)).toBeUndefined();
    const group = engine.environment.SCHEDULE_GROUP_NAME as string;
    for (const id of enrollmentIds) expect(await engine.scheduler.delete(group, `${id}-0`)).toBe('not_found');
    expect((await api.call('GET', `/leads/${leadId}/follow-up`)).status).toBe(404);
  });
});
