import { createHash } from 'node:crypto';
import type { ConsentRecord, ConsentRegistry, ContactPoint } from '../../ports/consent-registry';
import { isConditionFailure } from './condition-failure';
import type { CrmService } from './service';

/** The contact point as the table keys it: hashed, so no number or address stays behind after an erase. */
export const contactHashOf = ({ kind, value }: ContactPoint) =>
  createHash('sha256').update(`${kind}:${value}`).digest('hex');

/**
 * Consent per contact point and channel in the single table. The newest change wins by a condition, so
 * concurrent or out-of-order deliveries settle the same way whatever order they are written in.
 */
export const createConsentRegistry = (service: CrmService): ConsentRegistry => {
  const { contactConsent } = service.entities;

  const recordByHash: ConsentRegistry['recordByHash'] = async (
    brokerageId,
    contactHash,
    { channel, state, changedAt, via, recordedAt },
  ) => {
    try {
      await contactConsent
        .put({ brokerageId, contactHash, channel, state, changedAt, via, recordedAt })
        // The rule of `supersedes`: newer wins; at the same instant an opt-out wins over an opt-in.
        .where(
          (attr, { notExists, lt, eq, ne }) =>
            `${notExists(attr.changedAt)} OR ${lt(attr.changedAt, changedAt)}` +
            (state === 'opted_out'
              ? ` OR (${eq(attr.changedAt, changedAt)} AND ${ne(attr.state, 'opted_out')})`
              : ''),
        )
        .go();
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  return {
    record: (brokerageId, point, record) => recordByHash(brokerageId, contactHashOf(point), record),
    recordByHash,
    hashOf: contactHashOf,

    async find(brokerageId, points) {
      const held = await Promise.all(
        points.map(async (point) => {
          const { data } = await contactConsent.query
            .byContact({ brokerageId, contactHash: contactHashOf(point) })
            .go({ consistent: true, pages: 'all' });
          return data;
        }),
      );
      return held.flat().map(
        ({ channel, state, changedAt, via, recordedAt }): ConsentRecord => ({
          channel,
          state,
          changedAt,
          via,
          recordedAt,
        }),
      );
    },
  };
};
