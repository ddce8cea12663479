import { createHmac, timingSafeEqual } from 'node:crypto';

const headerPattern = /^sha256=([0-9a-f]{64})$/i;

const digest = (rawBody: string | Buffer, appSecret: string) =>
  createHmac('sha256', appSecret).update(rawBody).digest();

/**
 * Checks Meta's `X-Hub-Signature-256` header (`sha256=<hex>`): an HMAC-SHA256 of the exact request bytes
 * keyed with the app secret. Compare before parsing; re-serialised JSON would not match.
 * False for a missing or malformed header; the comparison takes the same time whatever the bytes.
 */
export const verifyMetaSignature = (
  rawBody: string | Buffer,
  header: string | undefined,
  appSecret: string,
): boolean => {
  const match = header === undefined ? null : headerPattern.exec(header.trim());
  if (!match?.[1] || !appSecret) return false;
  const expected = digest(rawBody, appSecret);
  const received = Buffer.from(match[1], 'hex');
  return received.length === expected.length && timingSafeEqual(received, expected);
};

/** Signs a body the way Meta does, for tests and the local simulator. */
export const signMetaBody = (rawBody: string | Buffer, appSecret: string): string =>
  `sha256=${digest(rawBody, appSecret).toString('hex')}`;
