import { describe, expect, it } from 'vitest';
import { NoAgentToRouteError } from '../../../../lambdas/domain/leads/route-new-lead';
import { intakeLead } from '../../../../lambdas/domain/messaging/lead-intake';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { createMockProfile } from '../../../helpers/factories';
import { BROKERAGE_ID, createInMemoryMessagingDeps } from './in-memory-messaging';

const NOW = new Date('2026-03-02T14:00:00.000Z');
const newContact = { name: 'Dana Lee', phone: '+12125550161', source: 'whatsapp' as const };

describe('lead intake with no agent to route to', () => {
  it("counts a refused intake and names the stack's brokerage when it has no agent at all", async () => {
    const deps = createInMemoryMessagingDeps(fixedClock(NOW));

    const refused = intakeLead('wa-phone:+12125550161', newContact, deps, NOW);

    await expect(refused).rejects.toBeInstanceOf(NoAgentToRouteError);
    await expect(refused).rejects.toThrow(`brokerage "${BROKERAGE_ID}"`);
    expect(deps.counted).toEqual(['WebhookIntakeRefused']);
    expect(await deps.leads.findByContact(BROKERAGE_ID, { kind: 'phone', value: '+12125550161' })).toEqual(
      [],
    );
  });

  it('counts it when every agent of the brokerage is disabled, and routes again once one is active', async () => {
    const clock = fixedClock(NOW);
    const deps = createInMemoryMessagingDeps(clock);
    const disabled = createMockProfile({ agentId: 'agent-a', status: 'disabled' });
    await deps.agents.createIfAbsent(disabled);

    await expect(intakeLead('wa-phone:+12125550161', newContact, deps, NOW)).rejects.toBeInstanceOf(
      NoAgentToRouteError,
    );
    expect(deps.counted).toEqual(['WebhookIntakeRefused']);

    await deps.agents.update(disabled, { ...disabled, status: 'active', version: 2 });
    // Meta's redelivery, minutes later.
    clock.advance(5 * 60_000);
    const { lead, created } = await intakeLead('wa-phone:+12125550161', newContact, deps, NOW);

    expect(created).toBe(true);
    expect(lead.agentId).toBe('agent-a');
    expect(deps.counted).toEqual(['WebhookIntakeRefused']);
  });
});
