import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { createFileOutbox } from '../../../lambdas/adapters/whatsapp/file-outbox';
import { deviceIdOf } from '../../../lambdas/domain/notifications/register-device';
import type { PushOutboxEntry } from '../../../lambdas/ports/outbox';
import type { DemoUser } from '../../../lib/local/demo-users';
import { scanTable } from '../../helpers/dynamodb';
import { agent1, agent2, startTestApi, type TestApi } from '../../helpers/local-api';

type JobHandler = (event: ScheduledEvent, context: Context) => Promise<{ notified: number }>;

const sandboxDir = mkdtempSync(join(tmpdir(), 'lead-crm-devices-'));
const outbox = createFileOutbox(sandboxDir);
const TOKEN = '7c41e0b9a2d35f68c1e047b9a3d2f5e81c40b7a9d3e25f6c8b1a0e4d7f2c9b36';
const OLD_TOKEN = '2e9d4b7a1c3f58e06d2a9c4b7e1f3a5d8c0b6e2f4a9d1c7e3b5f0a8d6c2e4b19';
let api: TestApi;
let notifyDueTasks: () => Promise<{ notified: number }>;

beforeAll(async () => {
  api = await startTestApi({ SANDBOX_DIR: sandboxDir });
  for (const user of [agent1, agent2]) await api.call('GET', '/agents/me', { as: user });
  // The scheduled job that pushes due tasks, as `npm start` runs it on its interval.
  const { handler } = (await import('../../../lambdas/handlers/scheduled/notify-due-tasks')) as unknown as {
    handler: JobHandler;
  };
  notifyDueTasks = () => handler({} as ScheduledEvent, {} as Context);
});
afterAll(() => api.close());
afterEach(() => {
  vi.useRealTimers();
});

/** Moves only `Date` (the handlers run in this process), so timers and sockets keep real time. */
const setNow = (at: Date) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
};

const registerPhone = async (as: DemoUser, token = TOKEN) => {
  const registered = await api.call('POST', '/agents/me/devices', { as, body: { platform: 'ios', token } });
  expect(registered.status).toBe(201);
  expect(registered.body.deviceId).toBe(deviceIdOf(token));
};

/** A phone's record as registration wrote it before devices were found by id: no gsi1 entry. */
const keepRecordFromBefore = async (as: DemoUser, token: string) => {
  const documents = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  const crm = createCrmService(documents, api.tableName);
  const device = {
    agentId: as.sub,
    deviceId: deviceIdOf(token),
    platform: 'ios' as const,
    token,
    registeredAt: new Date(Date.now() - 86_400_000).toISOString(),
  };
  const { Item, TableName } = crm.entities.device
    .put(device)
    .params<{ Item: Record<string, unknown>; TableName: string }>();
  const { gsi1pk: _pk, gsi1sk: _sk, ...before } = Item;
  await documents.send(new PutCommand({ TableName, Item: before }));
};

let phoneSuffix = 40;
/** A task of the agent's that falls due within the hour; returns its id. */
const taskDueSoon = async (as: DemoUser): Promise<string> => {
  const phone = `+1 212 555 01${String(phoneSuffix++).padStart(2, '0')}`;
  const lead = await api.call('POST', '/leads', { as, body: { name: 'Rosa Park', phone } });
  expect(lead.status).toBe(201);
  const task = await api.call('POST', `/leads/${lead.body.leadId}/tasks`, {
    as,
    body: { kind: 'call', dueAt: new Date(Date.now() + 60_000).toISOString() },
  });
  expect(task.status).toBe(201);
  return task.body.taskId;
};

/** Runs the due-task job a little after the tasks fell due; what reached the phone, oldest first. */
const pushedToPhoneAfterDue = async (token = TOKEN): Promise<PushOutboxEntry[]> => {
  setNow(new Date(Date.now() + 2 * 60_000));
  await notifyDueTasks();
  vi.useRealTimers();
  return (await outbox.list()).filter(
    (entry): entry is PushOutboxEntry => entry.channel === 'push' && entry.deviceId === deviceIdOf(token),
  );
};

const deviceRecords = async () =>
  (await scanTable(api.tableName)).filter((item) => item.__edb_e__ === 'device');

describe('a phone handed from one agent to another (POST /agents/me/devices)', () => {
  it("carries only the new agent's notices, and signing the old agent out keeps it reachable", async () => {
    await registerPhone(agent1);
    await registerPhone(agent2);
    await registerPhone(agent2);

    expect((await deviceRecords()).map((item) => item.agentId)).toEqual([agent2.sub]);

    const agent1Task = await taskDueSoon(agent1);
    const agent2Task = await taskDueSoon(agent2);
    const pushed = await pushedToPhoneAfterDue();

    expect(pushed.map((entry) => entry.data.taskId)).toEqual([agent2Task]);
    expect(pushed.map((entry) => entry.data.taskId)).not.toContain(agent1Task);
    expect(pushed[0]).toMatchObject({ agentId: agent2.sub, title: 'A call is due' });

    const signedOut = await api.call('DELETE', `/agents/me/devices/${deviceIdOf(TOKEN)}`, { as: agent1 });
    expect(signedOut.status).toBe(204);
    const laterTask = await taskDueSoon(agent2);
    const pushedLater = await pushedToPhoneAfterDue();

    expect(pushedLater.map((entry) => entry.data.taskId)).toEqual([agent2Task, laterTask]);
    expect((await deviceRecords()).map((item) => item.agentId)).toEqual([agent2.sub]);
  });

  it("skips the old agent's record kept from before phones were found by id, once the new agent registers", async () => {
    await keepRecordFromBefore(agent1, OLD_TOKEN);
    await registerPhone(agent2, OLD_TOKEN);

    const agent1Task = await taskDueSoon(agent1);
    const agent2Task = await taskDueSoon(agent2);
    const pushed = await pushedToPhoneAfterDue(OLD_TOKEN);

    expect(pushed.map((entry) => entry.data.taskId)).toEqual([agent2Task]);
    expect(pushed.map((entry) => entry.data.taskId)).not.toContain(agent1Task);
    const records = (await deviceRecords()).filter((item) => item.deviceId === deviceIdOf(OLD_TOKEN));
    expect(records.map((item) => item.agentId)).toEqual([agent2.sub]);
  });
});
