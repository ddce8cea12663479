/**
 * The single table's physical key layout. The CDK table construct and the local DynamoDB
 * bootstrap both build the table from this, and every ElectroDB entity maps its indexes onto
 * these attribute names, so nothing lists the layout twice.
 */
export const tableLayout = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  /** The stream the follow-up reactions read: every change with its item before and after. */
  streamViewType: 'NEW_AND_OLD_IMAGES',
  globalIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
    { indexName: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk' },
  ],
} as const;

export type GlobalIndexName = (typeof tableLayout.globalIndexes)[number]['indexName'];
