import { describe, expect, it, vi } from 'vitest';
import { createGraphApiMessaging } from '../../../../lambdas/adapters/whatsapp/graph-api-messaging';
import {
  ChannelUnavailableError,
  InvalidRecipientError,
  MessagingRejectedError,
  RateLimitedError,
  WindowClosedError,
} from '../../../../lambdas/domain/messaging/messaging-errors';

type Reply = Response | Error | ((init: RequestInit) => Promise<Response>);

const ok = (wamid: string) =>
  Response.json({
    messaging_product: 'whatsapp',
    contacts: [{ input: '12125550142', wa_id: '12125550142' }],
    messages: [{ id: wamid }],
  });

const metaError = (
  code: number,
  message: string,
  details: string,
  status = 400,
  headers?: Record<string, string>,
) =>
  Response.json(
    {
      error: {
        message: `(#${code}) ${message}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details },
        fbtrace_id: 'AbCdEfGhIjKlMnOp',
      },
    },
    { status, ...(headers && { headers }) },
  );

/** A fetch that answers from a script, one reply per call, and remembers what it was asked. */
const scriptedFetch = (...replies: Reply[]) => {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)];
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply(init ?? {});
    return reply!.clone();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
};

const setup = (...replies: Reply[]) => {
  const { fetch, calls } = scriptedFetch(...replies);
  const sleeps: number[] = [];
  const messaging = createGraphApiMessaging({
    accessToken: 'test-access-token',
    phoneNumberId: '100000000000201',
    apiVersion: 'v24.0',
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  const bodies = () => calls.map((call) => JSON.parse(String(call.init.body)));
  return { messaging, calls, sleeps, bodies };
};

const wamid = 'wamid.HBgLMTIxMjU1NTAxNDIVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA';

describe('createGraphApiMessaging', () => {
  it('sends a text to the phone number messages endpoint and resolves the wamid', async () => {
    const { messaging, calls, bodies } = setup(ok(wamid));

    const sent = await messaging.sendText({
      to: '+1 212 555 0142',
      body: 'Hi Dana, the flat is still available.',
    });

    expect(sent).toEqual({ wamid });
    expect(calls[0]?.url).toBe('https://graph.facebook.com/v24.0/100000000000201/messages');
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.headers).toMatchObject({
      authorization: 'Bearer test-access-token',
      'content-type': 'application/json',
    });
    expect(bodies()).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '12125550142',
        type: 'text',
        text: { body: 'Hi Dana, the flat is still available.' },
      },
    ]);
  });

  it('asks for a link preview only when told to', async () => {
    const { messaging, bodies } = setup(ok(wamid));
    await messaging.sendText({
      to: '12125550142',
      body: 'https://example.com/listing/5th',
      previewUrl: true,
    });
    expect(bodies()[0].text).toEqual({ body: 'https://example.com/listing/5th', preview_url: true });
  });

  it('sends a template with its body parameters in order', async () => {
    const { messaging, bodies } = setup(ok(wamid));
    await messaging.sendTemplate({
      to: '12125550142',
      name: 'follow_up_viewing',
      language: 'en_US',
      bodyParameters: ['Dana', '5th Avenue flat'],
    });
    expect(bodies()[0]).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '12125550142',
      type: 'template',
      template: {
        name: 'follow_up_viewing',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Dana' },
              { type: 'text', text: '5th Avenue flat' },
            ],
          },
        ],
      },
    });
  });

  it('leaves out components for a template without parameters', async () => {
    const { messaging, bodies } = setup(ok(wamid));
    await messaging.sendTemplate({
      to: '12125550142',
      name: 'hello_world',
      language: 'en_US',
      bodyParameters: [],
    });
    expect(bodies()[0].template).toEqual({ name: 'hello_world', language: { code: 'en_US' } });
  });

  it('sends an image by link with its caption', async () => {
    const { messaging, bodies } = setup(ok(wamid));
    await messaging.sendMedia({
      to: '12125550142',
      kind: 'image',
      link: 'https://example.com/listing/5th/living-room.jpg',
      caption: 'Living room',
      filename: 'ignored-for-images.jpg',
    });
    expect(bodies()[0]).toMatchObject({
      type: 'image',
      image: { link: 'https://example.com/listing/5th/living-room.jpg', caption: 'Living room' },
    });
  });

  it('sends a document by link with its file name', async () => {
    const { messaging, bodies } = setup(ok(wamid));
    await messaging.sendMedia({
      to: '12125550142',
      kind: 'document',
      link: 'https://example.com/listing/5th/brochure.pdf',
      filename: '5th-avenue-brochure.pdf',
    });
    expect(bodies()[0]).toMatchObject({
      type: 'document',
      document: { link: 'https://example.com/listing/5th/brochure.pdf', filename: '5th-avenue-brochure.pdf' },
    });
  });

  it('rejects with WindowClosedError on 131047 without retrying', async () => {
    const { messaging, calls } = setup(
      metaError(
        131047,
        'Re-engagement message',
        'More than 24 hours have passed since the recipient last replied',
      ),
    );
    await expect(messaging.sendText({ to: '12125550142', body: 'Hi' })).rejects.toBeInstanceOf(
      WindowClosedError,
    );
    expect(calls).toHaveLength(1);
  });

  it('rejects with InvalidRecipientError on 131026', async () => {
    const { messaging, calls } = setup(metaError(131026, 'Message undeliverable', 'Message Undeliverable.'));
    const error = await messaging.sendText({ to: '12125550199', body: 'Hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecipientError);
    expect(error).toMatchObject({ code: 131026 });
    expect(calls).toHaveLength(1);
  });

  it('retries a 130429 rate limit with jittered back-off and succeeds', async () => {
    const limited = () =>
      metaError(130429, 'Rate limit hit', 'Cloud API message throughput has been reached.');
    const { messaging, calls, sleeps } = setup(limited(), limited(), ok(wamid));

    await expect(messaging.sendText({ to: '12125550142', body: 'Hi' })).resolves.toEqual({ wamid });
    expect(calls).toHaveLength(3);
    // Full jitter: random (0.5 here) times a ceiling that doubles from 500 ms.
    expect(sleeps).toEqual([250, 500]);
  });

  it('rejects with RateLimitedError once the retries are spent on the pair limit', async () => {
    const { messaging, calls } = setup(
      metaError(131056, '(Business Account, Consumer Account) pair rate limit hit', 'Too many messages'),
    );
    const error = await messaging.sendText({ to: '12125550142', body: 'Hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ code: 131056, retryAfterSeconds: 10 });
    expect(calls).toHaveLength(3);
  });

  it('hands a long Retry-After back to the caller instead of waiting for it', async () => {
    const { messaging, calls, sleeps } = setup(
      new Response('Too Many Requests', { status: 429, headers: { 'retry-after': '120' } }),
    );
    const error = await messaging.sendText({ to: '12125550142', body: 'Hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterSeconds: 120 });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('rejects with ChannelUnavailableError and a retry hint when Meta keeps answering 5xx', async () => {
    const { messaging, calls } = setup(new Response('<html>Bad Gateway</html>', { status: 502 }));
    const error = await messaging.sendText({ to: '12125550142', body: 'Hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelUnavailableError);
    expect(error).toMatchObject({ retryAfterSeconds: 30, mayHaveBeenSent: false, kind: 'unavailable' });
    expect(calls).toHaveLength(3);
  });

  it('retries a network failure and succeeds', async () => {
    const { messaging, calls } = setup(new TypeError('fetch failed'), ok(wamid));
    await expect(messaging.sendText({ to: '12125550142', body: 'Hi' })).resolves.toEqual({ wamid });
    expect(calls).toHaveLength(2);
  });

  it('rejects a timed-out send with ChannelUnavailableError and does not resend it', async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const { fetch, calls } = scriptedFetch(hang);
    const messaging = createGraphApiMessaging({
      accessToken: 'test-access-token',
      phoneNumberId: '100000000000201',
      fetch,
      timeoutMs: 10,
      sleep: async () => {},
    });

    const error = await messaging.sendText({ to: '12125550142', body: 'Hi' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ChannelUnavailableError);
    // It may have reached Meta: the caller must not blindly resend.
    expect(error).toMatchObject({ mayHaveBeenSent: true, retryAfterSeconds: 30 });
    expect(calls).toHaveLength(1);
  });

  it('rejects any other Meta error with its code, title and details', async () => {
    const { messaging } = setup(
      metaError(
        132001,
        'Template name does not exist in the translation',
        'template name does not exist in en_US',
      ),
    );
    const error = await messaging
      .sendTemplate({ to: '12125550142', name: 'missing', language: 'en_US', bodyParameters: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessagingRejectedError);
    expect(error).toMatchObject({
      code: 132001,
      title: 'Template name does not exist in the translation',
      details: 'template name does not exist in en_US',
    });
  });

  it('rejects an expired token as a refusal rather than retrying it', async () => {
    const { messaging, calls } = setup(
      metaError(190, 'Error validating access token', 'Session has expired', 401),
    );
    await expect(messaging.sendText({ to: '12125550142', body: 'Hi' })).rejects.toMatchObject({ code: 190 });
    expect(calls).toHaveLength(1);
  });

  it('treats a success without a message id as possibly sent', async () => {
    const { messaging } = setup(Response.json({ messaging_product: 'whatsapp', messages: [] }));
    await expect(messaging.sendText({ to: '12125550142', body: 'Hi' })).rejects.toMatchObject({
      mayHaveBeenSent: true,
    });
  });

  it('never puts the access token in the request body or URL', async () => {
    const { messaging, calls } = setup(ok(wamid));
    await messaging.sendText({ to: '12125550142', body: 'Hi' });
    expect(calls[0]?.url).not.toContain('test-access-token');
    expect(String(calls[0]?.init.body)).not.toContain('test-access-token');
  });
});
