import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyticsCounters } from '../../../lambdas/adapters/dynamodb/analytics-counters';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import type { AnalyticsCounters } from '../../../lambdas/ports/analytics-counters';
import { createTestTable } from '../../helpers/dynamodb';

let counters: AnalyticsCounters;
let service: CrmService;

beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  service = createCrmService(DynamoDBDocumentClient.from(client), tableName);
  counters = createAnalyticsCounters(service);
  const day = (scope: string, date: string, counts: Record<string, number>) =>
    service.entities.activityCounter.put({ scope, day: date, ...counts }).go();
  await day('agent-lopez', '2026-11-30', { leads: 9, temp_hot: 9 });
  await day('agent-lopez', '2026-12-01', { leads: 2, src_website: 2, temp_hot: 1 });
  await day('agent-lopez', '2026-12-02', { leads: 3, src_website: 1 });
  await day('agent-lopez', '2026-12-03', { leads: 1 });
  await day('agent-lopez', '2026-12-04', { leads: 50 });
  await day('agent-other', '2026-12-02', { leads: 7 });
});

describe('analytics counters (DynamoDB Local)', () => {
  it("adds up a scope's days from the first to the last day, both included", async () => {
    expect(await counters.sum('agent-lopez', '2026-12-01', '2026-12-03')).toEqual({
      leads: 6,
      src_website: 3,
      temp_hot: 1,
    });
  });

  it('reads a single day, and nothing for a range without days', async () => {
    expect(await counters.sum('agent-lopez', '2026-12-04', '2026-12-04')).toEqual({ leads: 50 });
    expect(await counters.sum('agent-lopez', '2027-01-01', '2027-01-31')).toEqual({});
    expect(await counters.sum('agent-nobody', '2026-12-01', '2026-12-31')).toEqual({});
  });
});
