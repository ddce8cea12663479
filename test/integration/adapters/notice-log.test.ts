import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNoticeLog } from '../../../lambdas/adapters/dynamodb/notice-log';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import type { NoticeLog } from '../../../lambdas/ports/push';
import { scanTable } from '../../helpers/dynamodb';
import { createRecordedTable } from '../../helpers/recorded-table';

const NOW = new Date('2026-11-25T12:00:00.000Z');
let documents: DynamoDBDocumentClient;
let service: CrmService;
let tableName: string;
let notices: NoticeLog;
let failNextPut: Error | undefined;

beforeAll(async () => {
  const table = await createRecordedTable();
  ({ documents, tableName, service } = table);
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      const failing = failNextPut;
      if (!failing || context.commandName !== 'PutItemCommand') return next(args);
      failNextPut = undefined;
      throw failing;
    },
    { step: 'initialize', name: 'failNextPut' },
  );
  service = table.service;
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  notices = createNoticeLog(service, () => NOW);
});

describe('notice log (DynamoDB Local)', () => {
  it('gives a notice key once, noting when and until when', async () => {
    expect(await notices.claim('task-due:task-1:2026-11-25', 86_400)).toBe(true);
    expect(await notices.claim('task-due:task-1:2026-11-25', 86_400)).toBe(false);
    expect(await notices.claim('task-due:task-2:2026-11-25', 86_400)).toBe(true);

    const [item] = (await scanTable(tableName)).filter(
      (stored) => stored.key === 'task-due:task-1:2026-11-25',
    );
    expect(item).toMatchObject({
      scope: 'push-notice',
      createdAt: NOW.toISOString(),
      expiresAt: NOW.getTime() / 1000 + 86_400,
    });
  });

  it('notes the time of the system clock unless given one', async () => {
    const before = Date.now();

    expect(await createNoticeLog(service).claim('task-due:task-4:2026-11-25', 60)).toBe(true);

    const [item] = (await scanTable(tableName)).filter(
      (stored) => stored.key === 'task-due:task-4:2026-11-25',
    );
    expect(Date.parse(String(item?.createdAt))).toBeGreaterThanOrEqual(before);
    expect(Date.parse(String(item?.createdAt))).toBeLessThanOrEqual(Date.now());
  });

  it('passes on a failure that is not a refusal, so the notice is tried again', async () => {
    failNextPut = Object.assign(new Error('Throughput exceeded'), {
      name: 'ProvisionedThroughputExceededException',
    });

    await expect(notices.claim('task-due:task-3:2026-11-25', 60)).rejects.toThrow('Throughput exceeded');
    expect(await notices.claim('task-due:task-3:2026-11-25', 60)).toBe(true);
  });
});
