import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../lambdas/domain/errors';
import { requireBrokerageAdmin } from '../../../lambdas/domain/require-brokerage-admin';
import { createMockActor } from '../../helpers/factories';

describe('requireBrokerageAdmin', () => {
  it('lets an admin of the brokerage through', () => {
    const admin = createMockActor({ role: 'admin' });

    expect(() => requireBrokerageAdmin(admin, 'brokerage-riverside')).not.toThrow();
  });

  it('answers an agent of the brokerage, and an admin of another, with the 404 a foreign id gets', () => {
    const agent = createMockActor({ role: 'agent' });
    const otherAdmin = createMockActor({ role: 'admin', brokerageId: 'brokerage-harbour' });

    expect(() => requireBrokerageAdmin(agent, 'brokerage-riverside')).toThrow(NotFoundError);
    expect(() => requireBrokerageAdmin(otherAdmin, 'brokerage-riverside')).toThrow(
      new NotFoundError('Resource'),
    );
  });
});
