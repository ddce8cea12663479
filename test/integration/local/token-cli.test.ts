import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDevTokenVerifier, loadOrCreateDevKey, verifyDevToken } from '../../../lib/local/dev-auth';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const keyDir = mkdtempSync(join(tmpdir(), 'token-cli-'));
afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

const runToken = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'bin/token.ts', ...args, '--key-dir', keyDir], {
    cwd: repoRoot,
    encoding: 'utf8',
  });

describe('npm run token', () => {
  it('prints only a token that the local authorizer accepts for the named user', async () => {
    const { status, stdout, stderr } = runToken('agent1@demo.test');

    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = await verifyDevToken(createDevTokenVerifier(loadOrCreateDevKey(keyDir)), stdout.trim());
    expect(claims).toMatchObject({ email: 'agent1@demo.test', 'custom:role': 'agent', name: 'Avery Stone' });
    expect(claims.exp - claims.iat).toBe(12 * 60 * 60);
  });

  it('issues a token for the requested number of hours', async () => {
    const { stdout } = runToken('admin@demo.test', '--hours', '2');

    const claims = await verifyDevToken(createDevTokenVerifier(loadOrCreateDevKey(keyDir)), stdout.trim());
    expect(claims['custom:role']).toBe('admin');
    expect(claims.exp - claims.iat).toBe(2 * 60 * 60);
  });

  it('exits 2 with one line listing the local users when the email is unknown', () => {
    const { status, stdout, stderr } = runToken('nobody@demo.test');

    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'Unknown local user "nobody@demo.test": use one of agent1@demo.test, agent2@demo.test, admin@demo.test, or add one with npm run agents -- add.\n',
    );
  });
});
