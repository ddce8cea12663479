import { createHash } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPendingStatusStore } from '../../../lambdas/adapters/dynamodb/pending-status-store';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import { fixedClock } from '../../../lambdas/ports/clock';
import type { PendingStatusStore } from '../../../lambdas/ports/pending-statuses';
import { scanTable } from '../../helpers/dynamodb';
import { createRecordedTable, type SentCommand, sentOf } from '../../helpers/recorded-table';

const clock = fixedClock('2026-11-25T12:00:00.000Z');
const NOW_SECONDS = Date.parse('2026-11-25T12:00:00.000Z') / 1000;
let store: PendingStatusStore;
let tableName: string;
let sent: SentCommand[];

let service: CrmService;

beforeAll(async () => {
  const table = await createRecordedTable();
  ({ tableName, sent } = table);
  service = table.service;
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  store = createPendingStatusStore(service, clock);
});

// A wamid embeds the recipient's number in base64 (here 12125550142).
const wamidFor = (n: number) => `wamid.HBgLMTIxMjU1NTAxNDIVAgARGBI${n}`;
const failure = { code: 131026, title: 'Message undeliverable', message: 'Receiver is incapable' };

describe('pending status store (DynamoDB Local)', () => {
  it('keeps a status under the hash of its wamid, expiring ttlSeconds from now, with no error unless given', async () => {
    const wamid = wamidFor(1);
    await store.keep({ wamid, status: 'sent', at: '2026-11-25T11:59:58.000Z' }, 600);

    const items = (await scanTable(tableName)).filter((item) => item.wamidHash !== undefined);
    const hash = createHash('sha256').update(wamid).digest('base64url');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ wamidHash: hash, status: 'sent', expiresAt: NOW_SECONDS + 600 });
    expect(items[0]).not.toHaveProperty('error');
    expect(JSON.stringify(items)).not.toContain('MTIxMjU1NTAxNDI');
  });

  it('gives back each kept status of a message with its error, and nothing of other messages', async () => {
    const wamid = wamidFor(2);
    await store.keep({ wamid, status: 'delivered', at: '2026-11-25T11:59:00.000Z' }, 600);
    await store.keep({ wamid, status: 'failed', at: '2026-11-25T11:59:30.000Z', error: failure }, 600);
    await store.keep({ wamid: wamidFor(3), status: 'read', at: '2026-11-25T11:59:40.000Z' }, 600);

    expect(await store.listFor(wamid)).toStrictEqual([
      { wamid, status: 'delivered', at: '2026-11-25T11:59:00.000Z' },
      { wamid, status: 'failed', at: '2026-11-25T11:59:30.000Z', error: failure },
    ]);
  });

  it('reads consistently: a status kept a moment ago must be seen by the send landing now', async () => {
    const from = sent.length;
    await store.listFor(wamidFor(4));

    const [query] = sentOf(sent, 'QueryCommand', from);
    expect(query?.input.ConsistentRead).toBe(true);
  });

  it('stops giving a status back at the second it expires, before TTL has removed it', async () => {
    const wamid = wamidFor(5);
    const start = clock.now();
    await store.keep({ wamid, status: 'read', at: '2026-11-25T11:59:00.000Z' }, 60);

    clock.advance(59_999);
    expect((await store.listFor(wamid)).map((s) => s.status)).toEqual(['read']);
    clock.advance(1);
    expect(await store.listFor(wamid)).toStrictEqual([]);
    clock.set(start);
  });

  it('removes only the statuses named, and an empty list sends nothing', async () => {
    const wamid = wamidFor(6);
    await store.keep({ wamid, status: 'sent', at: '2026-11-25T11:59:00.000Z' }, 600);
    await store.keep({ wamid, status: 'delivered', at: '2026-11-25T11:59:01.000Z' }, 600);
    await store.keep({ wamid, status: 'read', at: '2026-11-25T11:59:02.000Z' }, 600);

    await store.remove(wamid, ['sent', 'read']);
    expect((await store.listFor(wamid)).map((s) => s.status)).toEqual(['delivered']);

    const from = sent.length;
    await store.remove(wamid, []);
    expect(sent.slice(from)).toEqual([]);
    expect((await store.listFor(wamid)).map((s) => s.status)).toEqual(['delivered']);
  });
});
