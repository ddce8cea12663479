import type { ScoreSnapshot } from '../../../schemas/api/scores';
import { scoringModelSchema } from '../../../schemas/scoring';
import type { ScoreRepository } from '../../ports/score-repository';
import { leadAtVersion, refusalOf } from './lead-guard';
import { withCursor } from './query-errors';
import type { CrmService } from './service';

/** Scores and learned models in the single table; writes that touch the lead are transactions. */
export const createScoreRepository = (service: CrmService): ScoreRepository => {
  const { scoreSnapshot, scoringModel } = service.entities;

  return {
    async saveScore(previous, next, snapshot) {
      const result = await service.transaction
        .write(({ lead, scoreSnapshot: s }) => [
          // An erase under way refuses the score, so no snapshot outlives the lead.
          lead.put(next).where(leadAtVersion(previous.version)).commit(),
          s.create(snapshot).commit(),
        ])
        .go();
      if (result.canceled) throw await refusalOf(service, previous.leadId);
    },

    async history(leadId, { limit, cursor }) {
      const page = await withCursor(cursor, () =>
        scoreSnapshot.query.byLead({ leadId }).go({ order: 'desc', limit, count: limit, cursor }),
      );
      return { items: page.data as ScoreSnapshot[], nextCursor: page.cursor };
    },

    async latest(leadId) {
      const { data } = await scoreSnapshot.query.byLead({ leadId }).go({ order: 'desc', limit: 1 });
      return data[0] as ScoreSnapshot | undefined;
    },

    async models(brokerageId, scopes) {
      const { data } = await scoringModel.get(scopes.map((scope) => ({ brokerageId, scope }))).go();
      // A model stored in an older layout reads as none (scores fall back to the prior); its version is kept so
      // the next outcome can replace it.
      return data.map((item) => {
        const model = scoringModelSchema.safeParse(item.model);
        return { scope: item.scope, model: model.success ? model.data : undefined, version: item.version };
      });
    },

    async saveOutcome({ previous, next, models, note, event }) {
      const now = next.updatedAt;
      const { brokerageId } = next;
      const result = await service.transaction
        .write(({ lead, interaction, leadEvent, scoringModel: m }) => [
          lead.put(next).where(leadAtVersion(previous.version)).commit(),
          interaction.create(note).commit(),
          leadEvent.create(event).commit(),
          ...models.map((change) => {
            const item = {
              brokerageId,
              scope: change.scope,
              model: change.next,
              version: (change.previousVersion ?? 0) + 1,
              updatedAt: now,
            };
            return change.previousVersion === undefined
              ? m.create(item).commit()
              : m
                  .put(item)
                  .where((attr, { eq }) => eq(attr.version, change.previousVersion as number))
                  .commit();
          }),
        ])
        .go();
      // A model changed by another outcome, or the lead changed or is being erased: the caller retries or stops.
      if (result.canceled) throw await refusalOf(service, previous.leadId);
    },
  };
};
