import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_CALL_BUDGET_MS } from '../../lambdas/adapters/whatsapp/graph-client';
import type { BrokerageStack } from '../../lib/stacks/brokerage-stack';
import { buildBrokerageStack } from './brokerage-app';
import { resourcesOfType } from './template-json';

describe("a Graph call fits well inside the function's timeout", () => {
  let stack: BrokerageStack;
  let graphCallers: Array<{ id: string; timeoutSeconds: number; version: unknown }>;

  beforeAll(() => {
    ({ stack } = buildBrokerageStack({ brokerage: 'acme' }));
    graphCallers = Object.entries(resourcesOfType(Template.fromStack(stack), 'AWS::Lambda::Function'))
      .map(([id, fn]) => ({
        id,
        timeoutSeconds: fn.Properties.Timeout as number,
        variables: (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables,
      }))
      // The secret's ARN is what lets a function reach Meta's Graph API.
      .filter(({ variables }) => variables.WHATSAPP_SECRET_ARN !== undefined)
      .map(({ id, timeoutSeconds, variables }) => ({
        id,
        timeoutSeconds,
        version: variables.GRAPH_API_VERSION,
      }));
  });

  it('gives every function that may call Graph at least twice the budget of one call', () => {
    expect(graphCallers.length).toBeGreaterThan(0);
    // A call that ends, with its outcome recorded, before Lambda stops the function cannot be sent twice
    // by a client retrying with the same Idempotency-Key.
    const tooShort = graphCallers.filter(
      ({ timeoutSeconds }) => timeoutSeconds * 1000 < 2 * GRAPH_CALL_BUDGET_MS,
    );
    expect(tooShort).toEqual([]);
  });

  it("passes each of them the Graph API version of the brokerage's config", () => {
    expect(new Set(graphCallers.map(({ version }) => version))).toEqual(
      new Set([stack.config.whatsAppGraphApiVersion]),
    );
  });
});
