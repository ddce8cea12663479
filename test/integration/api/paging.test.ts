import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent2, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('paging the lead list', () => {
  it('lists only the agent’s own leads, newest first, page by page with a cursor', async () => {
    const names = ['Lead A', 'Lead B', 'Lead C', 'Lead D', 'Lead E'];
    for (const name of names) await api.call('POST', '/leads', { body: { name } });
    await api.call('POST', '/leads', { as: agent2, body: { name: 'Not yours' } });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await api.call('GET', `/leads?limit=2${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((l: { name: string }) => l.name));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    expect(seen).toEqual([...names].reverse());
  });
});
