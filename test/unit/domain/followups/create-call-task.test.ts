import { describe, expect, it } from 'vitest';
import { builtInSequenceFor } from '../../../../lambdas/domain/followups/built-in-sequences';
import { createCallTask } from '../../../../lambdas/domain/followups/create-call-task';
import type { DraftContext } from '../../../../lambdas/domain/followups/draft-context';
import type { DueStep } from '../../../../lambdas/domain/followups/follow-up-send';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { createMockLead, createMockProfile } from '../../../helpers/factories';
import { createInMemoryTasks } from '../../../helpers/in-memory-follow-ups';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

// A Monday, 10:00 in New York: inside the agent's working hours (09:00-18:00, Monday to Friday).
const MONDAY_MORNING = '2026-03-02T15:00:00.000Z';

const ENROLLMENT = 'lead-1_seq-1';
const TASK_ID = `${ENROLLMENT}-2`;

const callStep = builtInSequenceFor('hot').steps.find((step) => step.channel === 'call')!;

const world = async () => {
  const base = createInMemoryDeps(fixedClock(MONDAY_MORNING));
  const tasks = createInMemoryTasks();
  const lead = createMockLead({ name: 'Sam Rivera' });
  await base.leads.create(lead, []);
  const deps = { tasks, interactions: base.interactions, newId: base.newId };
  const due = (
    overrides: Omit<Partial<DueStep>, 'context'> & { context?: Partial<DraftContext> } = {},
  ): DueStep => ({
    enrollmentId: ENROLLMENT,
    stepIndex: 2,
    step: callStep,
    lead,
    agent: createMockProfile(),
    drafted: {
      draft: { channel: 'call', language: 'en', text: 'Ask about Saturday viewings' },
      source: 'template',
    },
    now: new Date(MONDAY_MORNING),
    ...overrides,
    context: {
      channel: 'call',
      leadName: lead.name,
      agentName: 'Dana Lee',
      interest: '3-bed townhouse in Riverside',
      leadMessages: [],
      ...overrides.context,
    },
  });
  const timeline = async () => (await base.interactions.listTimeline(lead.leadId, { limit: 50 })).items;
  return { deps, tasks, lead, due, timeline };
};

describe('createCallTask', () => {
  it("gives the lead's agent a call task due now, with the step's note and a line on the timeline", async () => {
    const { deps, tasks, lead, due, timeline } = await world();

    const outcome = await createCallTask(due(), deps);

    const [entry, ...others] = await timeline();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      type: 'system',
      direction: 'internal',
      createdBy: 'system',
      text: 'Follow-up: Call Sam about 3-bed townhouse in Riverside',
      occurredAt: MONDAY_MORNING,
      metadata: { followUp: { enrollmentId: ENROLLMENT, stepIndex: 2 }, taskId: TASK_ID },
    });
    expect(entry?.metadata).not.toHaveProperty('reason');
    expect(outcome).toEqual({
      kind: 'result',
      result: {
        status: 'task_created',
        channel: 'call',
        taskId: TASK_ID,
        draftSource: 'template',
        interactionId: entry?.interactionId,
      },
    });
    expect(tasks.tasks.get(TASK_ID)).toEqual({
      taskId: TASK_ID,
      leadId: lead.leadId,
      agentId: lead.agentId,
      brokerageId: lead.brokerageId,
      kind: 'call',
      title: 'Call Sam about 3-bed townhouse in Riverside',
      note: 'Ask about Saturday viewings',
      dueAt: MONDAY_MORNING,
      status: 'open',
      followUp: { enrollmentId: ENROLLMENT, stepIndex: 2 },
      createdAt: MONDAY_MORNING,
      updatedAt: MONDAY_MORNING,
    });
  });

  it('makes a task due at the start of the next working day when the step runs on a weekend', async () => {
    const { deps, tasks, due } = await world();
    // Saturday 7 March, 14:00 in New York.
    const saturday = new Date('2026-03-07T19:00:00.000Z');

    await createCallTask(due({ now: saturday }), deps);

    expect(tasks.tasks.get(TASK_ID)).toMatchObject({
      dueAt: '2026-03-09T13:00:00.000Z',
      createdAt: saturday.toISOString(),
    });
  });

  it('stands in for a WhatsApp step that cannot go out, with the reason and no note', async () => {
    const { deps, tasks, due, timeline } = await world();
    const whatsapp = due({
      drafted: {
        draft: { channel: 'whatsapp', language: 'en', text: 'Hi Sam, still looking?' },
        source: 'model',
      },
      context: { interest: undefined, propertyTitle: 'Riverside Townhouse 12' },
    });

    const outcome = await createCallTask(whatsapp, deps, 'opted_out');

    const [entry] = await timeline();
    expect(entry?.metadata).toMatchObject({ reason: 'opted_out', taskId: TASK_ID });
    expect(outcome).toMatchObject({
      kind: 'result',
      result: { status: 'task_created', reason: 'opted_out', draftSource: 'model' },
    });
    const task = tasks.tasks.get(TASK_ID);
    expect(task?.title).toBe('Call Sam about Riverside Townhouse 12');
    expect(task).not.toHaveProperty('note');
  });

  it("names the lead's enquiry when neither an interest nor a property is known", async () => {
    const { deps, tasks, due } = await world();

    await createCallTask(due({ context: { interest: undefined } }), deps);

    expect(tasks.tasks.get(TASK_ID)?.title).toBe('Call Sam about their enquiry');
  });

  it('finds the task it already made when the step is retried, adding nothing to the timeline', async () => {
    const { deps, tasks, due, timeline } = await world();
    await createCallTask(due(), deps);

    const again = await createCallTask(due({ now: new Date('2026-03-02T15:05:00.000Z') }), deps);

    expect(again).toEqual({
      kind: 'result',
      result: { status: 'task_created', channel: 'call', taskId: TASK_ID, draftSource: 'template' },
    });
    expect(tasks.tasks.size).toBe(1);
    expect(tasks.tasks.get(TASK_ID)?.createdAt).toBe(MONDAY_MORNING);
    expect(await timeline()).toHaveLength(1);
  });
});
