import { Entity, type EntityItem } from 'electrodb';

/**
 * What the local Step Functions stand-in keeps of an execution so a restart loses nothing: the
 * state it is in (entered, not yet left) and that state's input, to run the same rendered definition
 * again from there. One partition per state machine: the local runner lists them on start.
 */
export const localExecutionEntity = new Entity({
  model: { entity: 'localExecution', version: '1', service: 'local' },
  attributes: {
    stateMachine: { type: 'string', required: true, readOnly: true },
    executionName: { type: 'string', required: true, readOnly: true },
    status: { type: ['RUNNING', 'SUCCEEDED', 'FAILED'] as const, required: true },
    input: { type: 'any', required: true, readOnly: true },
    currentState: { type: 'string' },
    stateInput: { type: 'any' },
    startedAt: { type: 'string', required: true, readOnly: true },
    stoppedAt: { type: 'string' },
    output: { type: 'any' },
    error: { type: 'string' },
  },
  indexes: {
    byStateMachine: {
      pk: { field: 'pk', composite: ['stateMachine'] },
      sk: { field: 'sk', composite: ['executionName'] },
    },
  },
});

export type LocalExecutionItem = EntityItem<typeof localExecutionEntity>;
