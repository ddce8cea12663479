import type { Clock } from '../../ports/clock';
import { systemClock } from '../../ports/clock';
import type { MessagingPort, SentMessage } from '../../ports/messaging';
import type { Outbox, WhatsAppOutboxEntry } from '../../ports/outbox';
import { newWamid } from './wamid';

export interface SandboxMessagingOptions {
  outbox: Outbox;
  clock?: Clock;
  /** Injected for deterministic ids in tests. */
  wamid?: (to: string) => string;
}

type Draft = Omit<WhatsAppOutboxEntry, 'wamid' | 'channel' | 'at'>;

/**
 * A MessagingPort for running without a WhatsApp access token: every message is recorded in the outbox
 * with a Meta-shaped wamid and nothing leaves the machine. It accepts every send; the 24-hour window and
 * opt-outs are the use case's checks, made before it calls any MessagingPort.
 */
export const createSandboxMessaging = ({
  outbox,
  clock = systemClock,
  wamid = newWamid,
}: SandboxMessagingOptions): MessagingPort => {
  const record = async (draft: Draft): Promise<SentMessage> => {
    const entry: WhatsAppOutboxEntry = {
      wamid: wamid(draft.to),
      channel: 'whatsapp',
      ...draft,
      at: clock.now().toISOString(),
    };
    await outbox.append(entry);
    return { wamid: entry.wamid };
  };

  return {
    sendText: ({ to, body, previewUrl }) =>
      record({ to, kind: 'text', body, ...(previewUrl !== undefined && { previewUrl }) }),
    sendTemplate: ({ to, name, language, bodyParameters }) =>
      record({ to, kind: 'template', template: { name, language, bodyParameters: [...bodyParameters] } }),
    sendMedia: ({ to, kind, link, caption, filename }) =>
      record({
        to,
        kind,
        media: {
          link,
          ...(caption !== undefined && { caption }),
          ...(filename !== undefined && { filename }),
        },
      }),
  };
};
