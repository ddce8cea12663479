import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmokeChecks } from '../../../scripts/smoke-checks';
import { agent1, startTestApi, type TestApi } from '../../helpers/local-api';
import { signInAgents, webhookEnv } from '../../helpers/webhooks';

const sandbox = webhookEnv();
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(sandbox.env);
  await signInAgents(api);
});
afterAll(() => api.close());

const target = () => ({
  url: `${api.url}/`,
  verifyToken: sandbox.env.WHATSAPP_VERIFY_TOKEN,
  appSecret: sandbox.env.WHATSAPP_APP_SECRET,
});

const byName = (checks: Awaited<ReturnType<typeof runSmokeChecks>>) =>
  Object.fromEntries(checks.map(({ name, ok, detail }) => [name, { ok, detail }]));

describe('the smoke test an operator runs after deploying', () => {
  it('passes every check on a stack that is set up, and stores nothing', async () => {
    const before = await api.call('GET', '/leads?limit=100');

    const checks = await runSmokeChecks({ ...target(), token: api.tokenFor(agent1) });

    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(checks.map((check) => check.name)).toEqual([
      'OpenAPI names this API as its server',
      'Meta can subscribe /webhooks/whatsapp',
      'Meta can subscribe /webhooks/facebook',
      'A delivery signed with the app secret is accepted',
      'The API refuses a caller without a token',
      'The agent’s token is of this brokerage',
      'The agent can list their leads',
    ]);
    expect((await api.call('GET', '/leads?limit=100')).body).toEqual(before.body);
  });

  it('names the verify token when Meta could not subscribe', async () => {
    const checks = byName(await runSmokeChecks({ ...target(), verifyToken: 'not-the-verify-token' }));

    expect(checks['Meta can subscribe /webhooks/whatsapp']).toEqual({
      ok: false,
      detail: expect.stringContaining('verify token differs'),
    });
    expect(checks['Meta can subscribe /webhooks/facebook']?.ok).toBe(false);
    expect(checks['A delivery signed with the app secret is accepted']?.ok).toBe(true);
  });

  it('names the app secret when deliveries would be refused', async () => {
    const checks = byName(await runSmokeChecks({ ...target(), appSecret: 'not-the-app-secret' }));

    expect(checks['A delivery signed with the app secret is accepted']).toEqual({
      ok: false,
      detail: expect.stringContaining('appSecret is not the Meta app'),
    });
    expect(checks['Meta can subscribe /webhooks/whatsapp']?.ok).toBe(true);
  });

  it('skips the signed-in checks without a token and fails on an unreachable API', async () => {
    expect(await runSmokeChecks(target())).toHaveLength(5);

    const unreachable = await runSmokeChecks({ ...target(), url: 'http://127.0.0.1:9' });
    expect(unreachable.every((check) => !check.ok)).toBe(true);
  });
});
