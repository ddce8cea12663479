import { describe, expect, it } from 'vitest';
import { demoBrokerageId, demoUsers, findDemoUser } from '../../../lib/local/demo-users';

describe('demo users', () => {
  it('are two agents and one admin of the demo brokerage', () => {
    expect(demoUsers.map(({ email, role, name, timezone }) => ({ email, role, name, timezone }))).toEqual([
      { email: 'agent1@demo.test', role: 'agent', name: 'Avery Stone', timezone: 'America/New_York' },
      { email: 'agent2@demo.test', role: 'agent', name: 'Jordan Blake', timezone: 'Europe/London' },
      { email: 'admin@demo.test', role: 'admin', name: 'Morgan Reyes', timezone: 'America/New_York' },
    ]);
    expect(new Set(demoUsers.map((user) => user.brokerageId))).toEqual(new Set([demoBrokerageId]));
    expect(demoBrokerageId).toBe('demo-brokerage');
  });

  it('have distinct UUID-shaped subs', () => {
    const subs = demoUsers.map((user) => user.sub);

    expect(new Set(subs).size).toBe(demoUsers.length);
    for (const sub of subs)
      expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('findDemoUser', () => {
  it('finds a user by email regardless of case and surrounding spaces', () => {
    expect(findDemoUser('  Agent2@Demo.TEST ')?.name).toBe('Jordan Blake');
  });

  it('returns undefined for an email that is not a demo user', () => {
    expect(findDemoUser('someone@else.test')).toBeUndefined();
  });
});
