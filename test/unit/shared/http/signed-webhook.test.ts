import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { HttpError } from '../../../../lambdas/shared/http/http-error';
import { readSignedWebhook } from '../../../../lambdas/shared/http/signed-webhook';
import { signMetaBody } from '../../../../lambdas/shared/meta-signature';

const appSecret = 'app-secret-of-the-test-app';
const schema = z.object({ object: z.literal('whatsapp_business_account') });
const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });

const requestWith = (signature: string | undefined) => ({
  event: { body, isBase64Encoded: false } as APIGatewayProxyEventV2,
  headers: signature === undefined ? {} : { 'x-hub-signature-256': signature },
});

const recordingMetrics = () => {
  const counted: { metric: string; dimensions?: Record<string, string> }[] = [];
  return {
    counted,
    count: (metric: string, _value?: number, dimensions?: Record<string, string>) => {
      counted.push({ metric, ...(dimensions && { dimensions }) });
    },
  };
};

describe('readSignedWebhook', () => {
  it('reads a body signed with the app secret and counts nothing', () => {
    const metrics = recordingMetrics();
    const envelope = readSignedWebhook(requestWith(signMetaBody(body, appSecret)), appSecret, schema, {
      channel: 'whatsapp',
      metrics,
    });

    expect(envelope).toEqual({ object: 'whatsapp_business_account' });
    expect(metrics.counted).toEqual([]);
  });

  it.each([
    ['signed with another secret', signMetaBody(body, 'a-different-app-secret')],
    ['unsigned', undefined],
  ])('refuses a body %s with a 401 and counts the rejection by channel', (_case, signature) => {
    const metrics = recordingMetrics();
    const read = () =>
      readSignedWebhook(requestWith(signature), appSecret, schema, { channel: 'facebook', metrics });

    expect(read).toThrow(expect.objectContaining({ status: 401 }) as HttpError);
    expect(metrics.counted).toEqual([
      { metric: 'WebhookSignatureRejected', dimensions: { channel: 'facebook' } },
    ]);
  });
});
