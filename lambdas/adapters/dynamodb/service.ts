import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Service } from 'electrodb';
import { activityCounterEntity } from './entities/activity-counter';
import { activityMarkEntity } from './entities/activity-mark';
import { agentEntity } from './entities/agent';
import { analysisCacheEntity } from './entities/analysis-cache';
import { changeFeedEntryEntity, changeFeedHeadEntity } from './entities/change-feed';
import { contactConsentEntity } from './entities/contact-consent';
import { deviceEntity } from './entities/device';
import { followUpRunEntity } from './entities/follow-up-run';
import { followUpStepResultEntity } from './entities/follow-up-step-result';
import { idempotencyLinkEntity } from './entities/idempotency-link';
import { idempotencyRecordEntity } from './entities/idempotency-record';
import { interactionEntity } from './entities/interaction';
import { leadEntity } from './entities/lead';
import { leadContactEntity } from './entities/lead-contact';
import { leadEventEntity } from './entities/lead-event';
import { listingEntity } from './entities/listing';
import { messageRefEntity } from './entities/message-ref';
import { openLeadCountEntity } from './entities/open-lead-count';
import { openLeadMarkEntity } from './entities/open-lead-mark';
import { parkedLeadgenEntity } from './entities/parked-leadgen';
import { pendingStatusEntity } from './entities/pending-status';
import { receiptEntity } from './entities/receipt';
import { routingCursorEntity } from './entities/routing-cursor';
import { scoreSnapshotEntity } from './entities/score-snapshot';
import { scoringModelEntity } from './entities/scoring-model';
import { scoringOutcomeEntity } from './entities/scoring-outcome';
import { sequenceEntity } from './entities/sequence';
import { taskEntity } from './entities/task';
import { unsubscribeLinkEntity } from './entities/unsubscribe-link';

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
      pendingStatus: pendingStatusEntity,
      sequence: sequenceEntity,
      contactConsent: contactConsentEntity,
      parkedLeadgen: parkedLeadgenEntity,
      idempotencyLink: idempotencyLinkEntity,
      idempotencyRecord: idempotencyRecordEntity,
      followUpRun: followUpRunEntity,
      followUpStepResult: followUpStepResultEntity,
      task: taskEntity,
      unsubscribeLink: unsubscribeLinkEntity,
      listing: listingEntity,
      scoringOutcome: scoringOutcomeEntity,
      activityCounter: activityCounterEntity,
      activityMark: activityMarkEntity,
      changeFeedEntry: changeFeedEntryEntity,
      changeFeedHead: changeFeedHeadEntity,
      device: deviceEntity,
      openLeadCount: openLeadCountEntity,
      openLeadMark: openLeadMarkEntity,
    },
    { client, table },
  );

export type CrmService = ReturnType<typeof createCrmService>;
