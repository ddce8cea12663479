import * as z from 'zod';
import type {
  MessagingPort,
  SendMediaRequest,
  SendTemplateRequest,
  SendTextRequest,
  SentMessage,
} from '../../ports/messaging';
import { createGraphClient, type GraphClientOptions } from './graph-client';

export interface GraphApiMessagingOptions extends GraphClientOptions {
  /** The business phone number's id (not the number itself). */
  phoneNumberId: string;
}

const sendResponse = z.looseObject({
  messaging_product: z.literal('whatsapp').optional(),
  contacts: z.array(z.looseObject({ input: z.string(), wa_id: z.string().optional() })).optional(),
  messages: z.array(z.looseObject({ id: z.string().min(1), message_status: z.string().optional() })).min(1),
});

/** Phone numbers go as digits only; anything else (a business-scoped user id) goes as given. */
const recipient = (to: string) => (/^[+\d\s().-]+$/.test(to) ? to.replace(/\D/g, '') : to);

/** WhatsApp Cloud API over `POST /{phone-number-id}/messages`. */
export const createGraphApiMessaging = (options: GraphApiMessagingOptions): MessagingPort => {
  const graph = createGraphClient(options);
  const path = `/${encodeURIComponent(options.phoneNumberId)}/messages`;

  const send = async (to: string, type: string, content: Record<string, unknown>): Promise<SentMessage> => {
    const body = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: recipient(to),
      type,
      ...content,
    };
    const response = await graph.request({ method: 'POST', path, body, retryTimeouts: false }, sendResponse);
    // min(1) above guarantees the first message.
    return { wamid: response.messages[0]!.id };
  };

  return {
    sendText: ({ to, body, previewUrl }: SendTextRequest) =>
      send(to, 'text', { text: { body, ...(previewUrl !== undefined && { preview_url: previewUrl }) } }),

    sendTemplate: ({ to, name, language, bodyParameters }: SendTemplateRequest) =>
      send(to, 'template', {
        template: {
          name,
          language: { code: language },
          ...(bodyParameters.length > 0 && {
            components: [
              { type: 'body', parameters: bodyParameters.map((text) => ({ type: 'text', text })) },
            ],
          }),
        },
      }),

    sendMedia: ({ to, kind, link, caption, filename }: SendMediaRequest) =>
      send(to, kind, {
        [kind]: {
          link,
          ...(caption !== undefined && { caption }),
          ...(kind === 'document' && filename !== undefined && { filename }),
        },
      }),
  };
};
