import { createAgentRepository } from '../adapters/dynamodb/agent-repository';
import { createConsentRegistry } from '../adapters/dynamodb/consent-registry';
import { createInteractionRepository } from '../adapters/dynamodb/interaction-repository';
import { createLeadEventLog } from '../adapters/dynamodb/lead-event-log';
import { createLeadRepository } from '../adapters/dynamodb/lead-repository';
import { createMessageRefRepository } from '../adapters/dynamodb/message-ref-repository';
import { createPendingStatusStore } from '../adapters/dynamodb/pending-status-store';
import { createReceiptStore } from '../adapters/dynamodb/receipt-store';
import { createTaskRepository } from '../adapters/dynamodb/task-repository';
import { createPowertoolsMetrics } from '../adapters/metrics/powertools-metrics';
import type { SendStepDeps } from '../domain/workflow/send-step';
import { systemClock } from '../ports/clock';
import { env } from './env';
import { followUpClock } from './follow-up-clock';
import { createIdGenerator } from './ids';
import { logger } from './logger';
import { whatsAppMessaging } from './messaging-wiring';
import { crmService } from './wiring';
import { followUpRuns } from './workflow-wiring';

let deps: SendStepDeps | undefined;

const errorName = (error: unknown) => (error instanceof Error ? error.name : String(error));

/**
 * What sending a follow-up step needs, built once per container: the table's records, WhatsApp through
 * the same messaging as the agent's send, and the follow-up clock. Email and a model drafter join when
 * they are wired; until then email steps are skipped and AI-draft steps use the template drafter.
 */
export const sendStepDeps = (): SendStepDeps => {
  if (deps) return deps;
  const crm = crmService();
  const clock = followUpClock();
  deps = {
    runs: followUpRuns(),
    leads: createLeadRepository(crm),
    interactions: createInteractionRepository(crm),
    agents: createAgentRepository(crm),
    consents: createConsentRegistry(crm),
    events: createLeadEventLog(crm),
    tasks: createTaskRepository(crm),
    refs: createMessageRefRepository(crm),
    // Expiry times are real time, also under a local speed-up.
    receipts: createReceiptStore(crm, systemClock),
    pendingStatuses: createPendingStatusStore(crm, systemClock),
    messaging: whatsAppMessaging(),
    metrics: createPowertoolsMetrics(),
    clock,
    newId: createIdGenerator(clock),
    defaultTimeZone: env().DEFAULT_TIMEZONE,
    onPendingStatusError: (error) =>
      logger.warn('Statuses kept for a follow-up message were not applied yet', { error: errorName(error) }),
    onWriterError: (error) =>
      logger.warn('The draft writer failed; the template drafter wrote the step', {
        error: errorName(error),
      }),
  };
  return deps;
};
