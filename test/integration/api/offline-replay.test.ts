import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTable } from '../../helpers/dynamodb';
import { type ApiResponse, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

interface Queued {
  method: 'POST' | 'PATCH';
  /** The path and body, given what earlier answers said (the app fills in ids as answers come back). */
  path: (answers: ApiResponse[]) => string;
  body: (answers: ApiResponse[]) => unknown;
  key: string;
}

const tomorrow = new Date(Date.now() + 86_400_000).toISOString();

/** What an agent did on a train with no signal, in order, as the app queues it. */
const offlineQueue: Queued[] = [
  {
    method: 'POST',
    path: () => '/leads',
    body: () => ({ name: 'Noor Haddad', phone: '+1 212 555 0171', message: 'Met at the open house' }),
    key: 'offline-0001-create',
  },
  {
    method: 'POST',
    path: ([lead]) => `/leads/${lead?.body.leadId}/notes`,
    body: () => ({ text: 'Wants a garden, budget around 650k' }),
    key: 'offline-0002-note',
  },
  {
    method: 'POST',
    path: ([lead]) => `/leads/${lead?.body.leadId}/tasks`,
    body: () => ({ kind: 'call', dueAt: tomorrow, title: 'Call Noor about the Elm Street viewing' }),
    key: 'offline-0003-task',
  },
  {
    method: 'PATCH',
    path: ([lead]) => `/leads/${lead?.body.leadId}`,
    body: ([lead]) => ({ version: lead?.body.version, status: 'contacted', temperature: 'hot' }),
    key: 'offline-0004-status',
  },
  {
    method: 'POST',
    path: ([, , task]) => `/tasks/${task?.body.taskId}/complete`,
    body: () => ({ result: 'answered', note: 'Booked Saturday 10:00' }),
    key: 'offline-0005-complete',
  },
];

const replay = async (): Promise<ApiResponse[]> => {
  const answers: ApiResponse[] = [];
  for (const action of offlineQueue) {
    answers.push(
      await api.call(action.method, action.path(answers), {
        body: action.body(answers),
        headers: { 'idempotency-key': action.key },
      }),
    );
  }
  return answers;
};

const stateOf = async (leadId: string) => ({
  lead: (await api.call('GET', `/leads/${leadId}`)).body,
  timeline: (await api.call('GET', `/leads/${leadId}/timeline?limit=100`)).body.items,
  tasks: (await api.call('GET', '/tasks?due=upcoming')).body,
  items: (await scanTable(api.tableName)).length,
});

describe('an offline queue replayed when the signal comes back', () => {
  it('leaves the same state replayed twice as once, every answer the same or a harmless refusal', async () => {
    const once = await replay();
    expect(once.map((answer) => answer.status)).toEqual([201, 201, 201, 200, 200]);
    const leadId = once[0]?.body.leadId as string;
    const afterOnce = await stateOf(leadId);

    const twice = await replay();
    const afterTwice = await stateOf(leadId);

    expect(afterTwice).toEqual(afterOnce);
    // Each POST answers as it did the first time; the PATCH, guarded by the version it was queued with,
    // is refused as stale instead of applied again.
    expect(twice.map((answer) => answer.status)).toEqual([201, 201, 201, 409, 200]);
    expect(twice[0]?.body.leadId).toBe(leadId);
    expect(twice[2]?.body.taskId).toBe(once[2]?.body.taskId);
    expect(afterOnce.lead).toMatchObject({ status: 'contacted', temperature: 'hot' });
    expect(afterOnce.timeline.filter((entry: { type: string }) => entry.type === 'note')).toHaveLength(1);
  });
});
