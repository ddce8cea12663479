import * as z from 'zod';

/** One WhatsApp message the sandbox "sent". */
export const whatsAppOutboxEntrySchema = z.object({
  wamid: z.string(),
  channel: z.literal('whatsapp'),
  to: z.string(),
  kind: z.enum(['text', 'template', 'image', 'document']),
  body: z.string().optional(),
  previewUrl: z.boolean().optional(),
  template: z
    .object({ name: z.string(), language: z.string(), bodyParameters: z.array(z.string()) })
    .optional(),
  media: z
    .object({ link: z.string(), caption: z.string().optional(), filename: z.string().optional() })
    .optional(),
  /** ISO-8601 UTC. */
  at: z.string(),
});
export type WhatsAppOutboxEntry = z.infer<typeof whatsAppOutboxEntrySchema>;

/** One email the sandbox "sent": what SES would have delivered, headers included. */
export const emailOutboxEntrySchema = z.object({
  messageId: z.string(),
  channel: z.literal('email'),
  kind: z.literal('email'),
  from: z.string(),
  to: z.string(),
  replyTo: z.string().optional(),
  subject: z.string(),
  /** The plain-text body as sent, the unsubscribe line at its foot. */
  body: z.string(),
  /** `List-Unsubscribe` and `List-Unsubscribe-Post`, as a mail client reads them. */
  headers: z.record(z.string(), z.string()),
  unsubscribeUrl: z.string(),
  leadId: z.string(),
  /** ISO-8601 UTC. */
  at: z.string(),
});
export type EmailOutboxEntry = z.infer<typeof emailOutboxEntrySchema>;

/** One push notification the sandbox "sent" to an agent's device. */
export const pushOutboxEntrySchema = z.object({
  messageId: z.string(),
  channel: z.literal('push'),
  kind: z.literal('push'),
  agentId: z.string(),
  deviceId: z.string(),
  platform: z.enum(['ios', 'android']),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.string()),
  /** ISO-8601 UTC. */
  at: z.string(),
});
export type PushOutboxEntry = z.infer<typeof pushOutboxEntrySchema>;

/** One message the sandbox "sent": what a developer reads at `GET /_local/outbox`. */
export const outboxEntrySchema = z.discriminatedUnion('channel', [
  whatsAppOutboxEntrySchema,
  emailOutboxEntrySchema,
  pushOutboxEntrySchema,
]);
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** Where sandbox adapters record outbound messages instead of delivering them. Oldest first. */
export interface Outbox {
  append(entry: OutboxEntry): Promise<void>;
  list(): Promise<OutboxEntry[]>;
}
