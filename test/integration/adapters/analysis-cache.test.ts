import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoAnalysisCache } from '../../../lambdas/adapters/dynamodb/analysis-cache';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import { analyzeContent } from '../../../lambdas/domain/scoring/heuristic-content-analyzer';
import type { AnalysisCache } from '../../../lambdas/ports/analysis-cache';
import { fixedClock } from '../../../lambdas/ports/clock';
import { scanTable } from '../../helpers/dynamodb';
import { createMockLead } from '../../helpers/factories';
import { createRecordedTable } from '../../helpers/recorded-table';

const START = '2026-11-25T12:00:00.000Z';
const THIRTY_DAYS_MS = 30 * 86_400_000;
const clock = fixedClock(START);
let service: CrmService;
let tableName: string;
let cache: AnalysisCache;

beforeAll(async () => {
  ({ service, tableName } = await createRecordedTable());
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  cache = createDynamoAnalysisCache(service, clock);
});

const aliveLead = async () => {
  const lead = createMockLead();
  await createLeadRepository(service).create(lead, []);
  return lead.leadId;
};

const analysis = analyzeContent({
  text: 'Looking for a 3 bedroom near the park, pre-approved, need to move next month',
});
const hash = (c: string) => c.repeat(64);

describe('analysis cache (DynamoDB Local)', () => {
  it('keeps an analysis under the lead and the hash of its words for thirty days', async () => {
    clock.set(START);
    const leadId = await aliveLead();

    await cache.put({ leadId, hash: hash('a') }, analysis);

    expect(await cache.get({ leadId, hash: hash('a') })).toEqual(analysis);
    expect(await cache.get({ leadId, hash: hash('b') })).toBeUndefined();
    expect(await cache.get({ leadId: 'lead-other', hash: hash('a') })).toBeUndefined();
    const [item] = (await scanTable(tableName)).filter((stored) => stored.leadId === leadId && stored.hash);
    expect(item).toMatchObject({ createdAt: START, expiresAt: (Date.parse(START) + THIRTY_DAYS_MS) / 1000 });
  });

  it('gives an analysis back up to its expiry second, and nothing after, before TTL has removed it', async () => {
    clock.set(START);
    const leadId = await aliveLead();
    await cache.put({ leadId, hash: hash('c') }, analysis);

    clock.set(new Date(Date.parse(START) + THIRTY_DAYS_MS));
    expect(await cache.get({ leadId, hash: hash('c') })).toEqual(analysis);
    clock.advance(1);
    expect(await cache.get({ leadId, hash: hash('c') })).toBeUndefined();
  });

  it('replaces the analysis of the same words, restarting its thirty days', async () => {
    clock.set(START);
    const leadId = await aliveLead();
    await cache.put({ leadId, hash: hash('d') }, analysis);
    clock.advance(86_400_000);
    const again = { ...analysis, urgency: 0.25 };

    await cache.put({ leadId, hash: hash('d') }, again);

    expect(await cache.get({ leadId, hash: hash('d') })).toEqual(again);
    clock.set(new Date(Date.parse(START) + THIRTY_DAYS_MS + 1000));
    expect(await cache.get({ leadId, hash: hash('d') })).toEqual(again);
  });

  it('keeps nothing for a lead that is gone or being erased, without failing the scoring', async () => {
    clock.set(START);
    const erasing = await aliveLead();
    await service.entities.lead.patch({ leadId: erasing }).set({ erasing: true }).go();

    await cache.put({ leadId: erasing, hash: hash('e') }, analysis);
    await cache.put({ leadId: 'lead-never-made', hash: hash('e') }, analysis);

    expect(await cache.get({ leadId: erasing, hash: hash('e') })).toBeUndefined();
    expect((await scanTable(tableName)).filter((stored) => stored.hash === hash('e'))).toEqual([]);
  });
});
