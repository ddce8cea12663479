import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createParkedLeadgenStore } from '../../../lambdas/adapters/dynamodb/parked-leadgen-store';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import type { ParkedLead, ParkedLeadgenStore } from '../../../lambdas/ports/parked-leadgens';
import { freshOwner } from '../../contracts/world';
import { scanTable } from '../../helpers/dynamodb';
import { createRecordedTable } from '../../helpers/recorded-table';

let documents: DynamoDBDocumentClient;
let tableName: string;
let parked: ParkedLeadgenStore;
let failNext: { command: string; error: Error } | undefined;

let service: CrmService;

beforeAll(async () => {
  const table = await createRecordedTable();
  ({ documents, tableName } = table);
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      const failing = failNext;
      if (!failing || failing.command !== context.commandName) return next(args);
      failNext = undefined;
      throw failing.error;
    },
    { step: 'initialize', name: 'failNext' },
  );
  service = table.service;
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  parked = createParkedLeadgenStore(service);
});

afterEach(() => {
  failNext = undefined;
});

const throttled = () =>
  Object.assign(new Error('Throughput exceeded'), { name: 'ProvisionedThroughputExceededException' });

const aForm = (leadgenId: string, parkedAt: string, extra: Partial<ParkedLead> = {}): ParkedLead => ({
  leadgenId,
  pageId: 'page-1',
  formId: 'form-1',
  createdTime: '2026-11-25T11:00:00.000Z',
  code: 190,
  reason: 'Error validating access token',
  attempts: 1,
  parkedAt,
  lastAttemptAt: parkedAt,
  ...extra,
});

describe('parked Lead Ads forms (DynamoDB Local)', () => {
  it('parks a form once, keeping the first, and lists the brokerage’s forms oldest first', async () => {
    const { brokerageId } = freshOwner();
    const later = aForm('leadgen-1', '2026-11-25T12:05:00.000Z', { adId: 'ad-1', adgroupId: 'adgroup-1' });
    const earlier = aForm('leadgen-2', '2026-11-25T12:00:00.000Z');

    expect(await parked.park(brokerageId, later)).toBe(true);
    expect(await parked.park(brokerageId, earlier)).toBe(true);
    expect(await parked.park(brokerageId, { ...later, reason: 'again', attempts: 5 })).toBe(false);
    await parked.park(freshOwner().brokerageId, aForm('leadgen-3', '2026-11-25T11:00:00.000Z'));

    expect(await parked.list(brokerageId)).toEqual([earlier, later]);
  });

  it('counts each failed attempt, with its reason, time and Meta’s code or none', async () => {
    const { brokerageId } = freshOwner();
    const form = aForm('leadgen-4', '2026-11-25T12:00:00.000Z');
    await parked.park(brokerageId, form);

    await parked.recordAttempt(brokerageId, 'leadgen-4', {
      code: 10,
      reason: 'Permission denied',
      at: '2026-11-25T13:00:00.000Z',
    });
    expect(await parked.list(brokerageId)).toEqual([
      {
        ...form,
        code: 10,
        reason: 'Permission denied',
        attempts: 2,
        lastAttemptAt: '2026-11-25T13:00:00.000Z',
      },
    ]);

    await parked.recordAttempt(brokerageId, 'leadgen-4', {
      reason: 'Timed out',
      at: '2026-11-25T14:00:00.000Z',
    });
    const { code: _code, ...withoutCode } = form;
    expect(await parked.list(brokerageId)).toStrictEqual([
      { ...withoutCode, reason: 'Timed out', attempts: 3, lastAttemptAt: '2026-11-25T14:00:00.000Z' },
    ]);
  });

  it('counts nothing for a form no longer parked, and makes none', async () => {
    const { brokerageId } = freshOwner();

    await parked.recordAttempt(brokerageId, 'leadgen-gone', {
      reason: 'Timed out',
      at: '2026-11-25T14:00:00.000Z',
    });

    expect(await parked.list(brokerageId)).toEqual([]);
    expect((await scanTable(tableName)).filter((item) => item.leadgenId === 'leadgen-gone')).toEqual([]);
  });

  it('removes one form and leaves the others', async () => {
    const { brokerageId } = freshOwner();
    const kept = aForm('leadgen-5', '2026-11-25T12:00:00.000Z');
    await parked.park(brokerageId, kept);
    await parked.park(brokerageId, aForm('leadgen-6', '2026-11-25T12:01:00.000Z'));

    await parked.remove(brokerageId, 'leadgen-6');

    expect(await parked.list(brokerageId)).toEqual([kept]);
  });

  it('passes on failures that are not refusals, so the webhook or retry is tried again', async () => {
    const { brokerageId } = freshOwner();
    await parked.park(brokerageId, aForm('leadgen-7', '2026-11-25T12:00:00.000Z'));

    failNext = { command: 'PutItemCommand', error: throttled() };
    await expect(parked.park(brokerageId, aForm('leadgen-8', '2026-11-25T12:00:00.000Z'))).rejects.toThrow(
      'Throughput exceeded',
    );
    failNext = { command: 'UpdateItemCommand', error: throttled() };
    await expect(
      parked.recordAttempt(brokerageId, 'leadgen-7', { reason: 'Timed out', at: '2026-11-25T14:00:00.000Z' }),
    ).rejects.toThrow('Throughput exceeded');
    expect((await parked.list(brokerageId)).map((form) => [form.leadgenId, form.attempts])).toEqual([
      ['leadgen-7', 1],
    ]);
  });
});
