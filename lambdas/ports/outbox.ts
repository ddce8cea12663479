import * as z from 'zod';

/** One message the sandbox "sent": what a developer reads at `GET /_local/outbox`. */
export const outboxEntrySchema = z.object({
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
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** Where sandbox adapters record outbound messages instead of delivering them. Oldest first. */
export interface Outbox {
  append(entry: OutboxEntry): Promise<void>;
  list(): Promise<OutboxEntry[]>;
}
