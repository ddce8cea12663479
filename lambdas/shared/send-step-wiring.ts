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
import { draftWriter } from './draft-wiring';
import { emailSender, unsubscribeLinks } from './email-wiring';
import { env } from './env';
import { createIdGenerator } from './ids';
import { logger } from './logger';
import { whatsAppMessaging } from './messaging-wiring';
import { crmService } from './wiring';
import { followUpRuns } from './workflow-wiring';

let deps: SendStepDeps | undefined;

const errorName = (error: unknown) => (error instanceof Error ? error.name : String(error));

/**
 * What sending a follow-up step needs, built once per container: the table's records, WhatsApp through
 * the same messaging as the agent's send, the brokerage's email and a model drafter when the
 * deployment has them.
 */
export const sendStepDeps = (): SendStepDeps => {
  if (deps) return deps;
  const crm = crmService();
  const clock = systemClock;
  const sender = emailSender();
  const writer = draftWriter();
  deps = {
    runs: followUpRuns(),
    leads: createLeadRepository(crm),
    interactions: createInteractionRepository(crm),
    agents: createAgentRepository(crm),
    consents: createConsentRegistry(crm),
    events: createLeadEventLog(crm),
    tasks: createTaskRepository(crm),
    refs: createMessageRefRepository(crm),
    receipts: createReceiptStore(crm, systemClock),
    pendingStatuses: createPendingStatusStore(crm, systemClock),
    messaging: whatsAppMessaging(),
    // The brokerage's email when it has one (the sender carries its reply address); else email steps are skipped.
    ...(sender && { email: { sender, links: unsubscribeLinks() } }),
    // A model drafts AI-draft steps when one is bound; else the template drafter writes them.
    ...(writer && { writer }),
    metrics: createPowertoolsMetrics(),
    clock,
    newId: createIdGenerator(clock),
    defaultTimeZone: env().DEFAULT_TIMEZONE,
    // The local speed-up shortens waits: a wake comes before its step's time and is taken as due.
    wakesComeEarly: (env().FOLLOW_UP_CLOCK_SPEED ?? 1) > 1,
    onPendingStatusError: (error) =>
      logger.warn('Statuses kept for a follow-up message were not applied yet', { error: errorName(error) }),
    onWriterError: (error) =>
      logger.warn('The draft writer failed; the template drafter wrote the step', {
        error: errorName(error),
      }),
  };
  return deps;
};
