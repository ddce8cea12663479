import type { BusinessMetrics } from '../../ports/business-metrics';
import type { LeadScorer } from '../../ports/lead-scorer';
import type { MessageRefRepository } from '../../ports/message-refs';
import type { LeadAdsPort, MessagingPort } from '../../ports/messaging';
import type { ParkedLeadgenStore } from '../../ports/parked-leadgens';
import type { ReceiptStore } from '../../ports/receipts';
import type { RoutingCursor } from '../../ports/routing-cursor';
import type { LeadDeps } from '../leads/deps';

/** What turning inbound WhatsApp and Facebook activity into leads needs. */
export interface IntakeDeps extends LeadDeps {
  /** The brokerage this deployment serves: inbound contacts are matched and routed within it. */
  brokerageId: string;
  receipts: ReceiptStore;
  refs: MessageRefRepository;
  routing: RoutingCursor;
  scorer: LeadScorer;
  /** What operators are alarmed on (refused intake, parked lead forms). */
  metrics: BusinessMetrics;
}

export interface FacebookIntakeDeps extends IntakeDeps {
  leadAds: LeadAdsPort;
  /** Lead forms Meta would not let us read yet. */
  parked: ParkedLeadgenStore;
}

/** What an agent's WhatsApp send needs. */
export interface SendWhatsAppDeps extends Pick<LeadDeps, 'leads' | 'clock' | 'newId'> {
  receipts: ReceiptStore;
  refs: MessageRefRepository;
  messaging: MessagingPort;
  scorer: LeadScorer;
}
