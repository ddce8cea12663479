import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import { createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { demoBrokerageId } from '../../../lib/local/demo-users';
import { createDevTokenVerifier, loadOrCreateDevKey, verifyDevToken } from '../../../lib/local/dev-auth';
import { findLocalUser } from '../../../lib/local/local-agent-directory';
import { type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import { postWebhook, webhookEnv, whatsAppText } from '../../helpers/webhooks';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const keyDir = mkdtempSync(join(tmpdir(), 'agents-cli-'));

let api: TestApi;
let contacts = 0;

beforeAll(async () => {
  api = await startTestApi(webhookEnv().env);
});
afterAll(async () => {
  await api?.close();
  rmSync(keyDir, { recursive: true, force: true });
});

/** Runs a repository script as `npm run` would, without blocking the gateway this process serves. */
const script = (path: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path, ...args, '--key-dir', keyDir], {
      cwd: repoRoot,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

/** `npm run agents -- …` on the local runtime: this test's table and a users file of its own. */
const agents = (...args: string[]) =>
  script('bin/agents.ts', args, { ...process.env, TABLE_NAME: api.tableName });

/** `npm run token -- <email>` with the same users file. */
const token = (email: string) => script('bin/token.ts', [email]);

const leads = () =>
  createLeadRepository(
    createCrmService(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT }), api.tableName),
  );

/** A first WhatsApp message from a new number, as Meta delivers it; the agent it was routed to, by email. */
const newContactGoesTo = async (): Promise<{ status: number; to?: string }> => {
  const phone = `+1212555${String(100 + contacts++).padStart(4, '0')}`;
  const response = await postWebhook(
    api,
    'whatsapp',
    whatsAppText({ from: phone.slice(1), text: 'Is it still available?' }),
  );
  if (response.status !== 200) return { status: response.status };
  const [lead] = await leads().findByContact(demoBrokerageId, { kind: 'phone', value: phone });
  const owner = lead && (await findAgent(lead.agentId));
  return { status: response.status, ...(owner && { to: owner }) };
};

const findAgent = async (agentId: string) =>
  ['priya.shah@example.com', 'omar.haddad@example.com'].find(
    (email) => findLocalUser(email, keyDir)?.sub === agentId,
  );

// Each step runs the scripts as separate processes, as an operator does.
describe('npm run agents on the local runtime', { timeout: 120_000 }, () => {
  it('makes an added agent the one the next inbound leads go to, before they make any API call', async () => {
    expect((await newContactGoesTo()).status).toBe(503);

    const added = await agents(
      'add',
      '--email',
      'Priya.Shah@example.com',
      '--name',
      'Priya Shah',
      '--role',
      'agent',
    );

    expect(added.status).toBe(0);
    expect(added.stdout).toContain('Added priya.shah@example.com (agent)');
    expect(await newContactGoesTo()).toEqual({ status: 200, to: 'priya.shah@example.com' });
  });

  it('gives the added agent a token of the local pool that the API takes as theirs', async () => {
    const issued = await token('priya.shah@example.com');

    expect(issued.status).toBe(0);
    const claims = await verifyDevToken(
      createDevTokenVerifier(loadOrCreateDevKey(keyDir)),
      issued.stdout.trim(),
    );
    expect(claims).toMatchObject({
      email: 'priya.shah@example.com',
      email_verified: true,
      name: 'Priya Shah',
      'custom:brokerageId': demoBrokerageId,
      'custom:role': 'agent',
    });
    const priya = findLocalUser('priya.shah@example.com', keyDir)!;
    const mine = await api.call('GET', '/leads?limit=10', { as: { token: api.tokenFor(priya) } });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
  });

  it('takes a disabled agent out of routing at once and brings them back on enable', async () => {
    expect((await agents('add', '--email', 'omar.haddad@example.com', '--name', 'Omar Haddad')).status).toBe(
      0,
    );

    const disabled = await agents('disable', 'priya.shah@example.com');

    expect(disabled.status).toBe(0);
    expect(await newContactGoesTo()).toEqual({ status: 200, to: 'omar.haddad@example.com' });
    expect(await newContactGoesTo()).toEqual({ status: 200, to: 'omar.haddad@example.com' });
    expect(await token('priya.shah@example.com')).toMatchObject({ status: 2, stdout: '' });

    expect((await agents('enable', 'priya.shah@example.com')).status).toBe(0);
    const next = [(await newContactGoesTo()).to, (await newContactGoesTo()).to];
    expect(new Set(next)).toEqual(new Set(['priya.shah@example.com', 'omar.haddad@example.com']));
  });

  it('routes by the changed role at once: an admin takes new leads only while no agent can', async () => {
    const changed = await agents('set-role', 'omar.haddad@example.com', 'admin');

    expect(changed.status).toBe(0);
    expect(await newContactGoesTo()).toEqual({ status: 200, to: 'priya.shah@example.com' });
    expect(await newContactGoesTo()).toEqual({ status: 200, to: 'priya.shah@example.com' });
    const omar = await verifyDevToken(
      createDevTokenVerifier(loadOrCreateDevKey(keyDir)),
      (await token('omar.haddad@example.com')).stdout.trim(),
    );
    expect(omar['custom:role']).toBe('admin');
  });

  it('lists each account with its role and whether it gets new leads', async () => {
    const listed = await agents('list');

    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/omar\.haddad@example\.com\s+admin\s+enabled CONFIRMED\s+gets new leads/);
    expect(listed.stdout).toMatch(/priya\.shah@example\.com\s+agent\s+enabled CONFIRMED\s+gets new leads/);
  });

  it('names the flag that is wrong and changes nothing', async () => {
    const wrong = await agents('add', '--email', 'not-an-email', '--name', 'Lena Park');

    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--email must be an email address');
    expect(findLocalUser('not-an-email', keyDir)).toBeUndefined();
  });
});

describe('a token of another brokerage', () => {
  it('is refused with 403 problem+json and nothing is written', async () => {
    const typo = {
      sub: '0b7e4c2a-5d6f-4a1b-8c9d-3e2f1a0b9c44',
      email: 'lena.park@example.com',
      name: 'Lena Park',
      role: 'agent' as const,
      brokerageId: 'demo-brokerag',
    };
    const scan = async () =>
      (
        await createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT }).send(
          new ScanCommand({ TableName: api.tableName }),
        )
      ).Items as Json[];
    const before = await scan();

    const response = await api.call('POST', '/leads', {
      as: { token: api.tokenFor(typo) },
      body: { name: 'Ruby Foster', phone: '+12125550199', source: 'website' },
    });

    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 403, title: 'Forbidden' });
    expect(response.body.detail).toContain('demo-brokerag');
    expect(await scan()).toEqual(before);
  });
});
