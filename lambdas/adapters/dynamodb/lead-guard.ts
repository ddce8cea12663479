import { StaleVersionError } from '../../domain/errors';
import { LeadGoneError } from '../../domain/leads/lead-errors';
import type { CrmService } from './service';

/**
 * The condition on every write that touches a lead or its partition: the lead exists and no erase has
 * begun. An erase marks the lead first, so once marked no write can add an item the erase would miss.
 */
export const leadAlive = (
  attr: { leadId: string; erasing: boolean },
  op: { exists: (a: string) => string; notExists: (a: boolean) => string },
) => `${op.exists(attr.leadId)} AND ${op.notExists(attr.erasing)}`;

/** The lead's version still matches, and no erase has begun. */
export const leadAtVersion =
  (version: number) =>
  (
    attr: { version: number; erasing: boolean },
    op: { eq: (a: number, v: number) => string; notExists: (a: boolean) => string },
  ) =>
    `${op.eq(attr.version, version)} AND ${op.notExists(attr.erasing)}`;

type TransactionLead = Parameters<Parameters<CrmService['transaction']['write']>[0]>[0]['lead'];

/** A transaction item that only checks the lead is alive, for writes to its partition that leave it as is. */
export const checkLeadAlive = (lead: TransactionLead, leadId: string) =>
  lead.check({ leadId }).where(leadAlive).commit();

/** Why a guarded write on a lead was refused: the lead is gone (or going), or someone changed it first. */
export const refusalOf = async (service: CrmService, leadId: string): Promise<Error> => {
  const { data } = await service.entities.lead.get({ leadId }).go({ consistent: true });
  return !data || data.erasing ? new LeadGoneError(leadId) : new StaleVersionError();
};
