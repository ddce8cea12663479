import { describe, expect, it } from 'vitest';
import {
  ChannelUnavailableError,
  InvalidRecipientError,
  MessagingRejectedError,
  messagingErrorFromMeta,
  RateLimitedError,
  WindowClosedError,
} from '../../../../lambdas/domain/messaging/messaging-errors';

describe('messagingErrorFromMeta', () => {
  it('maps 131047 to a closed window, answered as 422', () => {
    const error = messagingErrorFromMeta({ code: 131047, title: 'Re-engagement message' });
    expect(error).toBeInstanceOf(WindowClosedError);
    expect(error.kind).toBe('unprocessable');
  });

  it.each([131026, 131030, 131021])('maps %i to an invalid recipient', (code) => {
    const error = messagingErrorFromMeta({ code, title: 'Message undeliverable' });
    expect(error).toBeInstanceOf(InvalidRecipientError);
    expect(error).toMatchObject({
      code,
      channel: 'whatsapp',
      message: "The lead's number cannot receive WhatsApp messages",
      extensions: { metaCode: code },
    });
  });

  it.each([
    [130429, 60],
    [131056, 10],
    [80007, 60],
  ])('maps %i to rate limiting with a default wait of %i seconds', (code, wait) => {
    const error = messagingErrorFromMeta({ code, title: 'Rate limit hit' });
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ kind: 'unavailable', retryAfterSeconds: wait });
  });

  it('uses the wait Meta asked for when there is one', () => {
    expect(messagingErrorFromMeta({ code: 130429 }, 120)).toMatchObject({ retryAfterSeconds: 120 });
  });

  it.each([131000, 131016, 1, 2])('maps the transient code %i to an unavailable channel', (code) => {
    expect(messagingErrorFromMeta({ code, title: 'Service unavailable' })).toBeInstanceOf(
      ChannelUnavailableError,
    );
  });

  it('keeps the code, title and details of any other refusal', () => {
    const error = messagingErrorFromMeta({
      code: 132001,
      title: 'Template does not exist',
      details: 'template name (follow_up_viewing) does not exist in en_US',
    });
    expect(error).toBeInstanceOf(MessagingRejectedError);
    expect(error).toMatchObject({
      code: 132001,
      title: 'Template does not exist',
      details: 'template name (follow_up_viewing) does not exist in en_US',
      message: 'WhatsApp rejected the message: Template does not exist (132001)',
    });
  });

  it('never puts the recipient in the message an agent or a log sees', () => {
    const error = messagingErrorFromMeta({
      code: 131026,
      title: 'Message undeliverable',
      details: '+12125550142',
    });
    expect(error.message).not.toMatch(/\d{6,}/);
  });
});
