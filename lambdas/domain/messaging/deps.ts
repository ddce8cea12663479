import type { BusinessMetrics } from '../../ports/business-metrics';
import type { LeadScorer } from '../../ports/lead-scorer';
import type { MessageRefRepository } from '../../ports/message-refs';
import type { LeadAdsPort, MessagingPort } from '../../ports/messaging';
import type { ParkedLeadgenStore } from '../../ports/parked-leadgens';
import type { PendingStatusStore } from '../../ports/pending-statuses';
import type { ReceiptStore } from '../../ports/receipts';
import type { RoutingCursor } from '../../ports/routing-cursor';
import type { NewLeadEnrolment } from '../followups/enrol-new-lead';
import type { LeadDeps } from '../leads/deps';

/** What turning inbound WhatsApp and Facebook activity into leads needs. */
export interface IntakeDeps extends LeadDeps {
  /** The brokerage this deployment serves: inbound contacts are matched and routed within it. */
  brokerageId: string;
  receipts: ReceiptStore;
  refs: MessageRefRepository;
  /** Delivery statuses that arrived before their send was recorded. */
  pendingStatuses: PendingStatusStore;
  routing: RoutingCursor;
  scorer: LeadScorer;
  /** What operators are alarmed on (refused intake, parked lead forms, failed enrolments). */
  metrics: BusinessMetrics;
  /** Enrols a lead intake just created in its follow-up, when its agent's profile says so. */
  enrolNewLead?: (leadId: string) => Promise<NewLeadEnrolment>;
  /** Told when that enrolment failed; the lead is kept and the delivery still succeeds. */
  onEnrolError?: (error: unknown, leadId: string) => void;
}

export interface FacebookIntakeDeps extends IntakeDeps {
  leadAds: LeadAdsPort;
  /** Lead forms Meta would not let us read yet. */
  parked: ParkedLeadgenStore;
}

/** What an agent's WhatsApp send needs. */
export interface SendWhatsAppDeps extends Pick<LeadDeps, 'leads' | 'consents' | 'clock' | 'newId'> {
  receipts: ReceiptStore;
  refs: MessageRefRepository;
  /** Statuses Meta reported before the send was recorded, applied once it is. */
  pendingStatuses: PendingStatusStore;
  /** Told when applying those statuses failed after the send itself succeeded (they stay kept). */
  onPendingStatusError?: (error: unknown) => void;
  messaging: MessagingPort;
  scorer: LeadScorer;
  /** Counts refused sends by reason. */
  metrics: Pick<BusinessMetrics, 'count'>;
}
