import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrokerageStack } from '../../lib/stacks/brokerage-stack';
import { activityStreamFilters } from '../../schemas/activity';
import { buildBrokerageStack } from './brokerage-app';
import { actionsOf, resourcesOfType, statementsOfRole } from './template-json';

describe('AgentActivity', () => {
  let stack: BrokerageStack;
  let template: Template;
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as CfnElement);

  beforeAll(() => {
    ({ stack } = buildBrokerageStack({ brokerage: 'acme' }));
    template = Template.fromStack(stack);
  });

  it('reads the stream filtered to what the sync feeds and counters need, listings included', () => {
    const fn = { Ref: logicalId(stack.agentActivity.function.lambda) };
    const mappings = Object.values(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')).filter(
      (candidate) => JSON.stringify(candidate.Properties.FunctionName) === JSON.stringify(fn),
    );
    expect(mappings).toHaveLength(1);
    interface Pattern {
      eventName: string[];
      dynamodb: Partial<Record<'NewImage' | 'OldImage', { __edb_e__?: { S: string[] } }>>;
    }
    const { Filters } = (mappings[0]?.Properties.FilterCriteria ?? { Filters: [] }) as {
      Filters: Array<{ Pattern: string }>;
    };
    const filters = Filters.map((filter): Pattern => JSON.parse(filter.Pattern));
    expect(filters).toEqual(JSON.parse(JSON.stringify(activityStreamFilters)));
    // A listing created, changed or removed reaches the brokerage's listings feed.
    const entitiesFor = (eventName: string, image: 'NewImage' | 'OldImage') =>
      filters
        .filter((filter) => filter.eventName.includes(eventName))
        .flatMap((filter) => filter.dynamodb[image]?.__edb_e__?.S ?? []);
    expect(entitiesFor('INSERT', 'NewImage')).toContain('listing');
    expect(entitiesFor('MODIFY', 'NewImage')).toContain('listing');
    expect(entitiesFor('REMOVE', 'OldImage')).toContain('listing');
  });

  it('may read and write the table it keeps the feeds in, and knows its name', () => {
    const role = logicalId(stack.agentActivity.function.role);
    const actions = actionsOf(statementsOfRole(template, role));
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:GetRecords',
        // A record's feed entries, head and receipt go in one transaction: its items' own actions.
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:GetItem',
        'dynamodb:Query',
      ]),
    );
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue() }) },
      Description: Match.stringLikeRegexp(
        "^Agent activity: each agent's offline change feed, each brokerage's listings feed",
      ),
    });
  });
});
