import type { ScoringOutcomeRecord } from '../../../schemas/api/outcomes';
import type { ScoreSnapshot } from '../../../schemas/api/scores';
import { scoringModelSchema } from '../../../schemas/scoring';
import { StaleVersionError } from '../../domain/errors';
import type { ModelChange, ScoreRepository } from '../../ports/score-repository';
import { leadAtVersion, refusalOf } from './lead-guard';
import { withCursor } from './query-errors';
import type { CrmService } from './service';

/** Scores and learned models in the single table; writes that touch the lead are transactions. */
export const createScoreRepository = (service: CrmService): ScoreRepository => {
  const { scoreSnapshot, scoringModel, scoringOutcome } = service.entities;

  type Tx = Parameters<Parameters<typeof service.transaction.write>[0]>[0];
  const modelWrite = (m: Tx['scoringModel'], brokerageId: string, change: ModelChange, now: string) => {
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
  };
  const toRecord = ({ brokerageId: _b, ...item }: Record<string, unknown>): ScoringOutcomeRecord =>
    item as unknown as ScoringOutcomeRecord;

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

    async saveOutcome({ previous, next, models, note, event, record }) {
      const now = next.updatedAt;
      const { brokerageId } = next;
      const result = await service.transaction
        .write(({ lead, interaction, leadEvent, scoringModel: m, scoringOutcome: o }) => [
          lead.put(next).where(leadAtVersion(previous.version)).commit(),
          interaction.create(note).commit(),
          leadEvent.create(event).commit(),
          ...models.map((change) => modelWrite(m, brokerageId, change, now)),
          ...(record ? [o.create({ brokerageId, ...record }).commit()] : []),
        ])
        .go();
      // A model changed by another outcome, or the lead changed or is being erased: the caller retries or stops.
      if (result.canceled) throw await refusalOf(service, previous.leadId);
    },

    async listOutcomes(brokerageId, { limit, cursor, recordedBy }) {
      const page = await withCursor(cursor, () =>
        (recordedBy
          ? scoringOutcome.query
              .byBrokerage({ brokerageId })
              .where((attr, { eq }) => eq(attr.recordedBy, recordedBy))
          : scoringOutcome.query.byBrokerage({ brokerageId })
        ).go({ limit, count: limit, cursor }),
      );
      return { items: page.data.map(toRecord), nextCursor: page.cursor };
    },

    async getOutcome(brokerageId, outcomeId) {
      const { data } = await scoringOutcome.get({ brokerageId, outcomeId }).go();
      return data ? toRecord(data) : undefined;
    },

    async voidOutcome({ brokerageId, outcomeId, voidedAt, voidedBy, models }) {
      const result = await service.transaction
        .write(({ scoringModel: m, scoringOutcome: o }) => [
          o
            .patch({ brokerageId, outcomeId })
            .set({ voidedAt, voidedBy })
            .where((attr, { notExists }) => notExists(attr.voidedAt))
            .commit(),
          ...models.map((change) => modelWrite(m, brokerageId, change, voidedAt)),
        ])
        .go();
      // Voided meanwhile, or a model moved on: the caller reads again and decides.
      if (result.canceled) throw new StaleVersionError();
    },
  };
};
