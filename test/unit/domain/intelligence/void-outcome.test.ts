import { describe, expect, it } from 'vitest';
import { NotFoundError, StaleVersionError } from '../../../../lambdas/domain/errors';
import { recordLeadOutcome } from '../../../../lambdas/domain/intelligence/record-lead-outcome';
import { rescoreLead } from '../../../../lambdas/domain/intelligence/rescore-lead';
import { voidOutcome } from '../../../../lambdas/domain/intelligence/void-outcome';
import { emptyScoringModel } from '../../../../lambdas/domain/scoring/scoring-model';
import type { ScoreRepository } from '../../../../lambdas/ports/score-repository';
import type { Lead } from '../../../../schemas/api/leads';
import type { ScoringOutcome } from '../../../../schemas/scoring';
import { createMockActor } from '../../../helpers/factories';
import { admin, dana, type IntelligenceWorld, intelligenceWorld, omar, seedLead } from './intelligence-world';

type VoidChange = Parameters<ScoreRepository['voidOutcome']>[0];

const BROKERAGE = 'brokerage-riverside';

/** Dana closes a freshly scored lead; the outcome as it was recorded. */
const closeLead = async (
  world: IntelligenceWorld,
  outcome: ScoringOutcome,
  overrides: Partial<Lead> = {},
  recordedBy = dana,
) => {
  const lead = await seedLead(world, overrides);
  await rescoreLead(lead, 'created', world);
  await recordLeadOutcome(recordedBy, lead.leadId, { outcome }, world);
  const records = (await world.scores.listOutcomes(BROKERAGE, { limit: 100 })).items;
  const record = records.find((r) => r.leadId === lead.leadId);
  if (!record) throw new Error('The outcome was not recorded');
  return { lead, record };
};

const modelsOf = async (world: IntelligenceWorld, agentId = dana.agentId) => {
  const stored = await world.scores.models(BROKERAGE, ['brokerage', agentId]);
  return {
    brokerage: stored.find((m) => m.scope === 'brokerage'),
    agent: stored.find((m) => m.scope === agentId),
  };
};

/** The world whose voids are kept in `voids` and run `before` first; then the real write. */
const withVoid = (world: IntelligenceWorld, before: (call: number) => Promise<void> = async () => {}) => {
  const voids: VoidChange[] = [];
  const scores: ScoreRepository = {
    ...world.scores,
    async voidOutcome(change) {
      voids.push(structuredClone(change));
      await before(voids.length);
      return world.scores.voidOutcome(change);
    },
  };
  return { deps: { ...world, scores }, voids };
};

describe('voidOutcome', () => {
  it('takes an outcome’s evidence back out of both models and marks it void, the lead keeping its status', async () => {
    const world = intelligenceWorld();
    const { lead, record } = await closeLead(world, 'converted');
    world.clock.set('2026-03-09T08:15:00.000Z');

    const voided = await voidOutcome(admin, record.outcomeId, world);

    expect(voided).toEqual({ ...record, voidedAt: '2026-03-09T08:15:00.000Z', voidedBy: admin.agentId });
    expect(await world.scores.getOutcome(BROKERAGE, record.outcomeId)).toEqual(voided);
    const { brokerage, agent } = await modelsOf(world);
    const empty = emptyScoringModel();
    for (const stored of [brokerage, agent]) {
      expect(stored).toMatchObject({ version: 2, model: { outcomes: 0, converted: 0, evidence: 0 } });
      // The step taken when it was learned is undone: the model scores as if it never saw the lead.
      expect(stored?.model?.bias.mean).toBeCloseTo(empty.bias.mean, 9);
      expect(stored?.model?.bias.precision).toBeCloseTo(empty.bias.precision, 9);
      for (const signal of record.signals) expect(stored?.model?.signals[signal]?.mean).toBeCloseTo(0, 9);
    }
    expect(brokerage?.model?.agents).toEqual({ [dana.agentId]: 0 });
    expect(agent?.model?.agents).toEqual({});
    expect((await world.leads.get(lead.leadId))?.status).toBe('converted');
  });

  it('undoes a loss as a loss', async () => {
    const world = intelligenceWorld();
    await closeLead(world, 'converted');
    const { record } = await closeLead(world, 'lost', { name: 'Priya Natarajan' });

    await voidOutcome(admin, record.outcomeId, world);

    const { brokerage } = await modelsOf(world);
    expect(brokerage?.model).toMatchObject({ outcomes: 1, converted: 1, evidence: 1 });
    for (const signal of record.signals) expect(brokerage?.model?.signals[signal]?.lost).toBeCloseTo(0, 9);
  });

  it('takes out what the admin recorded from the admin’s share of the brokerage’s evidence', async () => {
    const world = intelligenceWorld();
    const { record } = await closeLead(world, 'converted', {}, admin);

    await voidOutcome(admin, record.outcomeId, world);

    const { brokerage, agent } = await modelsOf(world);
    expect(brokerage?.model?.agents).toEqual({ [admin.agentId]: 0 });
    expect(agent?.model?.agents).toEqual({});
  });

  it('changes nothing when the outcome is already void', async () => {
    const world = intelligenceWorld();
    await closeLead(world, 'lost');
    const { record } = await closeLead(world, 'converted', { name: 'Priya Natarajan' });
    const first = await voidOutcome(admin, record.outcomeId, world);
    const modelsAfterFirst = await modelsOf(world);
    world.clock.set('2026-03-10T08:00:00.000Z');

    const again = await voidOutcome(admin, record.outcomeId, world);

    expect(again).toEqual(first);
    expect(await modelsOf(world)).toEqual(modelsAfterFirst);
    expect(modelsAfterFirst.brokerage?.model?.outcomes).toBe(1);
  });

  it('leaves a model the outcome did not count in untouched', async () => {
    const world = intelligenceWorld();
    const { record } = await closeLead(world, 'converted');
    // As if Dana's share had been used up when she recorded it: only her own model learned from it.
    const { deps, voids } = withVoid({
      ...world,
      scores: {
        ...world.scores,
        getOutcome: async (brokerageId, outcomeId) => {
          const stored = await world.scores.getOutcome(brokerageId, outcomeId);
          return stored && { ...stored, weights: { brokerage: 0, agent: 1 } };
        },
      },
    });
    const before = await modelsOf(world);

    await voidOutcome(admin, record.outcomeId, deps);

    expect(voids[0]?.models.map((m) => m.scope)).toEqual([dana.agentId]);
    const after = await modelsOf(world);
    expect(after.brokerage).toEqual(before.brokerage);
    expect(after.agent).toMatchObject({ version: 2, model: { outcomes: 0 } });
  });

  it('leaves a model stored in an older layout to start again from the prior', async () => {
    const world = intelligenceWorld();
    const { record } = await closeLead(world, 'converted');
    const { deps, voids } = withVoid({
      ...world,
      scores: {
        ...world.scores,
        models: async (brokerageId, scopes) =>
          (await world.scores.models(brokerageId, scopes)).map((m) =>
            m.scope === 'brokerage' ? { ...m, model: undefined } : m,
          ),
      },
    });

    const voided = await voidOutcome(admin, record.outcomeId, deps);

    expect(voided.voidedAt).toBe('2026-03-02T14:00:00.000Z');
    expect(voids[0]?.models).toEqual([
      expect.objectContaining({
        scope: dana.agentId,
        previousVersion: 1,
        next: expect.objectContaining({ outcomes: 0 }),
      }),
    ]);
  });

  it('voids an outcome whose agent has no model stored any more, taking it out of the brokerage’s', async () => {
    const world = intelligenceWorld();
    const { record } = await closeLead(world, 'converted');
    const { deps, voids } = withVoid({
      ...world,
      scores: {
        ...world.scores,
        models: async (brokerageId, scopes) =>
          (await world.scores.models(brokerageId, scopes)).filter((m) => m.scope === 'brokerage'),
      },
    });

    const voided = await voidOutcome(admin, record.outcomeId, deps);

    expect(voided.voidedBy).toBe(admin.agentId);
    expect(voids[0]?.models.map((m) => m.scope)).toEqual(['brokerage']);
    expect((await modelsOf(world)).brokerage?.model?.outcomes).toBe(0);
  });

  it('forgets only the signals learning knows', async () => {
    const world = intelligenceWorld();
    const { record } = await closeLead(world, 'converted');
    const { deps } = withVoid({
      ...world,
      scores: {
        ...world.scores,
        getOutcome: async (brokerageId, outcomeId) => {
          const stored = await world.scores.getOutcome(brokerageId, outcomeId);
          return stored && { ...stored, signals: [...stored.signals, 'retired.signal'] };
        },
      },
    });

    await voidOutcome(admin, record.outcomeId, deps);

    const { brokerage, agent } = await modelsOf(world);
    expect(brokerage?.model?.signals).not.toHaveProperty('retired.signal');
    expect(agent?.model?.signals).not.toHaveProperty('retired.signal');
  });

  it('tries again with the models a concurrent outcome just stored, keeping what that one taught', async () => {
    const world = intelligenceWorld();
    const { record } = await closeLead(world, 'converted');
    const other = await seedLead(world, { name: 'Priya Natarajan' });
    await rescoreLead(other, 'created', world);
    const { deps, voids } = withVoid(world, async (call) => {
      if (call === 1) await recordLeadOutcome(dana, other.leadId, { outcome: 'lost' }, world);
    });

    await voidOutcome(admin, record.outcomeId, deps);

    expect(voids).toHaveLength(2);
    expect(voids[1]?.models.map((m) => m.previousVersion)).toEqual([2, 2]);
    const { brokerage, agent } = await modelsOf(world);
    expect(brokerage).toMatchObject({ version: 3, model: { outcomes: 1, converted: 0 } });
    expect(agent).toMatchObject({ version: 3, model: { outcomes: 1, converted: 0 } });
  });

  it('gives up with StaleVersionError after four lost races', async () => {
    const world = intelligenceWorld();
    const { record } = await closeLead(world, 'converted');
    const { deps, voids } = withVoid(world, async () => {
      throw new StaleVersionError();
    });

    await expect(voidOutcome(admin, record.outcomeId, deps)).rejects.toBeInstanceOf(StaleVersionError);
    expect(voids).toHaveLength(4);
    expect((await world.scores.getOutcome(BROKERAGE, record.outcomeId))?.voidedAt).toBeUndefined();
  });

  it('passes on any other failure at once', async () => {
    const world = intelligenceWorld();
    const { record } = await closeLead(world, 'converted');
    const failure = new Error('Transaction cancelled: throughput exceeded');
    const { deps, voids } = withVoid(world, async () => {
      throw failure;
    });

    await expect(voidOutcome(admin, record.outcomeId, deps)).rejects.toBe(failure);
    expect(voids).toHaveLength(1);
  });

  it('answers an unknown outcome, or another brokerage’s, as not found', async () => {
    const world = intelligenceWorld();
    const { record } = await closeLead(world, 'converted');
    const elsewhere = createMockActor({
      agentId: 'agent-kim-park',
      brokerageId: 'brokerage-harbor',
      email: 'kim.park@example.com',
      role: 'admin',
    });

    const unknown = voidOutcome(admin, '01JD7Q3M2Y9V1X8K4T6R5W0ZZZ', world);
    await expect(unknown).rejects.toBeInstanceOf(NotFoundError);
    await expect(unknown).rejects.toThrow('Outcome was not found');
    await expect(voidOutcome(elsewhere, record.outcomeId, world)).rejects.toBeInstanceOf(NotFoundError);
    expect((await world.scores.getOutcome(BROKERAGE, record.outcomeId))?.voidedAt).toBeUndefined();
  });

  it('answers an agent as if there were no such outcome, voiding nothing', async () => {
    const world = intelligenceWorld();
    const { record } = await closeLead(world, 'converted');

    await expect(voidOutcome(dana, record.outcomeId, world)).rejects.toBeInstanceOf(NotFoundError);
    await expect(voidOutcome(omar, record.outcomeId, world)).rejects.toBeInstanceOf(NotFoundError);
    expect((await world.scores.getOutcome(BROKERAGE, record.outcomeId))?.voidedAt).toBeUndefined();
    expect((await modelsOf(world)).brokerage?.model?.outcomes).toBe(1);
  });
});
