import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../lib/operator/agents-command';
import { resolveTableTarget } from '../../../lib/operator/table-target';

const outputs = JSON.stringify({
  'LeadCrm-acme': { BrokerageId: 'acme', TableName: 'LeadCrm-acme-Table1234', UserPoolId: 'us-east-1_x' },
});

describe('npm run count-leads targets', () => {
  it('acts on the local runtime without flags, as npm start runs it', () => {
    expect(resolveTableTarget([], { DYNAMODB_LOCAL_PORT: '9001' })).toEqual({
      kind: 'local',
      brokerageId: 'demo-brokerage',
      tableName: 'lead-crm-local',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9001',
    });
  });

  it('finds the brokerage’s table in the deploy outputs, in the brokerage’s region', () => {
    const target = resolveTableTarget(
      ['--brokerage', 'acme', '--outputs-file', 'cdk-outputs.json'],
      {},
      () => outputs,
    );
    expect(target).toMatchObject({ kind: 'cloud', brokerageId: 'acme', tableName: 'LeadCrm-acme-Table1234' });
    expect(target.endpoint).toBeUndefined();
  });

  it('names what is missing or wrong in one line', () => {
    const attempt = (args: string[]) => () => resolveTableTarget(args, {}, () => outputs);
    expect(attempt(['--table', 't'])).toThrow(
      new UsageError('--brokerage is required with --outputs-file or --table'),
    );
    expect(attempt(['--brokerage', 'acme'])).toThrow(/--outputs-file \(or --table\)/);
    expect(attempt(['--brokerage', 'nowhere', '--table', 't'])).toThrow(UsageError);
    expect(attempt(['--brokerage', 'demo', '--outputs-file', 'cdk-outputs.json'])).toThrow(
      /no stack with BrokerageId "demo"/,
    );
    expect(attempt(['--verbose'])).toThrow(UsageError);
  });
});
