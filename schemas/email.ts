import type { RouteAccess } from './routes';

/** The function SES receiving invokes for each reply to the brokerage's receiving address. */
export const inboundEmailFunction = {
  id: 'receiveEmailReply',
  handler: 'lambdas/handlers/email/receive-email-reply.ts',
  summary: "Records a lead's email reply (SES receiving: the raw message stored in S3, then this function)",
  access: { table: 'readWrite', inboundEmail: true } satisfies RouteAccess,
  timeoutSeconds: 30,
} as const;

/** Where SES receiving puts raw emails in the inbound bucket; each object is named by SES's message id. */
export const inboundEmailPrefix = 'inbound/';
