import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createGraphApiLeadAds } from '../../../../lambdas/adapters/whatsapp/graph-api-leads';
import {
  ChannelUnavailableError,
  MessagingRejectedError,
} from '../../../../lambdas/domain/messaging/messaging-errors';

const lead = JSON.parse(
  readFileSync(new URL('../../../fixtures/facebook/leadgen-lead.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const setup = (...replies: (Response | Error | 'hang')[]) => {
  const urls: string[] = [];
  const headers: unknown[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    urls.push(String(input));
    headers.push(init?.headers);
    const reply = replies[Math.min(urls.length - 1, replies.length - 1)];
    if (reply === 'hang') {
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    }
    if (reply instanceof Error) throw reply;
    return reply!.clone();
  }) as unknown as typeof globalThis.fetch;
  const leadAds = createGraphApiLeadAds({
    accessToken: 'test-page-token',
    apiVersion: 'v24.0',
    fetch,
    timeoutMs: 10,
    sleep: async () => {},
  });
  return { leadAds, urls, headers };
};

describe('createGraphApiLeadAds', () => {
  it('fetches the lead by its leadgen id with the answers and ad ids', async () => {
    const { leadAds, urls, headers } = setup(Response.json(lead));

    const fetched = await leadAds.fetchLeadgenLead('4444444444444444');

    expect(fetched).toMatchObject({
      id: '4444444444444444',
      form_id: '1234567890123',
      field_data: expect.arrayContaining([{ name: 'full_name', values: ['Dana Lee'] }]),
    });
    const url = new URL(urls[0]!);
    expect(`${url.origin}${url.pathname}`).toBe('https://graph.facebook.com/v24.0/4444444444444444');
    expect(url.searchParams.get('fields')?.split(',')).toEqual(
      expect.arrayContaining(['field_data', 'ad_id']),
    );
    expect(headers[0]).toMatchObject({ authorization: 'Bearer test-page-token' });
  });

  it('retries a timed-out read, which is safe to repeat, and succeeds', async () => {
    const { leadAds, urls } = setup('hang', Response.json(lead));
    await expect(leadAds.fetchLeadgenLead('4444444444444444')).resolves.toMatchObject({
      id: '4444444444444444',
    });
    expect(urls).toHaveLength(2);
  });

  it('rejects with ChannelUnavailableError when Graph keeps failing', async () => {
    const { leadAds, urls } = setup(new Response('', { status: 503 }));
    await expect(leadAds.fetchLeadgenLead('4444444444444444')).rejects.toBeInstanceOf(
      ChannelUnavailableError,
    );
    expect(urls).toHaveLength(3);
  });

  it('rejects a missing permission with its Graph code', async () => {
    const { leadAds } = setup(
      Response.json(
        {
          error: { message: '(#200) Requires leads_retrieval permission', type: 'OAuthException', code: 200 },
        },
        { status: 403 },
      ),
    );
    await expect(leadAds.fetchLeadgenLead('4444444444444444')).rejects.toMatchObject({
      code: 200,
      title: 'Requires leads_retrieval permission',
    });
  });

  it('refuses an id that is not a Graph id without calling Graph', async () => {
    const { leadAds, urls } = setup(Response.json(lead));
    await expect(leadAds.fetchLeadgenLead('../me/accounts')).rejects.toBeInstanceOf(MessagingRejectedError);
    expect(urls).toHaveLength(0);
  });
});
