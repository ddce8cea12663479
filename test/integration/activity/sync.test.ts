import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../../lib/local/stream-poller';
import { startTestActivity } from '../../helpers/activity';
import { scanTable } from '../../helpers/dynamodb';
import { agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;
let activity: StreamPoller;

const newLead = (n: number) => ({
  name: `Sync Lead ${n}`,
  phone: `+1 212 555 01${String(n).padStart(2, '0')}`,
  source: 'website',
});

/** Pages through the agent's feed from a cursor to its end. */
const readAll = async (since: string | undefined, as = agent1, limit = 3) => {
  const changes: Json[] = [];
  let cursor = since;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor && { since: cursor }) });
    const page = await api.call('GET', `/sync?${query}`, { as });
    expect(page.status).toBe(200);
    changes.push(...page.body.changes);
    cursor = page.body.nextCursor;
    if (!page.body.hasMore) return { changes, cursor };
  }
};

describe('GET /sync', () => {
  beforeAll(async () => {
    api = await startTestApi();
    activity = await startTestActivity(api.tableName);
  }, 60_000);
  afterAll(async () => {
    await activity?.stop();
    await api?.close();
  });

  it('returns every change exactly once across pages, while writes go on between pages', async () => {
    const created: string[] = [];
    let cursor: string | undefined;
    const seen: Json[] = [];
    // Write, page a little, write more: the client's cursor moves while changes keep landing.
    for (let round = 0; round < 4; round++) {
      for (const i of [0, 1, 2]) {
        const write = await api.call('POST', '/leads', { body: newLead(round * 3 + i) });
        expect(write.status).toBe(201);
        created.push(write.body.leadId as string);
      }
      const page = await api.call('GET', `/sync?limit=2${cursor ? `&since=${cursor}` : ''}`);
      seen.push(...page.body.changes);
      cursor = page.body.nextCursor;
    }
    await activity.drained();
    const rest = await readAll(cursor);
    seen.push(...rest.changes);

    const positions = seen.map((c) => c.position as number);
    expect(positions).toEqual(positions.map((_, i) => i + 1));
    const leadIds = new Set(seen.filter((c) => c.kind === 'lead').map((c) => c.id));
    expect([...leadIds].sort()).toEqual([...created].sort());
    // Nothing of another agent's.
    expect(
      seen.every((c) => c.kind !== 'lead' || c.data === undefined || c.data.agentId === agent1.sub),
    ).toBe(true);
    // Caught up: the same cursor answers nothing new.
    const after = await api.call('GET', `/sync?since=${rest.cursor}`);
    expect(after.body).toMatchObject({ changes: [], nextCursor: rest.cursor, hasMore: false });
  }, 120_000);

  it('turns an erased lead into a tombstone with nothing personal in it', async () => {
    await activity.drained();
    const { cursor } = await readAll(undefined, agent1, 100);
    const lead = await api.call('POST', '/leads', {
      body: { name: 'Erin Erased', email: 'erin@example.com', source: 'website' },
    });
    await api.call('POST', `/leads/${lead.body.leadId}/notes`, { body: { text: 'Wants a garden' } });
    expect((await api.call('DELETE', `/leads/${lead.body.leadId}`)).status).toBe(204);
    await activity.drained();
    const { changes } = await readAll(cursor);
    const last = changes.filter((c) => c.kind === 'lead' && c.id === lead.body.leadId).at(-1);
    expect(last).toMatchObject({ op: 'delete', id: lead.body.leadId });
    expect(last.data).toBeUndefined();
    expect(JSON.stringify(changes)).not.toMatch(/Erin|erin@example|garden/);
    const feed = (await scanTable(api.tableName)).filter((i) => String(i.__edb_e__).startsWith('changeFeed'));
    expect(JSON.stringify(feed)).not.toMatch(/Erin|erin@example|garden/);
  }, 120_000);

  it('refuses a cursor it never gave, naming the field, and shows another agent none of it', async () => {
    const bad = await api.call('GET', '/sync?since=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'since' })]);
    const other = await readAll(undefined, agent2, 100);
    expect(other.changes).toEqual([]);
  });
});
