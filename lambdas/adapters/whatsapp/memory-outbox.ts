import type { Outbox, OutboxEntry } from '../../ports/outbox';

/** An outbox held in memory, for tests; `list` returns copies so callers cannot rewrite history. */
export const createMemoryOutbox = (): Outbox => {
  const entries: OutboxEntry[] = [];
  return {
    async append(entry) {
      entries.push(structuredClone(entry));
    },
    async list() {
      return entries.map((entry) => structuredClone(entry));
    },
  };
};
