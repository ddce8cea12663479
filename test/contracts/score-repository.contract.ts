import { beforeEach, describe, expect, it } from 'vitest';
import { StaleVersionError } from '../../lambdas/domain/errors';
import { LeadGoneError } from '../../lambdas/domain/leads/lead-errors';
import { emptyScoringModel } from '../../lambdas/domain/scoring/scoring-model';
import { createIdGenerator } from '../../lambdas/shared/ids';
import type { Lead } from '../../schemas/api/leads';
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
