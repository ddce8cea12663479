import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, agent1, type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import { seedDemoAsNpmStart } from '../../helpers/seed-demo';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  expect((await seedDemoAsNpmStart()).seeded).toBe(true);
}, 120_000);
afterAll(() => api.close());

describe('the demo seed', () => {
  it('gives the first agent a dashboard with leads in buckets, overdue and due-today calls, and listings', async () => {
    const board = (await api.call('GET', '/leads/dashboard', { as: agent1 })).body;
    const leads = [...board.leads.hot.items, ...board.leads.warm.items, ...board.leads.cold.items];
    expect(leads.length).toBeGreaterThan(5);
    expect(board.leads.hot.items.map((l: Json) => l.name)).toContain('Omar Haddad');
    expect(board.followUps.overdue.tasks.items.map((t: Json) => t.title)).toContain('Call Omar back');
    expect(board.followUps.today.tasks.count + board.followUps.overdue.tasks.count).toBeGreaterThanOrEqual(3);

    const listings = (await api.call('GET', '/listings?limit=100', { as: admin })).body.items;
    expect(listings).toHaveLength(6);
    expect(listings.map((l: Json) => l.status)).toEqual(
      expect.arrayContaining(['active', 'under_offer', 'sold']),
    );
  });
});
