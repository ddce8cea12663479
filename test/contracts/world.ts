import { randomUUID } from 'node:crypto';
import type { Clock } from '../../lambdas/ports/clock';
import type { ConsentRegistry } from '../../lambdas/ports/consent-registry';
import type { InteractionRepository } from '../../lambdas/ports/interaction-repository';
import type { LeadRepository } from '../../lambdas/ports/lead-repository';
import type { MessageRefRepository } from '../../lambdas/ports/message-refs';
import type { Device, DeviceRegistry } from '../../lambdas/ports/push';
import type { ReceiptStore } from '../../lambdas/ports/receipts';
import type { ScoreRepository } from '../../lambdas/ports/score-repository';
import type { Lead } from '../../schemas/api/leads';
import type { ScoreSnapshot } from '../../schemas/api/scores';
import { createMockLead } from '../helpers/factories';

/**
 * The storage ports over one store, as a use case sees them: the contract suites run the same tests on the
 * in-memory fakes and on the DynamoDB adapters, so a fake can never be kinder than the table.
 */
export interface StoreWorld {
  clock: Clock & { advance(ms: number): void };
  leads: LeadRepository;
  interactions: InteractionRepository;
  scores: ScoreRepository;
  receipts: ReceiptStore;
  refs: MessageRefRepository;
  consents: ConsentRegistry;
  devices: DeviceRegistry;
  /** Saves a phone as records were kept before devices were found by id: with no entry to find it by. */
  saveDeviceAsBefore(device: Device): Promise<void>;
  /** Marks the lead's erase as begun and leaves it unfinished, as an erase that failed part-way does. */
  beginErase(lead: Lead): Promise<void>;
}

export type MakeWorld = () => Promise<StoreWorld>;

/** Owners no other test uses, so lists see only the test's own leads even on a shared table. */
export const freshOwner = () => {
  const tag = randomUUID().slice(0, 8);
  return { agentId: `agent-${tag}`, brokerageId: `brokerage-${tag}` };
};

/** A lead of a fresh agent unless the test names one; no contact unless given. */
export const aLead = (overrides: Partial<Lead> = {}) => createMockLead({ ...freshOwner(), ...overrides });

/** A stored score as the scorer writes it. */
export const aSnapshot = (leadId: string, snapshotId: string, score = 72): ScoreSnapshot => ({
  snapshotId,
  leadId,
  trigger: 'message_in',
  score: {
    score,
    conversionProbability: 0.4,
    confidence: 0.6,
    temperature: score >= 70 ? 'hot' : 'warm',
    baseline: 40,
    factors: [],
    provider: 'heuristic',
    modelOutcomes: 0,
    recommendedActions: [],
    scoredAt: '2026-03-02T14:00:00.000Z',
  },
});
