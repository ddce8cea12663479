import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { serverUrlOf } from '../../../lambdas/handlers/api/get-openapi';

const event = (domainName: string, stage: string, headers: Record<string, string> = {}) =>
  ({ requestContext: { domainName, stage }, headers }) as unknown as APIGatewayProxyEventV2;

describe('the server the OpenAPI document names', () => {
  it("is the stack's execute-api URL over HTTPS on the default stage", () => {
    expect(serverUrlOf(event('a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com', '$default'))).toBe(
      'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
    );
  });

  it('keeps a named stage in the path', () => {
    expect(serverUrlOf(event('api.example.com', 'prod'))).toBe('https://api.example.com/prod');
  });

  it('is plain HTTP for the local server, and follows X-Forwarded-Proto when a proxy says so', () => {
    expect(serverUrlOf(event('127.0.0.1:3000', '$default'))).toBe('http://127.0.0.1:3000');
    expect(serverUrlOf(event('localhost:3000', '$default', { 'x-forwarded-proto': 'https' }))).toBe(
      'https://localhost:3000',
    );
  });
});
