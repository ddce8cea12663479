import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, StaleVersionError } from '../../../../lambdas/domain/errors';
import { recordLeadOutcome } from '../../../../lambdas/domain/intelligence/record-lead-outcome';
import { rescoreLead } from '../../../../lambdas/domain/intelligence/rescore-lead';
import { factorValuesFromScore } from '../../../../lambdas/domain/scoring/factor-values-from-score';
import {
  emptyScoringModel,
  learningProbability,
  recordOutcome,
} from '../../../../lambdas/domain/scoring/scoring-model';
import type { ScoreRepository } from '../../../../lambdas/ports/score-repository';
import type { Lead } from '../../../../schemas/api/leads';
import type { LeadScore } from '../../../../schemas/scoring';
import { admin, dana, type IntelligenceWorld, intelligenceWorld, omar, seedLead } from './intelligence-world';

type SaveOutcome = Parameters<ScoreRepository['saveOutcome']>[0];

/** The world whose outcome writes are kept in `saved` and run `before` first; then the real write. */
const withSaveOutcome = (
  world: IntelligenceWorld,
  before: (call: number) => Promise<void> = async () => {},
) => {
  const saved: SaveOutcome[] = [];
  const scores: ScoreRepository = {
    ...world.scores,
    async saveOutcome(change) {
      saved.push(structuredClone(change));
      await before(saved.length);
      return world.scores.saveOutcome(change);
    },
  };
  return { deps: { ...world, scores }, saved };
};

const modelsOf = async (world: IntelligenceWorld, agentId = dana.agentId) => {
  const stored = await world.scores.models('brokerage-riverside', ['brokerage', agentId]);
  return {
    brokerage: stored.find((m) => m.scope === 'brokerage'),
    agent: stored.find((m) => m.scope === agentId),
  };
};

const outcomes = async (world: IntelligenceWorld) =>
  (await world.scores.listOutcomes('brokerage-riverside', { limit: 100 })).items;

/** A lead of Dana's, scored once, as the app would have it before the outcome. */
const scoredLead = async (world: IntelligenceWorld, overrides: Partial<Lead> = {}) => {
  const lead = await seedLead(world, overrides);
  return rescoreLead(lead, 'created', world);
};

/** The brokerage's model as if agents had brought `agents` evidence to it before (stored at version 1). */
const storeBrokerageModel = async (world: IntelligenceWorld, agents: Record<string, number>) => {
  const other = await seedLead(world, { agentId: omar.agentId, name: 'Lena Fischer' });
  await world.scores.saveOutcome({
    previous: other,
    next: { ...other, version: other.version + 1 },
    models: [{ scope: 'brokerage', next: { ...emptyScoringModel(), agents } }],
    note: {
      interactionId: world.newId(),
      leadId: other.leadId,
      type: 'system',
      direction: 'internal',
      text: 'Marked lost',
      occurredAt: '2026-03-02T14:00:00.000Z',
    },
    event: {
      leadId: other.leadId,
      eventId: world.newId(),
      type: 'lead.outcome_recorded',
      occurredAt: '2026-03-02T14:00:00.000Z',
      data: { result: 'lost' },
    },
  });
};

describe('recordLeadOutcome', () => {
  it('closes the lead, notes it on the timeline and rescores it with what was learned', async () => {
    const world = intelligenceWorld();
    const { lead } = await scoredLead(world);
    world.clock.set('2026-03-05T10:00:00.000Z');

    const closed = await recordLeadOutcome(
      dana,
      lead.leadId,
      { outcome: 'converted', reason: 'Signed' },
      world,
    );

    expect(closed).toMatchObject({
      status: 'converted',
      outcome: { result: 'converted', reason: 'Signed', at: '2026-03-05T10:00:00.000Z' },
      version: lead.version + 2,
      updatedAt: '2026-03-05T10:00:00.000Z',
    });
    expect(await world.leads.get(lead.leadId)).toEqual(closed);
    const timeline = (await world.interactions.listTimeline(lead.leadId, { limit: 10 })).items;
    expect(timeline).toEqual([
      expect.objectContaining({
        type: 'system',
        direction: 'internal',
        text: 'Marked converted: Signed',
        occurredAt: '2026-03-05T10:00:00.000Z',
        createdBy: dana.agentId,
      }),
    ]);
    const history = (await world.scores.history(lead.leadId, { limit: 10 })).items;
    expect(history.map((s) => s.trigger)).toEqual(['outcome', 'created']);
    expect(history[0]?.score.modelOutcomes).toBe(1);
    expect(closed.score).toBe(history[0]?.score.score);
  });

  it('notes a loss with no reason as just that', async () => {
    const world = intelligenceWorld();
    const { lead } = await scoredLead(world);

    const closed = await recordLeadOutcome(dana, lead.leadId, { outcome: 'lost' }, world);

    expect(closed.status).toBe('lost');
    expect(closed.outcome).toEqual({ result: 'lost', at: '2026-03-02T14:00:00.000Z' });
    const [note] = (await world.interactions.listTimeline(lead.leadId, { limit: 10 })).items;
    expect(note?.text).toBe('Marked lost');
  });

  it('records a lead.outcome_recorded event the follow-up engine stops on, and the outcome for review', async () => {
    const world = intelligenceWorld();
    const { lead, score } = await scoredLead(world);
    const { deps, saved } = withSaveOutcome(world);

    await recordLeadOutcome(dana, lead.leadId, { outcome: 'converted' }, deps);

    const [change] = saved;
    expect(change?.event).toEqual({
      leadId: lead.leadId,
      eventId: change?.note.interactionId,
      type: 'lead.outcome_recorded',
      occurredAt: '2026-03-02T14:00:00.000Z',
      data: { result: 'converted' },
    });
    const evidence = { values: factorValuesFromScore(score), signals: score.signals ?? [] };
    expect(await outcomes(world)).toEqual([
      {
        outcomeId: change?.note.interactionId,
        leadId: lead.leadId,
        agentId: dana.agentId,
        recordedBy: dana.agentId,
        result: 'converted',
        ...evidence,
        weights: { brokerage: 1, agent: 1 },
        probabilities: {
          brokerage: learningProbability(emptyScoringModel(), evidence),
          agent: learningProbability(emptyScoringModel(), evidence),
        },
        recordedAt: '2026-03-02T14:00:00.000Z',
      },
    ]);
  });

  it('teaches the brokerage’s model and the agent’s own, tallying whose evidence it is', async () => {
    const world = intelligenceWorld();
    const { lead } = await scoredLead(world);

    await recordLeadOutcome(dana, lead.leadId, { outcome: 'converted' }, world);

    const { brokerage, agent } = await modelsOf(world);
    expect(brokerage).toMatchObject({ version: 1, model: { outcomes: 1, converted: 1, evidence: 1 } });
    expect(brokerage?.model?.agents).toEqual({ [dana.agentId]: 1 });
    expect(agent).toMatchObject({ version: 1, model: { outcomes: 1, converted: 1, evidence: 1 } });
    expect(agent?.model?.agents).toEqual({});
  });

  it('learns from what the latest score read, dropping signals it no longer knows', async () => {
    const world = intelligenceWorld();
    const { lead, score } = await scoredLead(world);
    const older: LeadScore = {
      ...score,
      factors: score.factors.map((f) => ({ ...f, value: f.name === 'source' ? 0.9 : 0.1 })),
      signals: ['source.referral', 'retired.signal'],
    };
    await world.scores.saveScore(
      lead,
      { ...lead, version: lead.version + 1 },
      {
        snapshotId: world.newId(),
        leadId: lead.leadId,
        trigger: 'on_demand',
        score: older,
      },
    );

    await recordLeadOutcome(dana, lead.leadId, { outcome: 'lost' }, world);

    const [record] = await outcomes(world);
    expect(record?.values).toEqual({ content: 0.1, engagement: 0.1, timing: 0.1, source: 0.9, profile: 0.1 });
    expect(record?.signals).toEqual(['source.referral']);
    expect((await modelsOf(world)).brokerage?.model?.signals).not.toHaveProperty('retired.signal');
    const history = (await world.scores.history(lead.leadId, { limit: 10 })).items;
    expect(history.map((s) => s.trigger)).toEqual(['outcome', 'on_demand', 'created']);
  });

  it('scores a lead first when it never was, or only before signals were kept', async () => {
    const world = intelligenceWorld();
    const never = await seedLead(world);
    const { lead: old, score } = await scoredLead(world, { name: 'Priya Natarajan' });
    const { signals: _signals, ...withoutSignals } = score;
    await world.scores.saveScore(
      old,
      { ...old, version: old.version + 1 },
      {
        snapshotId: world.newId(),
        leadId: old.leadId,
        trigger: 'status_change',
        score: withoutSignals,
      },
    );

    await recordLeadOutcome(dana, never.leadId, { outcome: 'converted' }, world);
    await recordLeadOutcome(dana, old.leadId, { outcome: 'converted' }, world);

    const triggers = async (leadId: string) =>
      (await world.scores.history(leadId, { limit: 10 })).items.map((s) => s.trigger);
    expect(await triggers(never.leadId)).toEqual(['outcome', 'on_demand']);
    expect(await triggers(old.leadId)).toEqual(['outcome', 'on_demand', 'status_change', 'created']);
    const records = await outcomes(world);
    expect(records).toHaveLength(2);
    for (const record of records) expect(record.signals.length).toBeGreaterThan(0);
  });

  it('changes nothing when the same outcome is recorded again', async () => {
    const world = intelligenceWorld();
    const { lead } = await scoredLead(world);
    const first = await recordLeadOutcome(dana, lead.leadId, { outcome: 'converted' }, world);

    const again = await recordLeadOutcome(
      dana,
      lead.leadId,
      { outcome: 'converted', reason: 'Again' },
      world,
    );

    expect(again).toEqual(first);
    expect(await world.leads.get(lead.leadId)).toEqual(first);
    expect(await outcomes(world)).toHaveLength(1);
    expect((await modelsOf(world)).brokerage?.model?.outcomes).toBe(1);
  });

  it('refuses a different outcome on a closed lead with a conflict naming the one it has', async () => {
    const world = intelligenceWorld();
    const { lead } = await scoredLead(world);
    const first = await recordLeadOutcome(dana, lead.leadId, { outcome: 'converted' }, world);

    const attempt = recordLeadOutcome(dana, lead.leadId, { outcome: 'lost' }, world);

    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({
      message: 'This lead is already marked converted',
      extensions: { outcome: 'converted' },
    });
    expect(await world.leads.get(lead.leadId)).toEqual(first);
    expect(await outcomes(world)).toHaveLength(1);
  });

  it('answers another agent’s lead as not found and changes nothing', async () => {
    const world = intelligenceWorld();
    const { lead } = await scoredLead(world);

    await expect(recordLeadOutcome(omar, lead.leadId, { outcome: 'lost' }, world)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await world.leads.get(lead.leadId)).toEqual(lead);
    expect(await outcomes(world)).toEqual([]);
  });

  it('counts an admin’s outcome on an agent’s lead as the admin’s share, and teaches the agent’s model', async () => {
    const world = intelligenceWorld();
    const { lead } = await scoredLead(world);

    await recordLeadOutcome(admin, lead.leadId, { outcome: 'converted' }, world);

    const [record] = await outcomes(world);
    expect(record).toMatchObject({ agentId: dana.agentId, recordedBy: admin.agentId });
    const [note] = (await world.interactions.listTimeline(lead.leadId, { limit: 10 })).items;
    expect(note?.createdBy).toBe(admin.agentId);
    const { brokerage, agent } = await modelsOf(world);
    expect(brokerage?.model?.agents).toEqual({ [admin.agentId]: 1 });
    expect(agent?.model?.outcomes).toBe(1);
  });

  it('bounds one agent’s share of the brokerage’s evidence, while their own model takes all of it', async () => {
    const world = intelligenceWorld();
    // Dana brought 100 outcomes' evidence, Omar 10: beyond her share, hers no longer teach the brokerage.
    await storeBrokerageModel(world, { [dana.agentId]: 100, [omar.agentId]: 10 });
    const { lead } = await scoredLead(world);

    await recordLeadOutcome(dana, lead.leadId, { outcome: 'converted' }, world);

    const [record] = await outcomes(world);
    expect(record?.weights).toEqual({ brokerage: 0, agent: 1 });
    const { brokerage, agent } = await modelsOf(world);
    expect(brokerage).toMatchObject({ version: 2, model: { outcomes: 1, evidence: 0, converted: 1 } });
    expect(agent).toMatchObject({ version: 1, model: { outcomes: 1, evidence: 1, converted: 1 } });
  });

  it('counts in part the outcome that takes an agent past the evidence anyone may always bring', async () => {
    const world = intelligenceWorld();
    // Alone in the brokerage so far, Dana may bring 8 outcomes' evidence; she has brought 7.5.
    await storeBrokerageModel(world, { [dana.agentId]: 7.5 });
    const { lead } = await scoredLead(world);

    await recordLeadOutcome(dana, lead.leadId, { outcome: 'lost' }, world);

    const [record] = await outcomes(world);
    expect(record?.weights).toEqual({ brokerage: 0.5, agent: 1 });
    const { brokerage } = await modelsOf(world);
    expect(brokerage?.model).toMatchObject({ outcomes: 1, evidence: 0.5, converted: 0 });
  });

  it('keeps the chance each model gave the lead before it learned, so a void can undo the step', async () => {
    const world = intelligenceWorld();
    const { lead: first } = await scoredLead(world);
    const { lead: second } = await scoredLead(world, { name: 'Priya Natarajan' });
    await recordLeadOutcome(dana, first.leadId, { outcome: 'lost' }, world);
    // The brokerage's model has since learned from other agents' conversions; Dana's own has not.
    const { brokerage, agent } = await modelsOf(world);
    const eager = { values: { content: 1, engagement: 1, timing: 1, source: 1, profile: 1 }, signals: [] };
    const learned = recordOutcome(brokerage?.model ?? emptyScoringModel(), eager, 'converted');
    const { deps, saved } = withSaveOutcome({
      ...world,
      scores: {
        ...world.scores,
        models: async (brokerageId, scopes) =>
          (await world.scores.models(brokerageId, scopes)).map((m) =>
            m.scope === 'brokerage' ? { ...m, model: learned } : m,
          ),
      },
    });

    await recordLeadOutcome(dana, second.leadId, { outcome: 'converted' }, deps);

    const record = saved[0]?.record;
    const read = { values: record?.values ?? eager.values, signals: record?.signals ?? [] };
    expect(record?.probabilities).toEqual({
      brokerage: learningProbability(learned, read),
      agent: learningProbability(agent?.model ?? emptyScoringModel(), read),
    });
    expect(record?.probabilities.brokerage).not.toBeCloseTo(record?.probabilities.agent ?? 0, 3);
  });

  it('tries again from the fresh lead and models when a concurrent outcome changed them', async () => {
    const world = intelligenceWorld();
    const { lead } = await scoredLead(world);
    const { lead: other } = await scoredLead(world, { name: 'Priya Natarajan' });
    const { deps, saved } = withSaveOutcome(world, async (call) => {
      if (call === 1) await recordLeadOutcome(dana, other.leadId, { outcome: 'lost' }, world);
    });

    const closed = await recordLeadOutcome(dana, lead.leadId, { outcome: 'converted' }, deps);

    expect(saved).toHaveLength(2);
    expect(saved[1]?.models.map((m) => m.previousVersion)).toEqual([1, 1]);
    expect(closed.status).toBe('converted');
    const { brokerage, agent } = await modelsOf(world);
    expect(brokerage).toMatchObject({ version: 2, model: { outcomes: 2, converted: 1 } });
    expect(agent).toMatchObject({ version: 2, model: { outcomes: 2, converted: 1 } });
    expect(await outcomes(world)).toHaveLength(2);
  });

  it('keeps an edit made meanwhile to the lead it closes', async () => {
    const world = intelligenceWorld();
    const { lead } = await scoredLead(world);
    const { deps, saved } = withSaveOutcome(world, async (call) => {
      if (call !== 1) return;
      const current = await world.leads.get(lead.leadId);
      if (current) await world.leads.update(current, { ...current, name: 'Sam Rivera-Ortiz', version: 3 });
    });

    const closed = await recordLeadOutcome(dana, lead.leadId, { outcome: 'converted' }, deps);

    expect(saved).toHaveLength(2);
    expect(closed).toMatchObject({ name: 'Sam Rivera-Ortiz', status: 'converted', version: 5 });
    expect(await outcomes(world)).toHaveLength(1);
  });

  it('is a conflict when another outcome closed the lead meanwhile', async () => {
    const world = intelligenceWorld();
    const { lead } = await scoredLead(world);
    const { deps } = withSaveOutcome(world, async (call) => {
      if (call === 1) await recordLeadOutcome(dana, lead.leadId, { outcome: 'lost' }, world);
    });

    await expect(recordLeadOutcome(dana, lead.leadId, { outcome: 'converted' }, deps)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await world.leads.get(lead.leadId))?.status).toBe('lost');
    expect(await outcomes(world)).toHaveLength(1);
  });

  it('gives up with StaleVersionError after four lost races, having written nothing', async () => {
    const world = intelligenceWorld();
    const { lead } = await scoredLead(world);
    const { deps, saved } = withSaveOutcome(world, async () => {
      throw new StaleVersionError();
    });

    await expect(recordLeadOutcome(dana, lead.leadId, { outcome: 'lost' }, deps)).rejects.toBeInstanceOf(
      StaleVersionError,
    );
    expect(saved).toHaveLength(4);
    expect(await world.leads.get(lead.leadId)).toEqual(lead);
  });

  it('passes on any other failure at once', async () => {
    const world = intelligenceWorld();
    const { lead } = await scoredLead(world);
    const failure = new Error('Transaction cancelled: throughput exceeded');
    const { deps, saved } = withSaveOutcome(world, async () => {
      throw failure;
    });

    await expect(recordLeadOutcome(dana, lead.leadId, { outcome: 'lost' }, deps)).rejects.toBe(failure);
    expect(saved).toHaveLength(1);
  });
});
