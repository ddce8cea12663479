import { beforeAll, describe, expect, it } from 'vitest';
import { createRoutingCursor } from '../../../lambdas/adapters/dynamodb/routing-cursor-repository';
import type { RoutingCursor } from '../../../lambdas/ports/routing-cursor';
import { freshOwner } from '../../contracts/world';
import { createRecordedTable } from '../../helpers/recorded-table';

let cursor: RoutingCursor;

beforeAll(async () => {
  cursor = createRoutingCursor((await createRecordedTable()).service);
});

describe('routing cursor (DynamoDB Local)', () => {
  it('counts each brokerage’s turns from 1, one step per call', async () => {
    const [first, second] = [freshOwner().brokerageId, freshOwner().brokerageId];

    expect(await cursor.next(first)).toBe(1);
    expect(await cursor.next(first)).toBe(2);
    expect(await cursor.next(second)).toBe(1);
    expect(await cursor.next(first)).toBe(3);
  });
});
