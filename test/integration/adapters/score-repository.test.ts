import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import { createScoreRepository } from '../../../lambdas/adapters/dynamodb/score-repository';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import { StaleVersionError, ValidationError } from '../../../lambdas/domain/errors';
import { emptyScoringModel } from '../../../lambdas/domain/scoring/scoring-model';
import type { ScoreRepository } from '../../../lambdas/ports/score-repository';
import { createIdGenerator } from '../../../lambdas/shared/ids';
import { aSnapshot, freshOwner } from '../../contracts/world';
import { createMockLead } from '../../helpers/factories';
import { createRecordedTable, type SentCommand, sentOf } from '../../helpers/recorded-table';

const newId = createIdGenerator();
let service: CrmService;
let sent: SentCommand[];
let scores: ScoreRepository;

beforeAll(async () => {
  ({ service, sent } = await createRecordedTable());
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  scores = createScoreRepository(service);
});

describe('score repository (DynamoDB Local)', () => {
  it('reads a model stored in an older layout as none, keeping its version for the next write', async () => {
    const { brokerageId } = freshOwner();
    await service.entities.scoringModel
      .put({
        brokerageId,
        scope: 'brokerage',
        model: { knots: [1, 2, 3] },
        version: 4,
        updatedAt: '2026-01-01T00:00:00.000Z',
      })
      .go();
    await service.entities.scoringModel
      .put({
        brokerageId,
        scope: 'agent:agent-dana',
        model: emptyScoringModel(),
        version: 2,
        updatedAt: '2026-01-01T00:00:00.000Z',
      })
      .go();

    const models = await scores.models(brokerageId, ['brokerage', 'agent:agent-dana', 'agent:nobody']);

    expect(models.sort((a, b) => a.scope.localeCompare(b.scope))).toEqual([
      { scope: 'agent:agent-dana', model: emptyScoringModel(), version: 2 },
      { scope: 'brokerage', model: undefined, version: 4 },
    ]);
  });

  it('pages the history exactly at its limit and takes the newest alone for the latest', async () => {
    const lead = createMockLead(freshOwner());
    await createLeadRepository(service).create(lead, []);
    const snapshots = [
      aSnapshot(lead.leadId, newId(), 40),
      aSnapshot(lead.leadId, newId(), 50),
      aSnapshot(lead.leadId, newId(), 60),
    ];
    let previous = lead;
    for (const snapshot of snapshots) {
      const next = { ...previous, score: snapshot.score.score, version: previous.version + 1 };
      await scores.saveScore(previous, next, snapshot);
      previous = next;
    }

    const firstPage = await scores.history(lead.leadId, { limit: 2 });
    expect(firstPage.items).toEqual([snapshots[2], snapshots[1]]);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const rest = await scores.history(lead.leadId, { limit: 2, cursor: firstPage.nextCursor as string });
    expect(rest.items).toEqual([snapshots[0]]);
    expect((await scores.history(lead.leadId, { limit: 3 })).items).toEqual([...snapshots].reverse());

    const from = sent.length;
    expect(await scores.latest(lead.leadId)).toEqual(snapshots[2]);
    expect(sentOf(sent, 'QueryCommand', from).map((query) => query.input.Limit)).toEqual([1]);
  });

  it('reads the lead consistently to tell a stale score from one on a lead being erased', async () => {
    const lead = createMockLead(freshOwner());
    await createLeadRepository(service).create(lead, []);
    await createLeadRepository(service).update(lead, { ...lead, name: 'Renamed', version: 2 });
    const from = sent.length;

    await expect(
      scores.saveScore(lead, { ...lead, score: 80, version: 2 }, aSnapshot(lead.leadId, newId(), 80)),
    ).rejects.toBeInstanceOf(StaleVersionError);
    const reads = sentOf(sent, 'GetItemCommand', from);
    expect(reads.map((read) => read.input.ConsistentRead)).toEqual([true]);
  });

  it('answers a cursor it never gave with a validation error naming the cursor', async () => {
    const history = scores.history('lead-any', { limit: 2, cursor: 'not-a-cursor' });
    await expect(history).rejects.toBeInstanceOf(ValidationError);
    await expect(history).rejects.toMatchObject({ issues: [{ field: 'cursor' }] });
    await expect(
      scores.listOutcomes('brokerage-any', { limit: 2, cursor: 'not-a-cursor' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses to void an outcome never recorded', async () => {
    await expect(
      scores.voidOutcome({
        brokerageId: freshOwner().brokerageId,
        outcomeId: 'outcome-never-recorded',
        voidedAt: '2026-03-03T09:00:00.000Z',
        voidedBy: 'admin-lee',
        models: [],
      }),
    ).rejects.toBeInstanceOf(StaleVersionError);
  });
});
