import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signMetaBody, verifyMetaSignature } from '../../../lambdas/shared/meta-signature';

const secret = 'test-app-secret';
const body = '{"object":"whatsapp_business_account","entry":[{"id":"100000000000101","changes":[]}]}';

describe('verifyMetaSignature', () => {
  it('accepts the signature Meta would send for the exact body', () => {
    const header = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    expect(verifyMetaSignature(body, header, secret)).toBe(true);
  });

  it('accepts the raw bytes as a Buffer as well as a string', () => {
    const arabic = '{"text":"مرحبا، هل الشقة متاحة؟"}';
    expect(verifyMetaSignature(Buffer.from(arabic, 'utf8'), signMetaBody(arabic, secret), secret)).toBe(true);
  });

  it('accepts an upper-case hex digest', () => {
    const header = signMetaBody(body, secret).replace(/[0-9a-f]{64}$/, (hex) => hex.toUpperCase());
    expect(verifyMetaSignature(body, header, secret)).toBe(true);
  });

  it('rejects a body changed after signing, even by re-serialising the same JSON', () => {
    const header = signMetaBody(body, secret);
    expect(verifyMetaSignature(body.replace('100000000000101', '100000000000102'), header, secret)).toBe(
      false,
    );
    expect(verifyMetaSignature(JSON.stringify(JSON.parse(body), null, 2), header, secret)).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyMetaSignature(body, signMetaBody(body, 'other-app-secret'), secret)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['without the sha256= prefix', signMetaBody(body, secret).slice(7)],
    ['sha1 (the legacy header)', `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`],
    ['truncated', signMetaBody(body, secret).slice(0, 40)],
    ['not hex', `sha256=${'z'.repeat(64)}`],
  ])('rejects a %s header', (_label, header) => {
    expect(verifyMetaSignature(body, header, secret)).toBe(false);
  });

  it('rejects everything when no app secret is configured', () => {
    expect(verifyMetaSignature(body, signMetaBody(body, ''), '')).toBe(false);
  });

  it('verifies whatever it signs and nothing signed for a different body', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const header = signMetaBody(a, secret);
        expect(verifyMetaSignature(a, header, secret)).toBe(true);
        expect(verifyMetaSignature(b, header, secret)).toBe(a === b);
      }),
    );
  });
});
