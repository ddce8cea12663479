import type { SESEvent } from 'aws-lambda';
import { inboundEmailPrefix } from '../../../schemas/email';
import { parseInboundEmail } from '../../adapters/email/parse-inbound-email';
import { receiveEmailReply } from '../../domain/messaging/receive-email-reply';
import { emailReplyDeps, rawEmails } from '../../shared/inbound-email-wiring';
import { logger, withInvocationLogger } from '../../shared/logger';

const deps = emailReplyDeps();
const store = rawEmails();

/**
 * SES receiving's Lambda action, after its S3 action stored the message: read it, record it on the lead,
 * delete it. A storage failure throws (Lambda retries the async invocation; the Message-ID receipt makes
 * the retry harmless); a message that cannot be acted on is logged (never the address) and deleted.
 */
export const handler = (event: SESEvent) =>
  withInvocationLogger(async () => {
    for (const record of event.Records) {
      const key = `${inboundEmailPrefix}${record.ses.mail.messageId}`;
      const email = await parseInboundEmail(await store.read(key));
      const outcome = email ? await receiveEmailReply(email, deps) : { result: 'unreadable' as const };
      if (outcome.result === 'unknown_sender')
        logger.info('Email reply skipped: no lead has the sender address');
      logger.info('Email reply processed', { sesMessageId: record.ses.mail.messageId, ...outcome });
      await store.remove(key);
    }
  });
