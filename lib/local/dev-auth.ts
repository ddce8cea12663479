import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomUUID,
  sign,
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { CognitoIdTokenPayload } from 'aws-jwt-verify/jwt-model';
import * as z from 'zod';
import type { AgentRole } from '../../schemas/api/agents';

/** The pool and app client the local gateway pretends to be; tokens name them like Cognito's do. */
export const localUserPoolId = 'us-east-1_LocalDev1';
export const localAppClientId = 'local-dev-app-client';
export const localIssuer = `https://cognito-idp.us-east-1.amazonaws.com/${localUserPoolId}`;

/** The repository's `.local/` (git-ignored), the same one whichever directory a script runs from. */
export const defaultDevKeyDir = fileURLToPath(new URL('../../.local', import.meta.url));
const keyFileName = 'dev-signing-key.json';

export interface DevSigningKey {
  kid: string;
  privateKey: KeyObject;
}

export interface DevTokenSubject {
  sub: string;
  email: string;
  brokerageId: string;
  role: AgentRole;
  name: string;
}

export interface DevTokenOptions {
  expiresInSeconds?: number;
  now?: Date;
}

const storedKeySchema = z.object({
  kid: z.string().min(1),
  privateJwk: z.looseObject({ kty: z.literal('RSA'), n: z.string(), e: z.string(), d: z.string() }),
});

/**
 * Loads the local signing key from `<dir>/dev-signing-key.json`, generating an RS256 key pair
 * there (mode 0600) on first use, so every local tool signs and checks with the same key.
 */
export const loadOrCreateDevKey = (dir: string = defaultDevKeyDir): DevSigningKey => {
  const path = join(dir, keyFileName);
  const existing = readKeyFile(path);
  if (existing) return existing;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stored = { kid: `local-dev-${randomUUID()}`, privateJwk: privateKey.export({ format: 'jwk' }) };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another local tool created it first: use theirs, so both sign with one key.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = readKeyFile(path);
    if (raced) return raced;
  }
  return { kid: stored.kid, privateKey };
};

const readKeyFile = (path: string): DevSigningKey | undefined => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const stored = storedKeySchema.parse(JSON.parse(text));
    return { kid: stored.kid, privateKey: createPrivateKey({ key: stored.privateJwk, format: 'jwk' }) };
  } catch (error) {
    throw new Error(`${path} is not a valid dev signing key: delete it and run again to make a new one.`, {
      cause: error,
    });
  }
};

/** The public half as a JWKS, as Cognito publishes it at `/.well-known/jwks.json`. */
export const devJwks = (key: DevSigningKey): Jwks => {
  const { kty, n, e } = createPublicKey(key.privateKey).export({ format: 'jwk' });
  if (kty !== 'RSA' || !n || !e) throw new Error('The dev signing key is not an RSA key');
  return { keys: [{ kty, n, e, kid: key.kid, alg: 'RS256', use: 'sig' }] };
};

const base64Url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs a Cognito-shaped ID token for a local user; the payload carries the same claims the pool would. */
export const signDevToken = (
  key: DevSigningKey,
  subject: DevTokenSubject,
  { expiresInSeconds = 12 * 60 * 60, now = new Date() }: DevTokenOptions = {},
): string => {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const header = { alg: 'RS256', kid: key.kid, typ: 'JWT' };
  const payload = {
    sub: subject.sub,
    email: subject.email,
    email_verified: true,
    // A pool that signs in with email names its users by their sub, as here.
    'cognito:username': subject.sub,
    'custom:brokerageId': subject.brokerageId,
    'custom:role': subject.role,
    name: subject.name,
    token_use: 'id',
    aud: localAppClientId,
    iss: localIssuer,
    iat: issuedAt,
    exp: issuedAt + expiresInSeconds,
    auth_time: issuedAt,
    jti: randomUUID(),
  };
  const signingInput = `${base64Url(header)}.${base64Url(payload)}`;
  const signature = sign('sha256', Buffer.from(signingInput), key.privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
};

/** A verifier configured like the cloud authorizer (pool, app client, ID tokens) that needs no network. */
export const createDevTokenVerifier = (key: DevSigningKey) => {
  const verifier = CognitoJwtVerifier.create({
    userPoolId: localUserPoolId,
    clientId: localAppClientId,
    tokenUse: 'id',
  });
  verifier.cacheJwks(devJwks(key));
  return verifier;
};

export type DevTokenVerifier = ReturnType<typeof createDevTokenVerifier>;

/** Checks signature, algorithm, issuer, audience, token use and expiry; rejects otherwise. */
export const verifyDevToken = (verifier: DevTokenVerifier, token: string): Promise<CognitoIdTokenPayload> =>
  verifier.verify(token);
