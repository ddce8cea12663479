import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Service } from 'electrodb';
import { agentEntity } from './entities/agent';
import { analysisCacheEntity } from './entities/analysis-cache';
import { followUpRunEntity } from './entities/follow-up-run';
import { interactionEntity } from './entities/interaction';
import { leadEntity } from './entities/lead';
import { leadContactEntity } from './entities/lead-contact';
import { leadEventEntity } from './entities/lead-event';
import { messageRefEntity } from './entities/message-ref';
import { receiptEntity } from './entities/receipt';
import { routingCursorEntity } from './entities/routing-cursor';
import { scoreSnapshotEntity } from './entities/score-snapshot';
import { scoringModelEntity } from './entities/scoring-model';

/** The table's entities bound to one client and table name, for queries and transactions. */
export const createCrmService = (client: DynamoDBDocumentClient, table: string) =>
  new Service(
    {
      lead: leadEntity,
      leadContact: leadContactEntity,
      interaction: interactionEntity,
      agent: agentEntity,
      messageRef: messageRefEntity,
      receipt: receiptEntity,
      leadEvent: leadEventEntity,
      routingCursor: routingCursorEntity,
      scoreSnapshot: scoreSnapshotEntity,
      scoringModel: scoringModelEntity,
      analysisCache: analysisCacheEntity,
      followUpRun: followUpRunEntity,
    },
    { client, table },
  );

export type CrmService = ReturnType<typeof createCrmService>;
