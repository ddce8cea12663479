import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createGraphApiLeadAds } from '../../../../lambdas/adapters/whatsapp/graph-api-leads';
import { createGraphApiMessaging } from '../../../../lambdas/adapters/whatsapp/graph-api-messaging';
import { createGraphClient, GRAPH_CALL_BUDGET_MS } from '../../../../lambdas/adapters/whatsapp/graph-client';
import { defaultGraphApiVersion } from '../../../../lib/config';

const lead = readFileSync(new URL('../../../fixtures/facebook/leadgen-lead.json', import.meta.url), 'utf8');

/** A clock the test moves: Meta's answers take `serverMs`, pauses take what they ask. */
const fakeClock = () => {
  let at = 0;
  return { now: () => at, advance: (ms: number) => (at += ms) };
};

describe('one Graph call, retries included, ends within its budget', () => {
  it('stops retrying slow 503s before the budget runs out, with the default settings', async () => {
    const clock = fakeClock();
    let attempts = 0;
    const graph = createGraphClient({
      accessToken: 'test-token',
      now: clock.now,
      random: () => 0.999,
      sleep: async (ms) => {
        clock.advance(ms);
      },
      fetch: (async () => {
        attempts++;
        clock.advance(1800);
        return new Response('{"error":{"message":"Service temporarily unavailable","code":2}}', {
          status: 503,
        });
      }) as unknown as typeof fetch,
    });

    await expect(
      graph.request(
        { method: 'POST', path: '/100000000000201/messages', body: {}, retryTimeouts: false },
        z.unknown(),
      ),
    ).rejects.toThrow();

    expect(clock.now()).toBeLessThanOrEqual(GRAPH_CALL_BUDGET_MS);
    expect(attempts).toBe(2);
  });

  it('cuts the last attempt of a hanging read to what is left of the budget', async () => {
    const started = Date.now();
    let attempts = 0;
    const leadAds = createGraphApiLeadAds({
      accessToken: 'test-page-token',
      budgetMs: 1000,
      timeoutMs: 700,
      baseDelayMs: 1,
      maxDelayMs: 1,
      fetch: ((_url: unknown, init?: RequestInit) => {
        attempts++;
        return new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        });
      }) as unknown as typeof fetch,
    });

    await expect(leadAds.fetchLeadgenLead('4444444444444444')).rejects.toThrow();

    // Two attempts would take 1400 ms uncut: the second gets only the ~300 ms the budget has left.
    expect(attempts).toBe(2);
    expect(Date.now() - started).toBeLessThan(1000 + 200);
  });
});

describe('the Graph API version a deploy is configured with', () => {
  it('reads a Lead Ads form at the default version, and the recorded answer parses', async () => {
    const urls: string[] = [];
    const leadAds = createGraphApiLeadAds({
      accessToken: 'test-page-token',
      apiVersion: defaultGraphApiVersion,
      fetch: (async (url: string | URL) => {
        urls.push(String(url));
        return new Response(lead, { status: 200 });
      }) as unknown as typeof fetch,
    });

    await expect(leadAds.fetchLeadgenLead('4444444444444444')).resolves.toMatchObject({
      id: '4444444444444444',
    });
    expect(new URL(urls[0] ?? '').pathname).toBe(`/${defaultGraphApiVersion}/4444444444444444`);
  });

  it('sends WhatsApp messages at the version it is given', async () => {
    const urls: string[] = [];
    const messaging = createGraphApiMessaging({
      accessToken: 'test-token',
      phoneNumberId: '100000000000201',
      apiVersion: 'v26.0',
      fetch: (async (url: string | URL) => {
        urls.push(String(url));
        return Response.json({
          messaging_product: 'whatsapp',
          messages: [{ id: 'wamid.HBgLMTIxMjU1NTAxNDIVAgARGBI' }],
        });
      }) as unknown as typeof fetch,
    });

    await messaging.sendText({ to: '+1 212 555 0142', body: 'Hi Dana' });

    expect(new URL(urls[0] ?? '').pathname).toBe('/v26.0/100000000000201/messages');
  });
});
