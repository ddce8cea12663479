import type { AgentRole } from '../../schemas/api/agents';

/** A user of the local demo brokerage; `sub` plays the role of the Cognito user id. */
export interface DemoUser {
  sub: string;
  email: string;
  name: string;
  role: AgentRole;
  timezone: string;
  brokerageId: string;
}

export const demoBrokerageId = 'demo-brokerage';

/** Fixed ids, so data created in one `npm start` session still belongs to the same users in the next. */
export const demoUsers: readonly DemoUser[] = [
  {
    sub: '6f1c2a9e-3b4d-4c8e-9a1f-0d2b7e5c8a11',
    email: 'agent1@demo.test',
    name: 'Avery Stone',
    role: 'agent',
    timezone: 'America/New_York',
    brokerageId: demoBrokerageId,
  },
  {
    sub: '8a3e5d7c-1f2b-4e6a-b9c0-4d5e6f7a8b22',
    email: 'agent2@demo.test',
    name: 'Jordan Blake',
    role: 'agent',
    timezone: 'Europe/London',
    brokerageId: demoBrokerageId,
  },
  {
    sub: 'c4d2b0a8-9e7f-4a5b-8c3d-2e1f0a9b8c33',
    email: 'admin@demo.test',
    name: 'Morgan Reyes',
    role: 'admin',
    timezone: 'America/New_York',
    brokerageId: demoBrokerageId,
  },
];

/** Finds a demo user by email, ignoring case and surrounding spaces. */
export const findDemoUser = (email: string): DemoUser | undefined => {
  const wanted = email.trim().toLowerCase();
  return demoUsers.find((user) => user.email === wanted);
};
