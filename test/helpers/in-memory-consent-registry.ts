import { contactHashOf } from '../../lambdas/adapters/dynamodb/consent-registry';
import { supersedes } from '../../lambdas/domain/consent/consent-order';
import type { ConsentRecord, ConsentRegistry, ContactPoint } from '../../lambdas/ports/consent-registry';

/** The registry's contract in memory: one record per brokerage, contact point and channel; the newest change wins. */
export const createInMemoryConsentRegistry = (): ConsentRegistry => {
  const records = new Map<string, ConsentRecord>();
  const keyOf = (brokerageId: string, point: ContactPoint) => `${brokerageId}|${contactHashOf(point)}`;
  const recordByHash: ConsentRegistry['recordByHash'] = async (brokerageId, contactHash, record) => {
    const key = `${brokerageId}|${contactHash}|${record.channel}`;
    if (!supersedes(records.get(key), record)) return false;
    records.set(key, structuredClone(record));
    return true;
  };

  return {
    record: (brokerageId, point, record) => recordByHash(brokerageId, contactHashOf(point), record),
    recordByHash,
    hashOf: contactHashOf,

    async find(brokerageId, points) {
      const prefixes = points.map((point) => `${keyOf(brokerageId, point)}|`);
      return [...records.entries()]
        .filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix)))
        .map(([, record]) => structuredClone(record));
    },
  };
};
