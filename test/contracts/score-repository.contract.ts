import { beforeEach, describe, expect, it } from 'vitest';
import { StaleVersionError } from '../../lambdas/domain/errors';
import { LeadGoneError } from '../../lambdas/domain/leads/lead-errors';
import { emptyScoringModel } from '../../lambdas/domain/scoring/scoring-model';
import { createIdGenerator } from '../../lambdas/shared/ids';
import type { Lead } from '../../schemas/api/leads';
import type { ScoringOutcomeRecord } from '../../schemas/api/outcomes';
import type { ScoreSnapshot } from '../../schemas/api/scores';
import { createMockInteraction } from '../helpers/factories';
import { aLead, aSnapshot, freshOwner, type MakeWorld, type StoreWorld } from './world';

const newId = createIdGenerator();

/** Score history's behaviour, whatever stores it: guarded by the lead, gone with it. */
export const describeScoreRepositoryContract = (name: string, makeWorld: MakeWorld) => {
  describe(`score repository contract: ${name}`, () => {
    let world: StoreWorld;
    beforeEach(async () => {
      world = await makeWorld();
    });

    it('saves a score on the lead with its snapshot, and reads the history newest first', async () => {
      const lead = aLead();
      await world.leads.create(lead, []);
      const older = aSnapshot(lead.leadId, newId(), 41);
      const newer = aSnapshot(lead.leadId, newId(), 77);

      await world.scores.saveScore(lead, { ...lead, score: 41, version: 2 }, older);
      await world.scores.saveScore({ ...lead, version: 2 }, { ...lead, score: 77, version: 3 }, newer);

      expect(await world.leads.get(lead.leadId)).toMatchObject({ score: 77, version: 3 });
      expect(await world.scores.latest(lead.leadId)).toEqual(newer);
      // A page at a time; the table may end on a cursor to an empty page, which the walk follows too.
      const seen: ScoreSnapshot[] = [];
      let cursor: string | undefined;
      do {
        const page = await world.scores.history(lead.leadId, { limit: 1, ...(cursor && { cursor }) });
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && seen.length < 5);
      expect(seen).toEqual([newer, older]);
    });

    it('refuses a score computed on a lead that changed since, keeping no snapshot of it', async () => {
      const lead = aLead();
      await world.leads.create(lead, []);
      await world.leads.update(lead, { ...lead, name: 'Renamed', version: 2 });

      await expect(
        world.scores.saveScore(lead, { ...lead, score: 90, version: 2 }, aSnapshot(lead.leadId, newId(), 90)),
      ).rejects.toBeInstanceOf(StaleVersionError);

      expect(await world.leads.get(lead.leadId)).toMatchObject({ name: 'Renamed', score: 0 });
      expect(await world.scores.latest(lead.leadId)).toBeUndefined();
    });

    it('refuses a score for a lead whose erase has begun', async () => {
      const lead = aLead();
      await world.leads.create(lead, []);
      await world.beginErase(lead);

      await expect(
        world.scores.saveScore(lead, { ...lead, score: 66, version: 2 }, aSnapshot(lead.leadId, newId(), 66)),
      ).rejects.toBeInstanceOf(LeadGoneError);
      expect(await world.scores.latest(lead.leadId)).toBeUndefined();
    });

    it("removes the lead's score history with the lead", async () => {
      const lead = aLead();
      await world.leads.create(lead, []);
      await world.scores.saveScore(
        lead,
        { ...lead, score: 58, version: 2 },
        aSnapshot(lead.leadId, newId(), 58),
      );

      await world.leads.erase({ ...lead, version: 2 });

      expect(await world.scores.latest(lead.leadId)).toBeUndefined();
      expect((await world.scores.history(lead.leadId, { limit: 10 })).items).toEqual([]);
    });

    /** An outcome on the lead teaching the brokerage's model of `scope`, read at `previousVersion`. */
    const outcome = (previous: Lead, scope: string, previousVersion?: number) => ({
      previous,
      next: { ...previous, status: 'converted' as const, version: previous.version + 1 },
      models: [
        { scope, next: emptyScoringModel(), ...(previousVersion !== undefined && { previousVersion }) },
      ],
      note: createMockInteraction({ leadId: previous.leadId, interactionId: newId(), text: 'Closed: won' }),
      event: {
        leadId: previous.leadId,
        eventId: newId(),
        type: 'lead.outcome_recorded' as const,
        occurredAt: previous.updatedAt,
      },
    });

    it('teaches a model only from the version it was read at, closing the lead with a note', async () => {
      const { brokerageId } = freshOwner();
      const [first, second] = [aLead({ brokerageId }), aLead({ brokerageId })];
      for (const lead of [first, second]) await world.leads.create(lead, []);

      await world.scores.saveOutcome(outcome(first!, 'brokerage'));
      await expect(world.scores.saveOutcome(outcome(second!, 'brokerage'))).rejects.toBeInstanceOf(
        StaleVersionError,
      );
      expect(await world.leads.get(second!.leadId)).toMatchObject({ status: 'new', version: 1 });
      expect((await world.interactions.listTimeline(second!.leadId, { limit: 10 })).items).toEqual([]);
      await world.scores.saveOutcome(outcome(second!, 'brokerage', 1));

      expect(await world.scores.models(brokerageId, ['brokerage', 'agent:nobody'])).toEqual([
        { scope: 'brokerage', model: emptyScoringModel(), version: 2 },
      ]);
      expect(await world.leads.get(first!.leadId)).toMatchObject({ status: 'converted', version: 2 });
      const notes = (await world.interactions.listTimeline(first!.leadId, { limit: 10 })).items;
      expect(notes.map((item) => item.text)).toEqual(['Closed: won']);
      // Taught without a record: nothing to review or void.
      expect((await world.scores.listOutcomes(brokerageId, { limit: 10 })).items).toEqual([]);
    });

    /** What the models learned from an outcome on the lead, as recorded for review. */
    const aRecord = (lead: Lead, outcomeId: string, recordedBy = lead.agentId): ScoringOutcomeRecord => ({
      outcomeId,
      leadId: lead.leadId,
      agentId: lead.agentId,
      recordedBy,
      result: 'converted',
      values: { content: 0.5, engagement: 0.25, timing: 0.75, source: 1, profile: 0 },
      signals: ['asked_viewing'],
      weights: { brokerage: 1, agent: 1 },
      probabilities: { brokerage: 0.4, agent: 0.3 },
      recordedAt: '2026-03-02T14:00:00.000Z',
    });

    /** Records outcomes on fresh leads of one brokerage, each teaching its own agent's model; oldest id first. */
    const recordOutcomes = async (brokerageId: string, recorders: string[]) => {
      const records: ScoringOutcomeRecord[] = [];
      for (const recordedBy of recorders) {
        const lead = aLead({ brokerageId });
        await world.leads.create(lead, []);
        const change = outcome(lead, `agent:${lead.agentId}`);
        const record = aRecord(lead, change.note.interactionId, recordedBy);
        await world.scores.saveOutcome({ ...change, record });
        records.push(record);
      }
      return records;
    };

    /** Every page of a brokerage's outcomes, `limit` at a time, with the size of each page. */
    const walkOutcomes = async (brokerageId: string, limit: number, recordedBy?: string) => {
      const seen: ScoringOutcomeRecord[] = [];
      const sizes: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await world.scores.listOutcomes(brokerageId, {
          limit,
          ...(cursor && { cursor }),
          ...(recordedBy && { recordedBy }),
        });
        seen.push(...page.items);
        sizes.push(page.items.length);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && sizes.length < 10);
      return { seen, sizes };
    };

    it('keeps what an outcome taught for review, oldest first, a page at a time and per recorder', async () => {
      const { brokerageId } = freshOwner();
      const records = await recordOutcomes(brokerageId, ['agent-dana', 'agent-omar', 'agent-dana']);
      await recordOutcomes(freshOwner().brokerageId, ['agent-dana']);

      expect((await world.scores.listOutcomes(brokerageId, { limit: 10 })).items).toEqual(records);
      const paged = await walkOutcomes(brokerageId, 2);
      expect(paged.seen).toEqual(records);
      expect(paged.sizes[0]).toBe(2);
      const dana = await walkOutcomes(brokerageId, 1, 'agent-dana');
      expect(dana.seen).toEqual([records[0], records[2]]);
      expect(dana.sizes[0]).toBe(1);
      expect(await world.scores.getOutcome(brokerageId, records[1]!.outcomeId)).toEqual(records[1]);
      expect(await world.scores.getOutcome(brokerageId, 'outcome-never-recorded')).toBeUndefined();
      expect(await world.scores.getOutcome(freshOwner().brokerageId, records[1]!.outcomeId)).toBeUndefined();
    });

    it('voids an outcome once, storing the models it no longer teaches, guarded by their versions', async () => {
      const { brokerageId } = freshOwner();
      const [record] = await recordOutcomes(brokerageId, ['agent-dana']);
      const scope = `agent:${record!.agentId}`;
      const voided = { brokerageId, outcomeId: record!.outcomeId, voidedBy: 'admin-lee' };

      await expect(
        world.scores.voidOutcome({
          ...voided,
          voidedAt: '2026-03-03T09:00:00.000Z',
          models: [{ scope, previousVersion: 7, next: emptyScoringModel() }],
        }),
      ).rejects.toBeInstanceOf(StaleVersionError);
      expect(await world.scores.getOutcome(brokerageId, record!.outcomeId)).toEqual(record);

      await world.scores.voidOutcome({
        ...voided,
        voidedAt: '2026-03-03T09:00:00.000Z',
        models: [{ scope, previousVersion: 1, next: emptyScoringModel() }],
      });
      expect(await world.scores.getOutcome(brokerageId, record!.outcomeId)).toEqual({
        ...record,
        voidedAt: '2026-03-03T09:00:00.000Z',
        voidedBy: 'admin-lee',
      });
      expect(await world.scores.models(brokerageId, [scope])).toEqual([
        { scope, model: emptyScoringModel(), version: 2 },
      ]);

      await expect(
        world.scores.voidOutcome({
          ...voided,
          voidedAt: '2026-03-04T09:00:00.000Z',
          models: [{ scope, previousVersion: 2, next: emptyScoringModel() }],
        }),
      ).rejects.toBeInstanceOf(StaleVersionError);
      expect((await world.scores.getOutcome(brokerageId, record!.outcomeId))?.voidedAt).toBe(
        '2026-03-03T09:00:00.000Z',
      );
      expect((await world.scores.models(brokerageId, [scope]))[0]?.version).toBe(2);
    });

    it('refuses an outcome for a lead whose erase has begun, teaching no model', async () => {
      const { brokerageId } = freshOwner();
      const lead = aLead({ brokerageId });
      await world.leads.create(lead, []);
      await world.beginErase(lead);

      await expect(world.scores.saveOutcome(outcome(lead, 'brokerage'))).rejects.toBeInstanceOf(
        LeadGoneError,
      );
      expect(await world.scores.models(brokerageId, ['brokerage'])).toEqual([]);
    });
  });
};
