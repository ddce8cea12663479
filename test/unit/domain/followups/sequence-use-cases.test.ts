import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, StaleVersionError } from '../../../../lambdas/domain/errors';
import { createSequence } from '../../../../lambdas/domain/followups/create-sequence';
import { deleteSequence } from '../../../../lambdas/domain/followups/delete-sequence';
import { listSequences } from '../../../../lambdas/domain/followups/list-sequences';
import { replaceSequence } from '../../../../lambdas/domain/followups/replace-sequence';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { SequenceRepository, StoredSequence } from '../../../../lambdas/ports/sequence-repository';
import { createIdGenerator } from '../../../../lambdas/shared/ids';
import { createSequenceBody, replaceSequenceBody } from '../../../../schemas/api/sequences';
import { createMockActor, FIXTURE_NOW } from '../../../helpers/factories';
import { sequenceBody } from '../../../helpers/sequences';

/** An in-memory store with the adapter's version guard. */
const inMemorySequences = (): SequenceRepository & { all(): StoredSequence[] } => {
  const items = new Map<string, StoredSequence>();
  const key = (agentId: string, sequenceId: string) => `${agentId}|${sequenceId}`;
  const guard = (previous: StoredSequence) => {
    if (items.get(key(previous.agentId, previous.sequenceId))?.version !== previous.version) {
      throw new StaleVersionError();
    }
  };
  return {
    all: () => [...items.values()],
    listForAgent: async (agentId) => [...items.values()].filter((s) => s.agentId === agentId),
    get: async (agentId, sequenceId) => structuredClone(items.get(key(agentId, sequenceId))),
    create: async (s) => void items.set(key(s.agentId, s.sequenceId), structuredClone(s)),
    replace: async (previous, next) => {
      guard(previous);
      items.set(key(next.agentId, next.sequenceId), structuredClone(next));
    },
    delete: async (previous) => {
      guard(previous);
      items.delete(key(previous.agentId, previous.sequenceId));
    },
  };
};

const setup = () => {
  const clock = fixedClock(FIXTURE_NOW);
  const deps = { sequences: inMemorySequences(), clock, newId: createIdGenerator(clock) };
  return { deps, clock };
};
const actor = createMockActor();
const other = createMockActor({ agentId: 'agent-sam-ortiz' });

describe('sequence use cases', () => {
  it('creates version 1 owned by the agent, and a change makes version 2 keeping its id and creation time', async () => {
    const { deps, clock } = setup();
    const created = await createSequence(actor, createSequenceBody.parse(sequenceBody()), deps);
    clock.advance(60_000);

    const next = await replaceSequence(
      actor,
      created.sequenceId,
      replaceSequenceBody.parse(sequenceBody({ name: 'Round two', description: undefined })),
      1,
      deps,
    );

    expect(next).toMatchObject({
      sequenceId: created.sequenceId,
      agentId: actor.agentId,
      name: 'Round two',
      version: 2,
      createdAt: FIXTURE_NOW,
      updatedAt: '2026-03-02T14:01:00.000Z',
    });
    expect(next).not.toHaveProperty('description');
    expect(deps.sequences.all()).toEqual([next]);
  });

  it('refuses a change made from a stale read, keeping what is stored', async () => {
    const { deps } = setup();
    const created = await createSequence(actor, createSequenceBody.parse(sequenceBody()), deps);
    await replaceSequence(
      actor,
      created.sequenceId,
      replaceSequenceBody.parse(sequenceBody({ name: 'B' })),
      1,
      deps,
    );

    await expect(
      replaceSequence(
        actor,
        created.sequenceId,
        replaceSequenceBody.parse(sequenceBody({ name: 'C' })),
        1,
        deps,
      ),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect(deps.sequences.all()[0]?.name).toBe('B');
  });

  it("treats another agent's sequence as missing and a built-in as read-only", async () => {
    const { deps } = setup();
    const created = await createSequence(actor, createSequenceBody.parse(sequenceBody()), deps);

    await expect(deleteSequence(other, created.sequenceId, undefined, deps)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(deleteSequence(actor, 'builtin-warm', undefined, deps)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await listSequences(other, deps)).map((s) => s.sequenceId)).toEqual([
      'builtin-hot',
      'builtin-warm',
      'builtin-cold',
    ]);
    await deleteSequence(actor, created.sequenceId, 1, deps);
    expect(deps.sequences.all()).toEqual([]);
  });
});
