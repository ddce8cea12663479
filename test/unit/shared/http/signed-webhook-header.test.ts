import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { HttpError } from '../../../../lambdas/shared/http/http-error';
import { readSignedWebhook } from '../../../../lambdas/shared/http/signed-webhook';
import { signMetaBody, verifyMetaSignature } from '../../../../lambdas/shared/meta-signature';

const secret = 'test-app-secret';
const body = '{"object":"whatsapp_business_account","entry":[{"id":"100000000000101","changes":[]}]}';
const envelope = z.object({ object: z.string(), entry: z.array(z.object({ id: z.string() })) });

const webhook = (raw: string, isBase64Encoded = false) =>
  ({
    body: isBase64Encoded ? Buffer.from(raw).toString('base64') : raw,
    isBase64Encoded,
  }) as APIGatewayProxyEventV2;

const read = (event: APIGatewayProxyEventV2, signature: string | undefined) =>
  readSignedWebhook({ event, headers: { 'x-hub-signature-256': signature } }, secret, envelope, {
    channel: 'whatsapp',
    metrics: { count: () => undefined },
  });

const statusOf = (run: () => unknown) => {
  try {
    run();
    return 200;
  } catch (error) {
    return error instanceof HttpError ? error.status : 500;
  }
};

describe('verifyMetaSignature header shape', () => {
  it('accepts a valid header with whitespace around it', () => {
    expect(verifyMetaSignature(body, `  ${signMetaBody(body, secret)}\t`, secret)).toBe(true);
  });

  it('rejects a valid digest with anything before the prefix or after the 64 hex digits', () => {
    const header = signMetaBody(body, secret);
    expect(verifyMetaSignature(body, `x${header}`, secret)).toBe(false);
    expect(verifyMetaSignature(body, `${header}0`, secret)).toBe(false);
    expect(verifyMetaSignature(body, `${header},sha256=${'0'.repeat(64)}`, secret)).toBe(false);
  });

  it('rejects a header whose digest is one hex digit off', () => {
    const header = signMetaBody(body, secret);
    const last = header.at(-1) === '0' ? '1' : '0';
    expect(verifyMetaSignature(body, `${header.slice(0, -1)}${last}`, secret)).toBe(false);
  });
});

describe('readSignedWebhook', () => {
  it('parses the body once its signature matches', () => {
    expect(read(webhook(body), signMetaBody(body, secret))).toEqual({
      object: 'whatsapp_business_account',
      entry: [{ id: '100000000000101' }],
    });
  });

  it('checks the decoded bytes of a base64 body, as API Gateway passes them', () => {
    expect(read(webhook(body, true), signMetaBody(body, secret))).toMatchObject({
      entry: [{ id: '100000000000101' }],
    });
  });

  it('answers 401 for a missing or wrong signature, before reading the body', () => {
    expect(statusOf(() => read(webhook(body), undefined))).toBe(401);
    expect(statusOf(() => read(webhook(body), signMetaBody(body, 'other-app-secret')))).toBe(401);
    expect(statusOf(() => read(webhook('not json'), undefined))).toBe(401);
  });

  it('answers 401 for a body signed as base64 text instead of its bytes', () => {
    const encoded = Buffer.from(body).toString('base64');
    expect(statusOf(() => read(webhook(body, true), signMetaBody(encoded, secret)))).toBe(401);
  });

  it('answers 400 for a correctly signed body that is not the expected envelope', () => {
    const other = '{"object":"page"}';
    expect(statusOf(() => read(webhook(other), signMetaBody(other, secret)))).toBe(400);
  });

  it('treats a missing body as empty bytes', () => {
    const event = { isBase64Encoded: false } as APIGatewayProxyEventV2;
    expect(statusOf(() => read(event, signMetaBody('', secret)))).toBe(400);
    expect(statusOf(() => read(event, signMetaBody('{}', secret)))).toBe(401);
  });
});
