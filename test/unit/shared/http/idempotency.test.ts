import { describe, expect, it } from 'vitest';
import { idempotencyScope } from '../../../../lambdas/shared/http/idempotency';

describe('idempotencyScope', () => {
  it('gives the same key on another lead a scope of its own', () => {
    const onA = idempotencyScope(
      'agent-1',
      'addNote',
      { leadId: '01JLEADA0000000000000000AA' },
      'app-key-0001',
    );
    const onB = idempotencyScope(
      'agent-1',
      'addNote',
      { leadId: '01JLEADB0000000000000000BB' },
      'app-key-0001',
    );

    expect(onA).not.toBe(onB);
  });

  it('keeps the same key apart per agent and per route', () => {
    const path = { leadId: '01JLEADA0000000000000000AA' };
    const scopes = new Set([
      idempotencyScope('agent-1', 'addNote', path, 'app-key-0001'),
      idempotencyScope('agent-2', 'addNote', path, 'app-key-0001'),
      idempotencyScope('agent-1', 'recordOutcome', path, 'app-key-0001'),
    ]);

    expect(scopes.size).toBe(3);
  });

  it('does not depend on the order of the path parameters, and cannot be forged by a key with separators', () => {
    expect(idempotencyScope('agent-1', 'r', { a: '1', b: '2' }, 'k-0000001')).toBe(
      idempotencyScope('agent-1', 'r', { b: '2', a: '1' }, 'k-0000001'),
    );
    expect(idempotencyScope('agent-1', 'r:x', {}, 'k-0000001')).not.toBe(
      idempotencyScope('agent-1', 'r', {}, 'x:k-0000001'),
    );
  });
});
