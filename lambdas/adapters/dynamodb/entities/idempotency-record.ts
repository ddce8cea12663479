import { Entity } from 'electrodb';

/** Where Powertools keeps idempotency records in the table: one static partition, its own sort keys. */
export const idempotencyRecordLayout = {
  keyAttr: 'pk',
  sortKeyAttr: 'sk',
  staticPkValue: 'idempotency',
  dataAttr: 'data',
  expiryAttr: 'expiresAt',
} as const;

/**
 * A Powertools idempotency record seen through ElectroDB, only so an erase can replace its stored answer.
 * Powertools writes these items; the keys are used verbatim (no ElectroDB prefix, no casing).
 */
export const idempotencyRecordEntity = new Entity({
  model: { entity: 'idempotencyRecord', version: '1', service: 'crm' },
  attributes: {
    recordKey: { type: 'string', required: true, readOnly: true },
    /** The stored answer (Powertools' `data` attribute). */
    data: { type: 'any' },
  },
  indexes: {
    byKey: {
      pk: {
        field: idempotencyRecordLayout.keyAttr,
        composite: [],
        template: idempotencyRecordLayout.staticPkValue,
        casing: 'none',
      },
      sk: {
        field: idempotencyRecordLayout.sortKeyAttr,
        composite: ['recordKey'],
        // ElectroDB's key template syntax, not a JavaScript template: the sort key is the record key verbatim.
        // biome-ignore lint/suspicious/noTemplateCurlyInString: ElectroDB key template
        template: '${recordKey}',
        casing: 'none',
      },
    },
  },
});
