import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Service } from 'electrodb';
import { agentEntity } from './entities/agent';
import { interactionEntity } from './entities/interaction';
import { leadEntity } from './entities/lead';
import { leadContactEntity } from './entities/lead-contact';

/** The table's entities bound to one client and table name, for queries and transactions. */
export const createCrmService = (client: DynamoDBDocumentClient, table: string) =>
  new Service(
    {
      lead: leadEntity,
      leadContact: leadContactEntity,
      interaction: interactionEntity,
      agent: agentEntity,
    },
    { client, table },
  );

export type CrmService = ReturnType<typeof createCrmService>;
