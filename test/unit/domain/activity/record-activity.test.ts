import { describe, expect, it } from 'vitest';
import {
  type ActivityChange,
  brokerageScope,
  type InteractionFacts,
} from '../../../../lambdas/domain/activity/activity-change';
import { recordActivity } from '../../../../lambdas/domain/activity/record-activity';
import type { ActivityWrite } from '../../../../lambdas/ports/activity-store';
import { brokerageId, openLeadWorld } from './open-lead-world';

const team = brokerageScope(brokerageId);
const at = '2026-12-01T10:00:00.000Z';

/** A world holding lead-1 (agent-a, warm, new), counted and fed once already. */
const withLead = async () => {
  const world = openLeadWorld();
  await recordActivity('r-new', world.write('lead-1', {}), world);
  world.writes.length = 0;
  return world;
};

/** A first WhatsApp message to lead-1, three minutes after the lead arrived. */
const sent: InteractionFacts = {
  leadId: 'lead-1',
  interactionId: 'msg-1',
  type: 'whatsapp',
  direction: 'outbound',
  occurredAt: '2026-11-20T15:03:00.000Z',
  deliveryStatus: 'sent',
};

const outbound = (after: InteractionFacts = sent): ActivityChange => ({ kind: 'interaction', after, at });

const step = (before: string | undefined, after: string): ActivityChange => ({
  kind: 'followUpStep',
  enrollmentId: 'run-1',
  ...(before !== undefined && { before }),
  after,
  at,
});

describe('recordActivity', () => {
  it('writes a new lead’s feed entry, its counts and its open-lead move together, under the record’s receipt', async () => {
    const world = openLeadWorld();

    const recorded = await recordActivity('r1', world.write('lead-1', { temperature: 'hot' }), world);

    expect(recorded).toEqual({ result: 'written' });
    expect(world.writes).toEqual([
      {
        receiptId: 'r1',
        at,
        feed: [{ agentId: 'agent-a', kind: 'lead', entityId: 'lead-1', op: 'upsert', changedAt: at }],
        counters: [
          {
            scope: 'agent-a',
            day: '2026-11-20',
            counts: { leads: 1, src_website: 1, temp_hot: 1, status_new: 1 },
          },
          {
            scope: team,
            day: '2026-11-20',
            counts: { leads: 1, src_website: 1, temp_hot: 1, status_new: 1 },
          },
        ],
        marks: [],
        openLead: {
          leadId: 'lead-1',
          brokerageId,
          to: { agentId: 'agent-a', temperature: 'hot' },
          revision: 0,
        },
      },
    ]);
  });

  it('writes a note on a lead (same bucket) without reading or moving its open-lead count', async () => {
    const world = await withLead();
    world.activity.openLeadMark = async () => {
      throw new Error('a change that keeps the bucket reads no mark');
    };
    await recordActivity('r2', world.write('lead-1', { score: 60 }), world);
    expect(world.writes).toHaveLength(1);
    expect(world.writes[0]?.openLead).toBeUndefined();
    expect(world.writes[0]?.counters).toEqual([]);
  });

  it('writes nothing for a record of a lead already being erased', async () => {
    const world = await withLead();
    world.write('lead-1', { erasing: true });
    const recorded = await recordActivity('r3', world.write('lead-1', undefined), world);
    expect(recorded).toEqual({ result: 'nothing' });
    expect(world.writes).toEqual([]);
  });

  it('answers a record delivered again as a duplicate, counting it once', async () => {
    const world = openLeadWorld();
    const change = world.write('lead-1', {});
    await recordActivity('r1', change, world);
    expect(await recordActivity('r1', change, world)).toEqual({ result: 'duplicate' });
    expect(world.countersOf('agent-a')['2026-11-20|leads']).toBe(1);
  });

  it('plans again when the recount counted the lead between the plan and the write, counting it once', async () => {
    const world = openLeadWorld();
    const change = world.write('lead-1', {});
    const write = world.activity.write;
    let tries = 0;
    world.activity.write = async (activity: ActivityWrite) => {
      tries += 1;
      if (tries === 1) await world.recount.move([{ move: activity.openLead as never, version: 1 }]);
      return write(activity);
    };

    expect(await recordActivity('r1', change, world)).toEqual({ result: 'written' });
    expect(tries).toBe(2);
    expect(world.countsOf('agent-a')).toEqual({ hot: 0, warm: 1, cold: 0 });
    // The lead is where it belongs already: the write carries no move at all.
    expect(world.writes[0]).not.toHaveProperty('openLead');
    expect(world.countersOf('agent-a')['2026-11-20|leads']).toBe(1);
  });

  it('gives up with an error after three plans whose marks were taken each time, so the record is retried', async () => {
    const world = openLeadWorld();
    let tries = 0;
    world.activity.write = async () => {
      tries += 1;
      return 'marks_taken';
    };
    await expect(recordActivity('r1', world.write('lead-1', {}), world)).rejects.toThrow(
      /marks kept changing/,
    );
    expect(tries).toBe(3);
  });

  it('feeds a task to its agent with its lead, and its removal as a delete', async () => {
    const world = openLeadWorld();
    const task = { kind: 'task' as const, taskId: 'task-1', leadId: 'lead-1', agentId: 'agent-b', at };

    expect(await recordActivity('r1', { ...task, removed: false }, world)).toEqual({ result: 'written' });
    await recordActivity('r2', { ...task, removed: true }, world);

    const entry = { agentId: 'agent-b', kind: 'task', entityId: 'task-1', leadId: 'lead-1', changedAt: at };
    expect(world.writes.map((w) => w.feed)).toEqual([
      [{ ...entry, op: 'upsert' }],
      [{ ...entry, op: 'delete' }],
    ]);
    expect(world.writes.map((w) => w.counters)).toEqual([[], []]);
  });

  it('feeds another entity (a listing) to the feed it names, without a lead', async () => {
    const world = openLeadWorld();
    const listing = {
      kind: 'owned' as const,
      feedKind: 'listing' as const,
      entityId: 'listing-7',
      agentId: 'listings#brokerage-counts',
      at,
    };
    await recordActivity('r1', { ...listing, removed: false }, world);
    await recordActivity('r2', { ...listing, removed: true }, world);
    expect(world.writes.map((w) => w.feed)).toStrictEqual([
      [
        {
          agentId: 'listings#brokerage-counts',
          kind: 'listing',
          entityId: 'listing-7',
          op: 'upsert',
          changedAt: at,
        },
      ],
      [
        {
          agentId: 'listings#brokerage-counts',
          kind: 'listing',
          entityId: 'listing-7',
          op: 'delete',
          changedAt: at,
        },
      ],
    ]);
  });

  it('writes nothing for a record it skips', async () => {
    const world = openLeadWorld();
    expect(await recordActivity('r1', { kind: 'skip', why: 'not an item the app keeps' }, world)).toEqual({
      result: 'nothing',
    });
    expect(world.writes).toEqual([]);
  });

  it('counts a first WhatsApp message with the lead it read, and marks the lead messaged and answered', async () => {
    const world = await withLead();

    const recorded = await recordActivity('r2', outbound(), world);

    expect(recorded).toEqual({ result: 'written', lead: world.leads.get('lead-1')?.facts });
    expect(world.countersOf('agent-a')).toEqual({
      '2026-11-20|waSent': 1,
      '2026-11-20|msg_whatsapp_website': 1,
      '2026-11-20|resp_le5m': 1,
    });
    expect(world.activityMarks.get('lead-1')).toEqual(
      new Map([
        ['messaged#whatsapp', '2026-11-20T15:03:00.000Z'],
        ['firstResponse', '2026-11-20T15:03:00.000Z'],
      ]),
    );
  });

  it('reads the lead’s marks: a second message counts as sent only', async () => {
    const world = await withLead();
    await recordActivity('r2', outbound(), world);
    await recordActivity('r3', outbound({ ...sent, interactionId: 'msg-2' }), world);
    expect(world.countersOf('agent-a')['2026-11-20|waSent']).toBe(2);
    expect(world.countersOf('agent-a')['2026-11-20|msg_whatsapp_website']).toBe(1);
    expect(world.countersOf('agent-a')['2026-11-20|resp_le5m']).toBe(1);
  });

  it('writes nothing for a timeline entry or a reply of a lead gone or being erased', async () => {
    const world = await withLead();
    world.write('lead-1', { erasing: true });
    expect(await recordActivity('r2', outbound(), world)).toEqual({ result: 'nothing' });
    expect(
      await recordActivity('r3', { kind: 'reply', leadId: 'lead-1', channel: 'whatsapp', at }, world),
    ).toEqual({ result: 'nothing' });
    expect(
      await recordActivity('r4', { kind: 'reply', leadId: 'lead-gone', channel: 'whatsapp', at }, world),
    ).toEqual({ result: 'nothing' });
    expect(world.writes).toEqual([]);
  });

  it('writes nothing for a timeline record that carries neither image', async () => {
    const world = await withLead();
    expect(await recordActivity('r2', { kind: 'interaction', at }, world)).toEqual({ result: 'nothing' });
    expect(world.writes).toEqual([]);
  });

  it('feeds a removed timeline entry by the lead of its old image', async () => {
    const world = await withLead();
    await recordActivity('r2', { kind: 'interaction', before: sent, at }, world);
    expect(world.writes.map((w) => w.feed.map((f) => [f.entityId, f.op]))).toEqual([[['msg-1', 'delete']]]);
  });

  it('counts a reply once after a message, returning the lead each time', async () => {
    const world = await withLead();
    await recordActivity('r2', outbound(), world);
    const reply = { kind: 'reply' as const, leadId: 'lead-1', channel: 'whatsapp', at };

    expect(await recordActivity('r3', reply, world)).toMatchObject({
      result: 'written',
      lead: { leadId: 'lead-1' },
    });
    expect(await recordActivity('r4', reply, world)).toMatchObject({
      result: 'nothing',
      lead: { leadId: 'lead-1' },
    });

    expect(world.countersOf('agent-a')['2026-12-01|rep_whatsapp_website']).toBe(1);
  });

  it('writes a hot lead’s every reply, counted or not, so each is pushed once however often it is delivered', async () => {
    const world = await withLead();
    world.write('lead-1', { temperature: 'hot' });
    await recordActivity('r2', outbound(), world);
    world.writes.length = 0;
    const reply = { kind: 'reply' as const, leadId: 'lead-1', channel: 'whatsapp', at };

    expect(await recordActivity('r3', reply, world)).toMatchObject({ result: 'written' });
    expect(await recordActivity('r4', reply, world)).toMatchObject({
      result: 'written',
      lead: { leadId: 'lead-1', temperature: 'hot' },
    });
    expect(await recordActivity('r4', reply, world)).toMatchObject({ result: 'duplicate' });

    // The second reply is not counted again: its write is the record's receipt alone.
    expect(world.writes[1]).toEqual({ receiptId: 'r4', at, feed: [], counters: [], marks: [] });
    expect(world.countersOf('agent-a')['2026-12-01|rep_whatsapp_website']).toBe(1);
  });

  it('counts a step sent when its result is first written as gone out, and replied when it turns replied', async () => {
    const world = await withLead();
    world.runs.set('run-1', 'lead-1');

    for (const [n, change] of [
      step(undefined, 'skipped'),
      step(undefined, 'task_created'),
      step('sent', 'delivered'),
      step(undefined, 'delivered'),
      step('delivered', 'replied'),
      step('replied', 'replied'),
      step(undefined, 'replied'),
    ].entries())
      await recordActivity(`r${n}`, change, world);

    expect(world.countersOf('agent-a')).toEqual({ '2026-12-01|fuSent': 2, '2026-12-01|fuReplied': 2 });
    expect(world.countersOf(team)).toEqual({ '2026-12-01|fuSent': 2, '2026-12-01|fuReplied': 2 });
  });

  it('counts a step first seen as sent, read or replied as sent', async () => {
    const world = await withLead();
    world.runs.set('run-1', 'lead-1');
    for (const [n, status] of ['sent', 'read', 'replied'].entries())
      await recordActivity(`r${n}`, step(undefined, status), world);
    expect(world.countersOf('agent-a')['2026-12-01|fuSent']).toBe(3);
  });

  it('writes nothing for a step of a run it cannot place, or of a lead being erased', async () => {
    const world = await withLead();
    const recorded = await recordActivity('r2', step(undefined, 'sent'), world);
    expect(recorded).toEqual({ result: 'nothing' });

    world.runs.set('run-1', 'lead-1');
    world.write('lead-1', { erasing: true });
    expect(await recordActivity('r3', step(undefined, 'sent'), world)).toEqual({ result: 'nothing' });
    world.runs.set('run-1', 'lead-gone');
    expect(await recordActivity('r4', step(undefined, 'sent'), world)).toEqual({ result: 'nothing' });
    expect(world.writes).toEqual([]);
  });

  it('returns the lead of a step it had nothing to count for', async () => {
    const world = await withLead();
    world.runs.set('run-1', 'lead-1');
    expect(await recordActivity('r2', step(undefined, 'skipped'), world)).toMatchObject({
      result: 'nothing',
      lead: { leadId: 'lead-1' },
    });
  });
});
