import { type PolicyViolation, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import type { BrokerageStack } from '../../lib/stacks/brokerage-stack';
import { routes } from '../../schemas/routes';
import { buildBrokerageStack } from './brokerage-app';

/** Unacknowledged findings as `rule at path` lines, so a failure says what to fix and where. */
const findingsOf = (scope: IConstruct): string[] =>
  new AwsSolutionsChecks()
    .validateScope(scope)
    .violations.flatMap((violation: PolicyViolation) =>
      violation.violatingResources.map(
        (resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath ?? '?'}`,
      ),
    );

/** Every acknowledgement recorded anywhere under `scope`, with the construct it sits on. */
const acknowledgementsUnder = (scope: IConstruct) =>
  scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason })),
  );

const firstRouteRole = (stack: BrokerageStack) => {
  const [fn] = stack.api.functions.values();
  if (!fn) throw new Error('the stack has no route function');
  return fn.role;
};

describe('cdk-nag AwsSolutions', () => {
  it.each(['acme', 'demo'])('reports no unacknowledged error or warning for the %s stack', (brokerage) => {
    const { stack } = buildBrokerageStack({ brokerage });
    expect(findingsOf(stack)).toEqual([]);
  });

  it('gives every acknowledgement a written reason, and IAM5 ones the exact wildcard', () => {
    const { stack } = buildBrokerageStack({ brokerage: 'demo' });
    const acknowledgements = acknowledgementsUnder(stack);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const acknowledgement of acknowledgements) {
      expect(acknowledgement.id).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      expect(acknowledgement.reason.length, acknowledgement.path).toBeGreaterThanOrEqual(25);
      if (acknowledgement.id.startsWith('AwsSolutions-IAM5')) {
        expect(acknowledgement.id).toMatch(/^AwsSolutions-IAM5\[(Resource|Action)::.+\]$/);
      }
    }
  });

  it('acknowledges the missing authorizer only on public routes, each with its reason', () => {
    const { stack } = buildBrokerageStack();
    const apig4 = acknowledgementsUnder(stack).filter((ack) => ack.id === 'AwsSolutions-APIG4');
    const publicRoutes = routes.filter((route) => route.auth === 'public');
    expect(apig4.map((ack) => ack.path).sort()).toEqual(
      publicRoutes.map((route) => `${stack.stackName}/Http/${route.id}Route`).sort(),
    );
    for (const route of publicRoutes) {
      const reason = apig4.find((ack) => ack.path.endsWith(`/${route.id}Route`))?.reason;
      if (route.path.startsWith('/webhooks/') && route.method === 'POST') {
        expect(reason).toBe('signed by Meta; the handler verifies X-Hub-Signature-256');
      }
      if (route.path.startsWith('/webhooks/') && route.method === 'GET')
        expect(reason).toMatch(/hub\.verify_token/);
      if (route.path === '/openapi.json') expect(reason).toBe('public API description, no data');
    }
  });

  it('reports a finding that nobody acknowledged', () => {
    const { stack } = buildBrokerageStack();
    firstRouteRole(stack).addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }),
    );

    expect(findingsOf(stack)).toContainEqual(
      expect.stringContaining('AwsSolutions-IAM5[Action::dynamodb:*]'),
    );
  });

  it('lets the app synthesize with the checks registered as bin/app.ts does', () => {
    const { app, stack } = buildBrokerageStack();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const assembly = app.synth();
    expect(assembly.getStackByName(stack.stackName).template).toHaveProperty('Resources');
  });

  it('fails the synth when a finding is not acknowledged', () => {
    const { app, stack } = buildBrokerageStack();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    stack.table.grantFullAccess(firstRouteRole(stack));

    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5/);
  });
});
