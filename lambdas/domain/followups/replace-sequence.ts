import type { ReplaceSequenceBody } from '../../../schemas/api/sequences';
import type { StoredSequence } from '../../ports/sequence-repository';
import type { Actor } from '../actor';
import { StaleVersionError } from '../errors';
import { loadOwnSequenceFor } from './load-sequence';
import type { SequenceDeps } from './sequence-deps';

/**
 * Replaces the agent's own sequence with a new version.
 * Flow: load (built-in → 403, not theirs → 404) → check the version the app read (If-Match or
 * `version`) → write version + 1 guarded by the version read. Follow-ups already running keep
 * the steps they copied when they started.
 */
export const replaceSequence = async (
  actor: Actor,
  sequenceId: string,
  { version, ...body }: ReplaceSequenceBody,
  ifMatch: number | undefined,
  deps: Pick<SequenceDeps, 'sequences' | 'clock'>,
): Promise<StoredSequence> => {
  const current = await loadOwnSequenceFor(actor, sequenceId, deps);
  const expected = ifMatch ?? version ?? current.version;
  if (expected !== current.version) throw new StaleVersionError(current.version);
  const { description: _previousDescription, ...kept } = current;
  const next: StoredSequence = {
    ...kept,
    name: body.name,
    ...(body.description === undefined ? {} : { description: body.description }),
    temperature: body.temperature,
    steps: body.steps,
    version: current.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.sequences.replace(current, next);
  return next;
};
