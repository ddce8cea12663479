import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { createTaskRepository } from '../../../lambdas/adapters/dynamodb/task-repository';
import type { DemoUser } from '../../../lib/local/demo-users';
import { scanTable } from '../../helpers/dynamodb';
import { laterToday } from '../../helpers/later-today';
import { admin, agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  for (const user of [agent1, agent2, admin]) await api.call('GET', '/agents/me', { as: user });
});
afterAll(() => api.close());
afterEach(() => {
  vi.useRealTimers();
});

let phoneSuffix = 10;
const newLead = async (name: string, as: DemoUser = agent1): Promise<Json> => {
  const phone = `+1 212 555 01${String(phoneSuffix++).padStart(2, '0')}`;
  const created = await api.call('POST', '/leads', { as, body: { name, phone } });
  expect(created.status).toBe(201);
  return created.body;
};

const fieldsOf = (problem: Json): string[] => problem.errors.map((e: Json) => e.field);
const timelineOf = async (leadId: string): Promise<Json[]> =>
  (await api.call('GET', `/leads/${leadId}/timeline?limit=100`, { as: admin })).body.items;
const tasksOf = async (as: DemoUser, due: string, leadId?: string): Promise<Json[]> => {
  const page = await api.call('GET', `/tasks?due=${due}&limit=100`, { as });
  expect(page.status).toBe(200);
  return page.body.items.filter((task: Json) => leadId === undefined || task.leadId === leadId);
};
const taskItemCount = async () =>
  (await scanTable(api.tableName)).filter((item) => item.__edb_e__ === 'task').length;

/** Moves only `Date` (the handlers run in this process), so timers and sockets keep real time. */
const setNow = (at: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
};

const setTimeZone = async (user: DemoUser, timezone: string) => {
  const { version } = (await api.call('GET', '/agents/me', { as: user })).body;
  const updated = await api.call('PATCH', '/agents/me', { as: user, body: { version, timezone } });
  expect(updated.status).toBe(200);
};

describe('POST /leads/{leadId}/tasks', () => {
  it('schedules a call titled after the lead, shows it on the timeline and in the upcoming list', async () => {
    const lead = await newLead('Ana Sol');
    const dueAt = '2027-01-14T15:00:00+04:00';

    const created = await api.call('POST', `/leads/${lead.leadId}/tasks`, {
      body: { kind: 'call', dueAt, note: 'Ask about the parking space' },
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'call',
      title: 'Call Ana',
      note: 'Ask about the parking space',
      dueAt: '2027-01-14T11:00:00.000Z',
      status: 'open',
      leadId: lead.leadId,
      agentId: agent1.sub,
    });
    const timeline = await timelineOf(lead.leadId);
    expect(timeline.map((item) => item.text)).toContain('Scheduled: Call Ana');
    const upcoming = await tasksOf(agent1, 'upcoming', lead.leadId);
    expect(upcoming).toEqual([
      expect.objectContaining({
        taskId: created.body.taskId,
        lead: { name: 'Ana Sol', temperature: lead.temperature },
      }),
    ]);
  });

  it('titles a reminder "Follow up with" the first name unless given a title', async () => {
    const lead = await newLead('Bruno Ortega Vidal');
    const reminder = await api.call('POST', `/leads/${lead.leadId}/tasks`, {
      body: { kind: 'reminder', dueAt: await laterToday() },
    });
    const titled = await api.call('POST', `/leads/${lead.leadId}/tasks`, {
      body: { kind: 'reminder', dueAt: await laterToday(), title: 'Send Bruno the floor plans' },
    });

    expect(reminder.body.title).toBe('Follow up with Bruno');
    expect(titled.body.title).toBe('Send Bruno the floor plans');
  });

  it('creates one task for a replayed request with the same Idempotency-Key', async () => {
    const lead = await newLead('Carla Mendes');
    const request = {
      body: { kind: 'call', dueAt: await laterToday() },
      headers: { 'idempotency-key': 'app-task-create-0001' },
    };

    const first = await api.call('POST', `/leads/${lead.leadId}/tasks`, request);
    const replay = await api.call('POST', `/leads/${lead.leadId}/tasks`, request);

    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.body.taskId).toBe(first.body.taskId);
    expect(await tasksOf(agent1, 'today', lead.leadId)).toHaveLength(1);
  });

  it.each([
    ['a time in the past', { kind: 'call', dueAt: '2026-01-01T09:00:00Z' }, 'dueAt'],
    ['a time more than a year ahead', { kind: 'call', dueAt: '2099-01-01T09:00:00Z' }, 'dueAt'],
    ['a time without its offset', { kind: 'call', dueAt: '2027-01-14T15:00:00' }, 'dueAt'],
    ['an unknown kind', { kind: 'meeting', dueAt: '2027-01-14T15:00:00Z' }, 'kind'],
    ['an unknown field', { kind: 'call', dueAt: '2027-01-14T15:00:00Z', priority: 1 }, 'priority'],
  ])('refuses %s with a 400 naming the field and writes nothing', async (_case, body, field) => {
    const lead = await newLead('Dora Pratt');
    const before = await taskItemCount();

    const refused = await api.call('POST', `/leads/${lead.leadId}/tasks`, { body });

    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toEqual([field]);
    expect(await taskItemCount()).toBe(before);
    expect((await timelineOf(lead.leadId)).map((item) => item.text)).not.toContainEqual(
      expect.stringMatching(/^Scheduled/),
    );
  });

  it('allows a few minutes of slack into the past and up to a year ahead, and no further', async () => {
    const lead = await newLead('Dario Conti');
    setNow('2026-12-10T12:00:00.000Z');
    const at = async (dueAt: string) =>
      (await api.call('POST', `/leads/${lead.leadId}/tasks`, { body: { kind: 'reminder', dueAt } })).status;

    expect(await at('2026-12-10T11:56:00Z')).toBe(201);
    expect(await at('2026-12-10T11:54:00Z')).toBe(400);
    expect(await at('2027-12-10T12:00:00Z')).toBe(201);
    expect(await at('2027-12-10T12:01:00Z')).toBe(400);
  });

  it("answers 404 for another agent's lead and writes nothing; an admin may schedule on it", async () => {
    const lead = await newLead('Elena Voss');
    const before = await taskItemCount();

    const foreign = await api.call('POST', `/leads/${lead.leadId}/tasks`, {
      as: agent2,
      body: { kind: 'call', dueAt: await laterToday() },
    });
    expect(foreign.status).toBe(404);
    expect(await taskItemCount()).toBe(before);

    const byAdmin = await api.call('POST', `/leads/${lead.leadId}/tasks`, {
      as: admin,
      body: { kind: 'call', dueAt: await laterToday() },
    });
    expect(byAdmin.status).toBe(201);
    // The task is the lead owner's, on their list.
    expect(byAdmin.body.agentId).toBe(agent1.sub);
    expect(await tasksOf(agent1, 'today', lead.leadId)).toHaveLength(1);
  });
});

describe('POST /tasks/{taskId}/complete', () => {
  const scheduleCall = async (leadId: string) =>
    (await api.call('POST', `/leads/${leadId}/tasks`, { body: { kind: 'call', dueAt: await laterToday() } }))
      .body;

  it('records the call on the timeline and the lead, drops the task from the list, and keeps the first result', async () => {
    const lead = await newLead('Farid Haddad');
    const task = await scheduleCall(lead.leadId);

    const done = await api.call('POST', `/tasks/${task.taskId}/complete`, {
      body: { result: 'not_answered', note: 'Rang twice' },
    });
    const again = await api.call('POST', `/tasks/${task.taskId}/complete`, { body: { result: 'answered' } });

    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', result: 'not_answered', taskId: task.taskId });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      status: 'done',
      result: 'not_answered',
      completedAt: done.body.completedAt,
    });
    const calls = (await timelineOf(lead.leadId)).filter((item) => item.type === 'call');
    expect(calls).toEqual([
      expect.objectContaining({
        direction: 'outbound',
        text: 'Call not answered: Rang twice',
        metadata: { taskId: task.taskId, result: 'not_answered' },
      }),
    ]);
    const stored = (await api.call('GET', `/leads/${lead.leadId}`)).body;
    expect(stored.lastInteractionAt).toBe(done.body.completedAt);
    expect(await tasksOf(agent1, 'today', lead.leadId)).toEqual([]);
  });

  it("marks the lead's phone undeliverable when the number was wrong", async () => {
    const lead = await newLead('Greta Lind');
    const task = await scheduleCall(lead.leadId);

    const done = await api.call('POST', `/tasks/${task.taskId}/complete`, {
      body: { result: 'wrong_number' },
    });

    expect(done.status).toBe(200);
    expect((await api.call('GET', `/leads/${lead.leadId}`)).body.phoneStatus).toBe('invalid');
    const refused = await api.call('POST', `/leads/${lead.leadId}/whatsapp`, {
      body: { text: 'Hello Greta' },
    });
    expect(refused.status).toBe(422);
  });

  it('completes a reminder without a result, with a line on the timeline', async () => {
    const lead = await newLead('Hugo Brandt');
    const reminder = (
      await api.call('POST', `/leads/${lead.leadId}/tasks`, {
        body: { kind: 'reminder', dueAt: await laterToday() },
      })
    ).body;

    const done = await api.call('POST', `/tasks/${reminder.taskId}/complete`, {
      body: { note: 'Sent the brochure' },
    });

    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done' });
    expect(done.body.result).toBeUndefined();
    expect((await timelineOf(lead.leadId)).map((item) => item.text)).toContain(
      'Done: Follow up with Hugo. Sent the brochure',
    );
  });

  it('refuses a call without a result and a reminder with one, naming result, and changes nothing', async () => {
    const lead = await newLead('Ines Carvalho');
    const call = await scheduleCall(lead.leadId);
    const reminder = (
      await api.call('POST', `/leads/${lead.leadId}/tasks`, {
        body: { kind: 'reminder', dueAt: await laterToday() },
      })
    ).body;

    const noResult = await api.call('POST', `/tasks/${call.taskId}/complete`, { body: {} });
    const withResult = await api.call('POST', `/tasks/${reminder.taskId}/complete`, {
      body: { result: 'answered' },
    });
    const unknown = await api.call('POST', `/tasks/${call.taskId}/complete`, { body: { result: 'maybe' } });

    expect([noResult.status, withResult.status, unknown.status]).toEqual([400, 400, 400]);
    expect([fieldsOf(noResult.body), fieldsOf(withResult.body), fieldsOf(unknown.body)]).toEqual([
      ['result'],
      ['result'],
      ['result'],
    ]);
    expect((await tasksOf(agent1, 'today', lead.leadId)).map((task) => task.status)).toEqual([
      'open',
      'open',
    ]);
    expect((await timelineOf(lead.leadId)).filter((item) => item.type === 'call')).toEqual([]);
  });

  it("answers 404 for another agent's task and for a missing one; an admin may complete it", async () => {
    const lead = await newLead('Jonas Berg');
    const task = await scheduleCall(lead.leadId);

    const foreign = await api.call('POST', `/tasks/${task.taskId}/complete`, {
      as: agent2,
      body: { result: 'answered' },
    });
    const missing = await api.call('POST', '/tasks/01JD7Q3M2Y9V1X8K4T6R5W0ZAB/complete', {
      body: { result: 'answered' },
    });
    expect([foreign.status, missing.status]).toEqual([404, 404]);
    expect(await tasksOf(agent1, 'today', lead.leadId)).toHaveLength(1);

    const byAdmin = await api.call('POST', `/tasks/${task.taskId}/complete`, {
      as: admin,
      body: { result: 'answered' },
    });
    expect(byAdmin.body).toMatchObject({ status: 'done', result: 'answered' });
  });

  it("accepts a follow-up step's task id and refuses anything else naming taskId", async () => {
    const lead = await newLead('Kira Nakamura');
    const crm = createCrmService(
      createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }),
      api.tableName,
    );
    const enrollmentId = `${lead.leadId}_hot`;
    const now = new Date().toISOString();
    await createTaskRepository(crm).create({
      taskId: `${enrollmentId}-2`,
      leadId: lead.leadId,
      agentId: agent1.sub,
      brokerageId: agent1.brokerageId,
      kind: 'call',
      title: 'Call Kira',
      dueAt: now,
      status: 'open',
      followUp: { enrollmentId, stepIndex: 2 },
      createdAt: now,
      updatedAt: now,
    });

    const done = await api.call('POST', `/tasks/${enrollmentId}-2/complete`, {
      body: { result: 'voicemail' },
    });
    const notAnId = await api.call('POST', '/tasks/not%20a%20task/complete', {
      body: { result: 'answered' },
    });
    const noStep = await api.call('POST', `/tasks/${enrollmentId}/complete`, {
      body: { result: 'answered' },
    });

    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ result: 'voicemail', followUp: { enrollmentId, stepIndex: 2 } });
    expect([notAnId.status, noStep.status]).toEqual([400, 400]);
    expect(fieldsOf(notAnId.body)).toEqual(['taskId']);
    expect(fieldsOf(noStep.body)).toEqual(['taskId']);
  });
});

describe('GET /tasks', () => {
  const schedule = async (leadId: string, dueAt: string, as: DemoUser = agent2) => {
    const created = await api.call('POST', `/leads/${leadId}/tasks`, { as, body: { kind: 'call', dueAt } });
    expect(created.status).toBe(201);
    return created.body.dueAt as string;
  };
  const dueTimes = async (due: string, leadId: string) =>
    (await tasksOf(agent2, due, leadId)).map((task) => task.dueAt);

  it('reads today as the calendar day in Dubai, when Dubai is a day ahead of UTC', async () => {
    await setTimeZone(agent2, 'Asia/Dubai');
    const lead = await newLead('Layla Nasser', agent2);
    setNow('2026-12-02T19:00:00.000Z');
    const lateOnSecond = await schedule(lead.leadId, '2026-12-02T23:30:00+04:00');
    const earlyOnThird = await schedule(lead.leadId, '2026-12-03T00:30:00+04:00');
    const lateOnThird = await schedule(lead.leadId, '2026-12-03T23:30:00+04:00');
    const earlyOnFourth = await schedule(lead.leadId, '2026-12-04T00:30:00+04:00');

    // 01:30 on 3 December in Dubai, 21:30 on 2 December in UTC.
    setNow('2026-12-02T21:30:00.000Z');

    expect(await dueTimes('today', lead.leadId)).toEqual([earlyOnThird, lateOnThird]);
    expect(await dueTimes('overdue', lead.leadId)).toEqual([lateOnSecond, earlyOnThird]);
    expect(await dueTimes('upcoming', lead.leadId)).toEqual([earlyOnFourth]);
  });

  it('reads today as the calendar day in Los Angeles, when UTC is already a day ahead', async () => {
    await setTimeZone(agent2, 'America/Los_Angeles');
    const lead = await newLead('Marco Reyes', agent2);
    setNow('2026-12-02T15:00:00.000Z');
    const morning = await schedule(lead.leadId, '2026-12-02T08:00:00-08:00');
    const lateEvening = await schedule(lead.leadId, '2026-12-02T23:30:00-08:00');
    const tomorrow = await schedule(lead.leadId, '2026-12-03T00:30:00-08:00');

    // 21:00 on 2 December in Los Angeles, 05:00 on 3 December in UTC.
    setNow('2026-12-03T05:00:00.000Z');

    expect(await dueTimes('today', lead.leadId)).toEqual([morning, lateEvening]);
    expect(await dueTimes('overdue', lead.leadId)).toEqual([morning]);
    expect(await dueTimes('upcoming', lead.leadId)).toEqual([tomorrow]);
  });

  it('ends today at local midnight on the day the clocks spring forward (a 23-hour day)', async () => {
    await setTimeZone(agent2, 'America/Los_Angeles');
    const lead = await newLead('Nora Quinn', agent2);
    setNow('2026-03-08T09:00:00.000Z');
    const beforeChange = await schedule(lead.leadId, '2026-03-08T01:30:00-08:00');
    const lastHalfHour = await schedule(lead.leadId, '2026-03-08T23:30:00-07:00');
    // A 24-hour window from midnight would take this one in.
    const nextDay = await schedule(lead.leadId, '2026-03-09T00:30:00-07:00');

    setNow('2026-03-08T20:00:00.000Z');

    expect(await dueTimes('today', lead.leadId)).toEqual([beforeChange, lastHalfHour]);
    expect(await dueTimes('upcoming', lead.leadId)).toEqual([nextDay]);
  });

  it('pages soonest first with a cursor', async () => {
    const lead = await newLead('Olga Petrov');
    const base = Date.now();
    const dueTimesSet = [4, 2, 3].map((days) => new Date(base + days * 86_400_000).toISOString());
    for (const dueAt of dueTimesSet) await schedule(lead.leadId, dueAt, agent1);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/tasks?due=upcoming&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await api.call('GET', query);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.filter((t: Json) => t.leadId === lead.leadId).map((t: Json) => t.dueAt));
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(seen).toEqual([...dueTimesSet].sort());
  });

  it("lets an admin read one agent's list, and answers 404 to an agent naming another", async () => {
    const lead = await newLead('Pablo Ruiz');
    const task = await schedule(lead.leadId, await laterToday(), agent1);

    const byAdmin = await api.call('GET', `/tasks?due=today&agentId=${agent1.sub}&limit=100`, { as: admin });
    const byOther = await api.call('GET', `/tasks?due=today&agentId=${agent1.sub}`, { as: agent2 });

    expect(byAdmin.body.items.map((t: Json) => t.dueAt)).toContain(task);
    expect(byOther.status).toBe(404);
  });

  it('refuses an unknown window naming due', async () => {
    const refused = await api.call('GET', '/tasks?due=tomorrow');
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toEqual(['due']);
  });
});
