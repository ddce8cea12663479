import { randomInt } from 'node:crypto';
import { signMetaBody } from '../lambdas/shared/meta-signature';

/** What the smoke test knows about the stack it checks; the Meta values come from the stack's secret. */
export interface SmokeTarget {
  /** The API's base URL (the stack's `ApiUrl` output, or the local server). */
  url: string;
  verifyToken: string;
  appSecret: string;
  /** An agent's ID token; without it the signed-in checks are skipped. */
  token?: string;
}

export interface SmokeCheck {
  name: string;
  ok: boolean;
  /** What was seen, and on failure what to fix. */
  detail: string;
}

type Fetch = typeof fetch;

/** A WhatsApp number id that is nobody's: a signed delivery for it is acknowledged and skipped, nothing stored. */
const foreignPhoneNumberId = '100000000000999';

const withoutSlash = (url: string) => url.replace(/\/+$/, '');

const check = async (name: string, run: () => Promise<string>): Promise<SmokeCheck> => {
  try {
    return { name, ok: true, detail: await run() };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
};

const expectStatus = (response: Response, expected: number, hints: Record<number, string> = {}) => {
  if (response.status !== expected) {
    const hint = hints[response.status];
    throw new Error(`answered ${response.status}, expected ${expected}${hint ? `: ${hint}` : ''}`);
  }
};

const secretNotFilled =
  'the Meta secret is not filled in yet (paste appSecret, accessToken, phoneNumberId, pageId)';

/**
 * Read-only checks of a deployed (or local) stack, in the order an operator sets it up: the API answers,
 * the served OpenAPI names this API, both Meta webhooks pass Meta's subscription handshake with the
 * secret's verify token, a delivery signed with the secret's app secret is accepted, the API refuses a
 * caller without a token, and (given an agent's token) the agent is of this stack's brokerage. Nothing is
 * written: the signed delivery is for a number that is not the brokerage's, which the webhook skips.
 */
export const runSmokeChecks = async (
  target: SmokeTarget,
  fetchImpl: Fetch = fetch,
): Promise<SmokeCheck[]> => {
  const base = withoutSlash(target.url);
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetchImpl(`${base}${path}`, { headers });

  const handshake = (product: 'whatsapp' | 'facebook') =>
    check(`Meta can subscribe /webhooks/${product}`, async () => {
      const challenge = String(randomInt(1_000_000, 9_999_999));
      const query = new URLSearchParams({
        'hub.mode': 'subscribe',
        'hub.verify_token': target.verifyToken,
        'hub.challenge': challenge,
      });
      const response = await get(`/webhooks/${product}?${query}`);
      expectStatus(response, 200, {
        403: 'the verify token differs from the secret’s verifyToken',
        503: secretNotFilled,
      });
      const body = await response.text();
      if (body !== challenge) throw new Error(`answered "${body}" instead of the challenge ${challenge}`);
      return 'handshake answered with the challenge';
    });

  const checks = [
    await check('OpenAPI names this API as its server', async () => {
      const response = await get('/openapi.json');
      expectStatus(response, 200);
      const document = (await response.json()) as {
        servers?: { url?: string }[];
        info?: { version?: string };
      };
      const server = document.servers?.[0]?.url;
      if (server === undefined || withoutSlash(server) !== base) {
        throw new Error(`servers[0].url is ${server ?? 'missing'}, expected ${base}`);
      }
      return `server ${server}, version ${document.info?.version ?? '?'}`;
    }),
    await handshake('whatsapp'),
    await handshake('facebook'),
    await check('A delivery signed with the app secret is accepted', async () => {
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '100000000000998',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: '12125550199', phone_number_id: foreignPhoneNumberId },
                  statuses: [
                    {
                      id: `wamid.smoke${randomInt(1_000_000, 9_999_999)}`,
                      status: 'delivered',
                      timestamp: String(Math.floor(Date.now() / 1000)),
                      recipient_id: '12125550199',
                    },
                  ],
                },
              },
            ],
          },
        ],
      });
      const response = await fetchImpl(`${base}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signMetaBody(body, target.appSecret),
        },
        body,
      });
      expectStatus(response, 200, {
        401: 'the signature was refused: the secret’s appSecret is not the Meta app’s App Secret',
        403: 'the signature was refused: the secret’s appSecret is not the Meta app’s App Secret',
        503: secretNotFilled,
      });
      return 'signature accepted (a number that is not the brokerage’s: skipped, nothing stored)';
    }),
    await check('The API refuses a caller without a token', async () => {
      const response = await get('/leads');
      expectStatus(response, 401, { 200: 'the leads route is public: the JWT authorizer is missing' });
      return '401 without a token';
    }),
  ];
  if (target.token !== undefined) {
    const token = target.token;
    checks.push(
      await check('The agent’s token is of this brokerage', async () => {
        const response = await get('/agents/me', { authorization: `Bearer ${token}` });
        expectStatus(response, 200, {
          401: 'the token is expired or not from this stack’s user pool',
          403: 'the token’s custom:brokerageId is not this stack’s brokerage (add agents with the agents command)',
        });
        const profile = (await response.json()) as { email?: string; role?: string; timezone?: string };
        return `${profile.email ?? '?'} (${profile.role ?? '?'}, ${profile.timezone ?? '?'})`;
      }),
      await check('The agent can list their leads', async () => {
        const response = await get('/leads?limit=1', { authorization: `Bearer ${token}` });
        expectStatus(response, 200);
        return 'leads listed';
      }),
    );
  }
  return checks;
};

/** The checks as lines an operator reads: ✓ or ✗, the name, what was seen. */
export const formatSmokeChecks = (checks: SmokeCheck[]): string =>
  checks.map(({ name, ok, detail }) => `${ok ? '✓' : '✗'} ${name}: ${detail}`).join('\n');
