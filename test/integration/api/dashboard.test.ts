import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { createFollowUpRunRepository } from '../../../lambdas/adapters/dynamodb/follow-up-run-repository';
import { createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import type { DemoUser } from '../../../lib/local/demo-users';
import { laterToday } from '../../helpers/later-today';
import { admin, agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;
let crm: ReturnType<typeof createCrmService>;

beforeAll(async () => {
  api = await startTestApi();
  crm = createCrmService(
    createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }),
    api.tableName,
  );
  for (const user of [agent1, agent2, admin]) await api.call('GET', '/agents/me', { as: user });
});
afterAll(() => api.close());
afterEach(() => {
  vi.useRealTimers();
});

/** Moves only `Date` (the handlers run in this process). */
const setNow = (at: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
};

let phoneSuffix = 10;
const newLead = async (name: string, as: DemoUser = agent1, extra: Json = {}): Promise<Json> => {
  const phone = `+1 212 555 01${String(phoneSuffix++).padStart(2, '0')}`;
  const created = await api.call('POST', '/leads', { as, body: { name, phone, ...extra } });
  expect(created.status).toBe(201);
  return created.body;
};
const patchLead = async (lead: Json, body: Json, as: DemoUser = agent1) => {
  const current = (await api.call('GET', `/leads/${lead.leadId}`, { as })).body;
  return api.call('PATCH', `/leads/${lead.leadId}`, { as, body: { version: current.version, ...body } });
};
const dashboard = async (as: DemoUser = agent1, query = '') => {
  const res = await api.call('GET', `/leads/dashboard${query}`, { as });
  expect(res.status).toBe(200);
  return res.body;
};
const ids = (items: Json[]) => items.map((item: Json) => item.leadId);

describe('GET /leads/dashboard: lead buckets', () => {
  it('buckets open leads by temperature, highest score first, with counts and a cursor for the rest', async () => {
    const leads = [];
    for (const name of ['Ava Hill', 'Ben Cruz', 'Cleo Park', 'Dev Shah'])
      leads.push(await newLead(name, agent2));
    for (const lead of leads.slice(0, 3))
      expect((await patchLead(lead, { temperature: 'hot' }, agent2)).status).toBe(200);
    const closed = leads[2];
    expect((await patchLead(closed, { status: 'converted' }, agent2)).status).toBe(200);

    const board = await dashboard(agent2, '?limit=1');

    const hot = board.leads.hot;
    expect(hot.count).toBe(2);
    expect(hot.countAtLeast).toBe(false);
    expect(hot.items).toHaveLength(1);
    expect(hot.nextCursor).toEqual(expect.any(String));
    const more = await api.call(
      'GET',
      `/leads/dashboard/hot?limit=5&cursor=${encodeURIComponent(hot.nextCursor)}`,
      {
        as: agent2,
      },
    );
    expect(more.status).toBe(200);
    const all = [...hot.items, ...more.body.items];
    expect(ids(all).sort()).toEqual([leads[0].leadId, leads[1].leadId].sort());
    expect(all[0].score).toBeGreaterThanOrEqual(all[1].score);
    // The converted lead is no longer worked; the unmarked one sits in its score's bucket.
    expect(ids([...board.leads.warm.items, ...board.leads.cold.items])).toContain(leads[3].leadId);
    expect(JSON.stringify(board.leads)).not.toContain(closed.leadId);
  });

  it('keeps an agent-set temperature through a rescore until the agent releases it', async () => {
    const lead = await newLead('Eli Moss');
    const scoreTemperature = lead.temperature;
    const marked = scoreTemperature === 'hot' ? 'cold' : 'hot';
    expect((await patchLead(lead, { temperature: marked })).status).toBe(200);

    expect((await api.call('POST', `/leads/${lead.leadId}/score`)).status).toBe(200);
    const after = await dashboard();
    expect(ids(after.leads[marked].items)).toContain(lead.leadId);

    const released = await patchLead(lead, { temperature: null });
    expect(released.body.temperatureSetBy).toBe('score');
    const back = await dashboard();
    expect(ids(back.leads[marked].items)).not.toContain(lead.leadId);
    expect(ids(back.leads[released.body.temperature].items)).toContain(lead.leadId);
  });
});

describe('GET /leads/dashboard: today and overdue in the agent’s zone', () => {
  it('ends "today" at the agent’s midnight on a 25-hour daylight-saving day, and rolls over at midnight', async () => {
    const { version } = (await api.call('GET', '/agents/me', { as: admin })).body;
    await api.call('PATCH', '/agents/me', { as: admin, body: { version, timezone: 'America/New_York' } });
    setNow('2026-11-01T09:00:00Z');
    const lead = await newLead('Fay Lund', admin);
    const task = async (title: string, dueAt: string) => {
      const res = await api.call('POST', `/leads/${lead.leadId}/tasks`, {
        as: admin,
        body: { kind: 'reminder', dueAt, title },
      });
      expect(res.status).toBe(201);
    };
    await task('early', '2026-11-01T10:00:00Z'); // 06:00 EDT on Sunday 1 November
    await task('late evening', '2026-11-02T04:30:00Z'); // 23:30 EST, still 1 November: the day has 25 hours
    await task('after midnight', '2026-11-02T05:15:00Z'); // 00:15 EST on 2 November

    setNow('2026-11-01T12:00:00Z');
    const titles = (bucket: Json) => bucket.tasks.items.map((t: Json) => t.title);
    let board = await dashboard(admin);
    expect(board.today).toEqual({ start: '2026-11-01T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' });
    expect(titles(board.followUps.overdue)).toEqual(['early']);
    expect(titles(board.followUps.today)).toEqual(['late evening']);
    expect(board.followUps.today.tasks.count).toBe(1);
    expect(board.followUps.today.tasks.items[0].lead).toEqual({
      name: 'Fay Lund',
      temperature: lead.temperature,
    });

    setNow('2026-11-02T04:45:00Z'); // 23:45 on 1 November
    board = await dashboard(admin);
    expect(titles(board.followUps.today)).toEqual([]);
    expect(titles(board.followUps.overdue)).toEqual(['early', 'late evening']);

    setNow('2026-11-02T05:05:00Z'); // 00:05 on 2 November
    board = await dashboard(admin);
    expect(titles(board.followUps.today)).toEqual(['after midnight']);
    expect(board.followUps.overdue.tasks.count).toBe(2);
  });

  it('lists a running follow-up’s next step by its due time, moves it when the step runs, drops it when stopped', async () => {
    setNow('2026-12-10T15:00:00Z');
    const lead = await newLead('Gus Rey', agent2);
    const runs = createFollowUpRunRepository(crm);
    const step = (dueAt: string, channel: 'whatsapp' | 'email') => ({
      dueAt,
      timeZone: 'America/New_York',
      channel,
    });
    const enrollmentId = `${lead.leadId}-warm-1`;
    await runs.create(
      {
        enrollmentId,
        steps: [step('2026-12-10T14:00:00Z', 'whatsapp'), step('2026-12-10T20:00:00Z', 'email')],
        enrolment: {
          leadId: lead.leadId,
          agentId: agent2.sub,
          enrolledAt: '2026-12-10T13:00:00Z',
          sequence: {
            sequenceId: 'builtin-warm',
            version: 1,
            name: 'Warm lead',
            temperature: 'warm',
            steps: [],
          },
        },
      },
      new Date(),
    );
    const steps = async () => {
      const board = await dashboard(agent2);
      return {
        overdue: board.followUps.overdue.steps.items.filter((s: Json) => s.leadId === lead.leadId),
        today: board.followUps.today.steps.items.filter((s: Json) => s.leadId === lead.leadId),
      };
    };
    expect((await steps()).overdue).toMatchObject([
      {
        enrollmentId,
        stepIndex: 0,
        channel: 'whatsapp',
        dueAt: '2026-12-10T14:00:00Z',
        sequenceName: 'Warm lead',
      },
    ]);

    await runs.recordStepRan(enrollmentId, 0, new Date());
    const moved = await steps();
    expect(moved.overdue).toEqual([]);
    expect(moved.today).toMatchObject([{ stepIndex: 1, channel: 'email', lead: { name: 'Gus Rey' } }]);

    await runs.stop(enrollmentId, 'replied', new Date());
    expect(await steps()).toEqual({ overdue: [], today: [] });
  });
});

describe('one-tap actions redraw the dashboard', () => {
  it('schedules a call that shows today, completes it off the list, notes and closes the lead', async () => {
    const lead = await newLead('Ivy Chen', agent2);
    const inAnHour = await laterToday();
    const call = await api.call('POST', `/leads/${lead.leadId}/tasks`, {
      as: agent2,
      body: { kind: 'call', dueAt: inAnHour, title: 'Call Ivy about the condo' },
    });
    expect(call.status).toBe(201);
    const todays = async () =>
      (await dashboard(agent2, '?limit=50')).followUps.today.tasks.items.map((t: Json) => t.taskId);
    expect(await todays()).toContain(call.body.taskId);

    const done = await api.call('POST', `/tasks/${call.body.taskId}/complete`, {
      as: agent2,
      body: { result: 'answered', note: 'Wants a viewing on Friday' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', result: 'answered' });
    expect(await todays()).not.toContain(call.body.taskId);

    const note = await api.call('POST', `/leads/${lead.leadId}/notes`, {
      as: agent2,
      body: { text: 'Prefers mornings' },
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ type: 'note', text: 'Prefers mornings' });

    const closed = await patchLead(lead, { status: 'lost' }, agent2);
    expect(closed.body.status).toBe('lost');
    const board = await dashboard(agent2, '?limit=50');
    expect(JSON.stringify(board.leads)).not.toContain(lead.leadId);
  });

  it('answers another agent’s lead or task with 404 on every one-tap action, changing nothing', async () => {
    const lead = await newLead('Jon Bell', agent1);
    const task = await api.call('POST', `/leads/${lead.leadId}/tasks`, {
      body: { kind: 'reminder', dueAt: await laterToday() },
    });
    const as = agent2;
    const attempts = [
      api.call('POST', `/leads/${lead.leadId}/tasks`, { as, body: { kind: 'call', dueAt: task.body.dueAt } }),
      api.call('POST', `/tasks/${task.body.taskId}/complete`, { as, body: {} }),
      api.call('POST', `/leads/${lead.leadId}/notes`, { as, body: { text: 'x' } }),
      api.call('PATCH', `/leads/${lead.leadId}`, { as, body: { version: lead.version, temperature: 'hot' } }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(404);
    const after = (await api.call('GET', `/leads/${lead.leadId}`)).body;
    expect(after.version).toBe(lead.version);
    expect((await api.call('GET', `/leads/${lead.leadId}/timeline`)).body.items).toHaveLength(2);
  });
});

describe('GET /leads/dashboard: whose', () => {
  it('answers another agent’s id from an agent with 404, and gives an admin one agent or the team', async () => {
    const lead = await newLead('Hal Ito', agent1);
    expect((await patchLead(lead, { temperature: 'hot' })).status).toBe(200);

    const foreign = await api.call('GET', `/leads/dashboard?agentId=${agent1.sub}`, { as: agent2 });
    expect(foreign.status).toBe(404);
    expect((await api.call('GET', '/leads/dashboard?scope=team', { as: agent2 })).status).toBe(404);
    expect((await api.call('GET', `/leads/dashboard/hot?agentId=${agent1.sub}`, { as: agent2 })).status).toBe(
      404,
    );

    const one = await dashboard(admin, `?agentId=${agent1.sub}&limit=50`);
    expect(one.agentId).toBe(agent1.sub);
    expect(ids(one.leads.hot.items)).toContain(lead.leadId);
    const team = await dashboard(admin, '?scope=team&limit=50');
    expect(team.scope).toBe('team');
    const teamAgents = new Set(
      [...team.leads.hot.items, ...team.leads.warm.items, ...team.leads.cold.items].map(
        (l: Json) => l.agentId,
      ),
    );
    expect(teamAgents).toEqual(new Set([agent1.sub, agent2.sub, admin.sub]));
  });

  it('refuses bad input with a problem naming the field', async () => {
    for (const [path, field] of [
      ['/leads/dashboard?limit=0', 'limit'],
      ['/leads/dashboard?scope=everyone', 'scope'],
      ['/leads/dashboard?colour=red', 'colour'],
      ['/leads/dashboard/lukewarm', 'section'],
      ['/leads/dashboard/hot?cursor=not-a-cursor', 'cursor'],
    ] as const) {
      const res = await api.call('GET', path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(
        res.body.errors.map((e: Json) => e.field),
        path,
      ).toContain(field);
    }
  });
});
