import { createReceiptStore } from '../adapters/dynamodb/receipt-store';
import { createS3RawEmails } from '../adapters/email/s3-raw-emails';
import { systemClock } from '../ports/clock';
import { s3Client } from './clients/s3';
import { env, required } from './env';
import { crmService, leadDeps } from './wiring';

/** What recording an emailed reply needs: the leads, the receipts (one transaction), a clock and ids. */
export const emailReplyDeps = () => {
  const { leads, clock, newId } = leadDeps();
  return {
    brokerageId: env().BROKERAGE_ID,
    leads,
    receipts: createReceiptStore(crmService(), systemClock),
    clock,
    newId,
  };
};

/** The bucket SES receiving stores raw replies in. */
export const rawEmails = () => createS3RawEmails(s3Client(), required('INBOUND_EMAIL_BUCKET'));
