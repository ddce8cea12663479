import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { agent1, type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import { seedDemoAsNpmStart } from '../../helpers/seed-demo';

let api: TestApi;
/** 23:30 in New York, the demo agents' zone: half an hour of the agent's day is left. */
const lateEvening = new Date('2026-12-03T04:30:00.000Z');
const midnightInNewYork = Date.parse('2026-12-03T05:00:00.000Z');

beforeAll(async () => {
  // Only `Date` moves (the handlers run in this process), so timers and sockets keep real time.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(lateEvening);
  api = await startTestApi();
  expect((await seedDemoAsNpmStart()).seeded).toBe(true);
}, 120_000);
afterAll(async () => {
  vi.useRealTimers();
  await api?.close();
});

describe('the demo seed started late in the agent’s evening', () => {
  it('still shows the calls and reminders due later today under today, before midnight', async () => {
    const board = (await api.call('GET', '/leads/dashboard', { as: agent1 })).body;
    const today: Json[] = board.followUps.today.tasks.items;

    expect(today.map((task) => task.title)).toEqual(
      expect.arrayContaining([
        'Call Layla about the Albert Road viewing',
        'Confirm Saturday viewing with Dana',
      ]),
    );
    for (const task of today) {
      const due = Date.parse(task.dueAt);
      expect(due).toBeGreaterThan(lateEvening.getTime());
      expect(due).toBeLessThan(midnightInNewYork);
    }
    expect(board.followUps.overdue.tasks.items.map((task: Json) => task.title)).toContain('Call Omar back');
  });
});
