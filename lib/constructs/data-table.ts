import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableLayout } from '../../schemas/table';

/**
 * The brokerage's single DynamoDB table, built from the shared key layout so the stack, the
 * local DynamoDB bootstrap and the ElectroDB entities agree on every attribute name.
 * It outlives the stack: on-demand, point-in-time recovery, deletion protection, retained on delete.
 * Its stream (new and old images; turning it on is an in-place update) feeds the follow-up reactions.
 */
export class DataTable extends TableV2 {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      partitionKey: { name: tableLayout.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableLayout.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: tableLayout.globalIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      })),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: tableLayout.timeToLiveAttribute,
      dynamoStream: StreamViewType[tableLayout.streamViewType],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
