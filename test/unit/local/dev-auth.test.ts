import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDemoUser } from '../../../lib/local/demo-users';
import {
  createDevTokenVerifier,
  type DevSigningKey,
  devJwks,
  loadOrCreateDevKey,
  localAppClientId,
  localIssuer,
  signDevToken,
  verifyDevToken,
} from '../../../lib/local/dev-auth';

const scratch = mkdtempSync(join(tmpdir(), 'dev-auth-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const agent = findDemoUser('agent1@demo.test')!;
const key = loadOrCreateDevKey(join(scratch, 'shared'));
const verifier = createDevTokenVerifier(key);

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decodePayload = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));

/** Signs arbitrary header and payload with a key, to build tokens signDevToken would never make. */
const signRaw = (signingKey: DevSigningKey, header: object, payload: object): string => {
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), signingKey.privateKey).toString('base64url')}`;
};

describe('loadOrCreateDevKey', () => {
  it('creates the key file readable only by its owner on first use', () => {
    const dir = join(scratch, 'fresh');

    loadOrCreateDevKey(dir);

    expect(statSync(join(dir, 'dev-signing-key.json')).mode & 0o777).toBe(0o600);
  });

  it('returns the same key on later loads, so earlier tokens stay valid', async () => {
    const dir = join(scratch, 'reload');
    const token = signDevToken(loadOrCreateDevKey(dir), agent);

    const reloaded = loadOrCreateDevKey(dir);

    expect(reloaded.kid).toBe(loadOrCreateDevKey(dir).kid);
    await expect(verifyDevToken(createDevTokenVerifier(reloaded), token)).resolves.toMatchObject({
      sub: agent.sub,
    });
  });

  it('names the file to delete when the stored key is unreadable', () => {
    const dir = join(scratch, 'corrupt');
    loadOrCreateDevKey(dir);
    writeFileSync(join(dir, 'dev-signing-key.json'), '{"kid": 1}');

    expect(() => loadOrCreateDevKey(dir)).toThrow(
      /dev-signing-key\.json is not a valid dev signing key: delete it/,
    );
  });
});

describe('devJwks', () => {
  it('publishes only the public half under the key id', () => {
    const { keys } = devJwks(key);

    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', kid: key.kid, alg: 'RS256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
  });
});

describe('signDevToken + verifyDevToken', () => {
  it('issues a Cognito-shaped ID token that verifies with the user claims', async () => {
    const now = new Date();
    const token = signDevToken(key, agent, { now });

    const claims = await verifyDevToken(verifier, token);

    const issuedAt = Math.floor(now.getTime() / 1000);
    expect(claims).toMatchObject({
      sub: agent.sub,
      email: 'agent1@demo.test',
      'cognito:username': agent.sub,
      'custom:brokerageId': 'demo-brokerage',
      'custom:role': 'agent',
      name: 'Avery Stone',
      token_use: 'id',
      aud: localAppClientId,
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalDev1',
      iat: issuedAt,
      auth_time: issuedAt,
      exp: issuedAt + 12 * 60 * 60,
    });
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'))).toEqual({
      alg: 'RS256',
      kid: key.kid,
      typ: 'JWT',
    });
  });

  it('rejects an expired token', async () => {
    const token = signDevToken(key, agent, {
      expiresInSeconds: 60,
      now: new Date(Date.now() - 2 * 60 * 60 * 1000),
    });

    await expect(verifyDevToken(verifier, token)).rejects.toThrow(/expired/i);
  });

  it('rejects a token signed with another key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = signDevToken({ kid: key.kid, privateKey }, agent);

    await expect(verifyDevToken(verifier, token)).rejects.toThrow(/signature/i);
  });

  it('rejects an unsigned token with alg none', async () => {
    const payload = decodePayload(signDevToken(key, agent));
    const token = `${encode({ alg: 'none', kid: key.kid, typ: 'JWT' })}.${encode(payload)}.`;

    await expect(verifyDevToken(verifier, token)).rejects.toThrow();
  });

  it('rejects a token whose payload was changed after signing', async () => {
    const [header, , signature] = signDevToken(key, agent).split('.');
    const promoted = { ...decodePayload(signDevToken(key, agent)), 'custom:role': 'admin' };

    await expect(verifyDevToken(verifier, `${header}.${encode(promoted)}.${signature}`)).rejects.toThrow(
      /signature/i,
    );
  });

  it('rejects a token issued for another app client', async () => {
    const payload = { ...decodePayload(signDevToken(key, agent)), aud: 'some-other-client' };

    await expect(
      verifyDevToken(verifier, signRaw(key, { alg: 'RS256', kid: key.kid }, payload)),
    ).rejects.toThrow(/audience/i);
  });

  it('rejects a token from another issuer', async () => {
    const payload = { ...decodePayload(signDevToken(key, agent)), iss: `${localIssuer}x` };

    await expect(
      verifyDevToken(verifier, signRaw(key, { alg: 'RS256', kid: key.kid }, payload)),
    ).rejects.toThrow(/issuer/i);
  });

  it('rejects an access token where an ID token is expected', async () => {
    const payload = { ...decodePayload(signDevToken(key, agent)), token_use: 'access' };

    await expect(
      verifyDevToken(verifier, signRaw(key, { alg: 'RS256', kid: key.kid }, payload)),
    ).rejects.toThrow(/token use/i);
  });
});
