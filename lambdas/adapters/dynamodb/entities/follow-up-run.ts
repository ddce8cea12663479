import { Entity, type EntityItem } from 'electrodb';

/**
 * The follow-up engine's record of one enrolment's run: its steps, which ran (a step is appended
 * once, by a conditional write), the wake it waits on, and how it ended.
 */
export const followUpRunEntity = new Entity({
  model: { entity: 'followUpRun', version: '1', service: 'crm' },
  attributes: {
    enrollmentId: { type: 'string', required: true, readOnly: true },
    /** Set on enrolments from a sequence: whose lead, and the copy of the sequence it runs. */
    leadId: { type: 'string', readOnly: true },
    agentId: { type: 'string', readOnly: true },
    sequence: {
      type: 'map',
      readOnly: true,
      properties: {
        sequenceId: { type: 'string', required: true },
        version: { type: 'number', required: true },
        name: { type: 'string', required: true },
        temperature: { type: ['hot', 'warm', 'cold', 'custom'] as const, required: true },
        /** The snapshot's steps, as JSON: later edits of the sequence never reach a running enrolment. */
        stepsJson: { type: 'string', required: true },
      },
    },
    status: { type: ['running', 'paused', 'finished', 'stopped', 'failed'] as const, required: true },
    steps: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          dueAt: { type: 'string', required: true },
          timeZone: { type: 'string', required: true },
          channel: { type: ['whatsapp', 'email', 'call'] as const },
          leadLocalTime: { type: 'string' },
          sendAttempts: { type: 'number' },
        },
      },
    },
    stepsRun: { type: 'list', items: { type: 'number' }, required: true },
    pendingWake: {
      type: 'map',
      properties: {
        name: { type: 'string', required: true },
        taskToken: { type: 'string', required: true },
        stepIndex: { type: 'number', required: true },
      },
    },
    enrolledAt: { type: 'string', readOnly: true },
    stopReason: { type: 'string' },
    /** Set while the agent has it paused. */
    pausedAt: { type: 'string' },
    failure: {
      type: 'map',
      properties: { error: { type: 'string', required: true }, cause: { type: 'string' } },
    },
    updatedAt: { type: 'string', required: true },
    /**
     * While the run is running with a step still to go out: whose agenda it is on and when that step is due.
     * Both absent otherwise, which keeps the run off the agenda index.
     */
    agendaAgentId: { type: 'string' },
    agendaDueAt: { type: 'string' },
  },
  indexes: {
    byEnrollment: {
      pk: { field: 'pk', composite: ['enrollmentId'] },
      sk: { field: 'sk', composite: [] },
    },
    /** A lead's enrolments, newest last; sparse: runs started without a lead are not in it. */
    byLead: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['leadId'] },
      sk: { field: 'gsi1sk', composite: ['enrolledAt'] },
    },
    /** An agent's running follow-ups by when their next step goes out; sparse: only while one is planned. */
    byAgentAgenda: {
      index: 'gsi2',
      condition: (attr) => attr.agendaDueAt !== undefined,
      pk: { field: 'gsi2pk', composite: ['agendaAgentId'] },
      sk: { field: 'gsi2sk', composite: ['agendaDueAt'] },
    },
  },
});

export type FollowUpRunItem = EntityItem<typeof followUpRunEntity>;
