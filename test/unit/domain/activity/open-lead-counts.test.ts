import { describe, expect, it } from 'vitest';
import { type ActivityChange, brokerageScope } from '../../../../lambdas/domain/activity/activity-change';
import { recordActivity } from '../../../../lambdas/domain/activity/record-activity';
import { brokerageId, openLeadWorld } from './open-lead-world';

const team = brokerageScope(brokerageId);

describe('open-lead counts kept by the activity consumer', () => {
  it('counts a new worked lead in its agent’s and brokerage’s temperature', async () => {
    const world = openLeadWorld();
    await recordActivity('r1', world.write('lead-1', { temperature: 'hot' }), world);
    expect(world.countsOf('agent-a')).toEqual({ hot: 1, warm: 0, cold: 0 });
    expect(world.countsOf(team)).toEqual({ hot: 1, warm: 0, cold: 0 });
  });

  it('moves a lead on a temperature change and counts a record delivered twice once', async () => {
    const world = openLeadWorld();
    await recordActivity('r1', world.write('lead-1', {}), world);
    const change = world.write('lead-1', { temperature: 'cold' });
    await recordActivity('r2', change, world);
    await recordActivity('r2', change, world);
    expect(world.countsOf('agent-a')).toEqual({ hot: 0, warm: 0, cold: 1 });
    expect(world.countsOf(team)).toEqual({ hot: 0, warm: 0, cold: 1 });
  });

  it('moves a reassigned lead to the new agent, the brokerage’s count unchanged', async () => {
    const world = openLeadWorld();
    await recordActivity('r1', world.write('lead-1', {}), world);
    await recordActivity('r2', world.write('lead-1', { agentId: 'agent-b' }), world);
    expect(world.countsOf('agent-a')).toEqual({ hot: 0, warm: 0, cold: 0 });
    expect(world.countsOf('agent-b')).toEqual({ hot: 0, warm: 1, cold: 0 });
    expect(world.countsOf(team)).toEqual({ hot: 0, warm: 1, cold: 0 });
  });

  it('takes a converted or lost lead out, and an erased one, leaving no mark behind', async () => {
    const world = openLeadWorld();
    for (const id of ['lead-1', 'lead-2', 'lead-3'])
      await recordActivity(`new-${id}`, world.write(id, {}), world);
    await recordActivity('r1', world.write('lead-1', { status: 'converted' }), world);
    await recordActivity('r2', world.write('lead-2', { status: 'lost' }), world);
    await recordActivity('r3', world.write('lead-3', { erasing: true }), world);
    await recordActivity('r4', world.write('lead-3', undefined), world);
    expect(world.countsOf('agent-a')).toEqual({ hot: 0, warm: 0, cold: 0 });
    expect(world.countsOf(team)).toEqual({ hot: 0, warm: 0, cold: 0 });
    expect(world.marks.has('lead-3')).toBe(false);
  });

  it('counts a lead from before the counters (no mark) where its change leaves it, without a minus for where it was', async () => {
    const world = openLeadWorld();
    world.write('lead-old', {}); // written before the consumer counted: its record is long gone
    await recordActivity('r1', world.write('lead-old', { temperature: 'hot' }), world);
    expect(world.countsOf('agent-a')).toEqual({ hot: 1, warm: 0, cold: 0 });
  });

  it('equals a recount from the leads after records arrive late, after the lead moved on', async () => {
    const world = openLeadWorld();
    const changes: ActivityChange[] = [
      world.write('lead-1', {}),
      world.write('lead-1', { temperature: 'hot' }),
      world.write('lead-1', { agentId: 'agent-b' }),
      world.write('lead-1', { status: 'contacted' }),
    ];
    for (const [n, change] of changes.entries()) await recordActivity(`r${n}`, change, world);
    expect(Object.fromEntries(world.kept())).toEqual(Object.fromEntries(world.truth()));
    expect(world.countsOf('agent-b')).toEqual({ hot: 1, warm: 0, cold: 0 });
  });
});
