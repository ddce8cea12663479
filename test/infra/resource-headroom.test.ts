import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routes } from '../../schemas/routes';
import { buildBrokerageStack } from './brokerage-app';

/** CloudFormation's hard limit of resources in one stack. */
const CLOUDFORMATION_RESOURCE_LIMIT = 500;
/** Where growth must stop and the stack be split (routes by context into nested stacks). */
const HEADROOM_LIMIT = 400;

// Synthesized while tests are collected, so the count is in the test's name and every run's output.
const { stack } = buildBrokerageStack({ brokerage: 'acme' });
const resources = Object.values(
  Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string }>,
);
const count = resources.length;
const perRoute = resources.length / routes.length;

describe('resource headroom', () => {
  it(`uses ${count} of CloudFormation's ${CLOUDFORMATION_RESOURCE_LIMIT} resources (${routes.length} routes, ${perRoute.toFixed(1)} a route), at most ${HEADROOM_LIMIT}`, () => {
    const byType = Object.entries(
      resources.reduce<Record<string, number>>((counts, { Type }) => {
        counts[Type] = (counts[Type] ?? 0) + 1;
        return counts;
      }, {}),
    ).sort(([, a], [, b]) => b - a);
    console.info(
      `Stack ${stack.stackName}: ${count}/${CLOUDFORMATION_RESOURCE_LIMIT} resources; most: ${byType
        .slice(0, 6)
        .map(([type, n]) => `${type} ${n}`)
        .join(', ')}`,
    );

    expect(count).toBeLessThanOrEqual(HEADROOM_LIMIT);
  });
});
