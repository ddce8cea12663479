import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  agendaOf,
  createFollowUpRunRepository,
} from '../../../lambdas/adapters/dynamodb/follow-up-run-repository';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import type {
  FollowUpEnrolment,
  FollowUpRunRepository,
  FollowUpRunStep,
  StepResult,
} from '../../../lambdas/ports/follow-up-runs';
import { createTestTable } from '../../helpers/dynamodb';
import { interceptedDocuments } from '../../helpers/intercepted-documents';
import { createMockSequence } from '../../helpers/sequences';

let runs: FollowUpRunRepository;
let service: CrmService;
let table: ReturnType<typeof interceptedDocuments>;

const AT = new Date('2026-12-02T10:00:00.000Z');
const LATER = new Date('2026-12-02T11:00:00.000Z');

beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  table = interceptedDocuments(client);
  service = createCrmService(table.documents, tableName);
  runs = createFollowUpRunRepository(service);
});

beforeEach(() => table.clear());

const { sequenceId, version, name, temperature, steps: plannedSteps } = createMockSequence();

const enrolment = (leadId: string, enrolledAt = AT.toISOString()): FollowUpEnrolment => ({
  leadId,
  agentId: 'agent-moreno',
  enrolledAt,
  sequence: { sequenceId, version, name, temperature, steps: plannedSteps },
});

/** Two planned steps: the second is due first, so the agenda must take the earliest, not the first listed. */
const steps: FollowUpRunStep[] = [
  {
    dueAt: '2026-12-03T09:00:00.000Z',
    timeZone: 'America/New_York',
    channel: 'whatsapp',
    leadLocalTime: '04:00',
  },
  { dueAt: '2026-12-02T15:00:00.000Z', timeZone: 'America/New_York', channel: 'call', sendAttempts: 0 },
];

/** The run item as stored, agenda fields included. */
const stored = async (enrollmentId: string) =>
  (await service.entities.followUpRun.get({ enrollmentId }).go({ consistent: true })).data;

const newRun = async (enrollmentId: string, leadId = `lead-${enrollmentId}`) =>
  (await runs.create({ enrollmentId, steps, enrolment: enrolment(leadId) }, AT)).run;

describe('starting a run', () => {
  it('stores the enrolment and puts the run on its agent agenda at its earliest step', async () => {
    const { run, created } = await runs.create(
      { enrollmentId: 'enr-new', steps, enrolment: enrolment('lead-new') },
      AT,
    );

    const expected = {
      enrollmentId: 'enr-new',
      enrolment: enrolment('lead-new'),
      status: 'running',
      steps,
      stepsRun: [],
      results: [],
      updatedAt: AT.toISOString(),
    };
    expect(created).toBe(true);
    expect(run).toStrictEqual(expected);
    expect(await runs.get('enr-new')).toStrictEqual(expected);
    expect(await stored('enr-new')).toMatchObject({
      leadId: 'lead-new',
      agentId: 'agent-moreno',
      agendaAgentId: 'agent-moreno',
      agendaDueAt: '2026-12-02T15:00:00.000Z',
    });
  });

  it('starts a run without an enrolment off any agenda and without one on read', async () => {
    const bare = [{ dueAt: '2026-12-02T12:00:00.000Z', timeZone: 'UTC' }];
    await runs.create({ enrollmentId: 'enr-bare', steps: bare }, AT);

    const item = await stored('enr-bare');
    expect(item).not.toHaveProperty('agendaDueAt');
    expect(item).not.toHaveProperty('leadId');
    expect(await runs.get('enr-bare')).toStrictEqual({
      enrollmentId: 'enr-bare',
      status: 'running',
      steps: bare,
      stepsRun: [],
      results: [],
      updatedAt: AT.toISOString(),
    });
  });

  it('returns the stored run when the same enrolment starts again', async () => {
    await newRun('enr-twice');
    await runs.recordStepRan('enr-twice', 1, LATER);

    const again = await runs.create(
      { enrollmentId: 'enr-twice', steps: [], enrolment: enrolment('lead-other') },
      LATER,
    );

    expect(again.created).toBe(false);
    expect(again.run).toMatchObject({ stepsRun: [1], steps, enrolment: { leadId: 'lead-enr-twice' } });
  });

  it('passes on a refusal it cannot explain, and any other failure', async () => {
    table.instead(PutCommand, () => {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    });
    await expect(runs.create({ enrollmentId: 'enr-ghost', steps }, AT)).rejects.toThrow(
      'conditional request failed',
    );

    table.instead(PutCommand, () => {
      throw new Error('Throughput exceeded');
    });
    await expect(runs.create({ enrollmentId: 'enr-throttled', steps }, AT)).rejects.toThrow(
      'Throughput exceeded',
    );
  });
});

describe("a lead's runs", () => {
  it('finds the newest enrolment of a lead, and lists them newest first with their results', async () => {
    await runs.create(
      { enrollmentId: 'enr-old', steps, enrolment: enrolment('lead-two', '2026-11-01T10:00:00.000Z') },
      AT,
    );
    await runs.create(
      { enrollmentId: 'enr-recent', steps, enrolment: enrolment('lead-two', '2026-12-01T10:00:00.000Z') },
      AT,
    );
    await runs.recordStepResult('enr-old', {
      stepIndex: 0,
      status: 'sent',
      channel: 'whatsapp',
      ranAt: AT.toISOString(),
      updatedAt: AT.toISOString(),
    });

    expect(await runs.latestForLead('lead-two')).toMatchObject({ enrollmentId: 'enr-recent' });
    const listed = await runs.listForLead('lead-two');
    expect(listed.map((run) => run.enrollmentId)).toEqual(['enr-recent', 'enr-old']);
    expect(listed[1]?.results).toStrictEqual([
      {
        stepIndex: 0,
        status: 'sent',
        channel: 'whatsapp',
        ranAt: AT.toISOString(),
        updatedAt: AT.toISOString(),
      },
    ]);
    expect(await runs.latestForLead('lead-none')).toBeUndefined();
    expect(await runs.listForLead('lead-none')).toEqual([]);
  });
});

describe('running steps', () => {
  it('records a step once, moves the agenda to the next step, and takes the run off it after the last', async () => {
    await newRun('enr-steps');

    expect(await runs.recordStepRan('enr-steps', 1, LATER)).toBe('recorded');
    expect(await stored('enr-steps')).toMatchObject({
      stepsRun: [1],
      updatedAt: LATER.toISOString(),
      agendaDueAt: '2026-12-03T09:00:00.000Z',
    });
    expect(await runs.recordStepRan('enr-steps', 1, LATER)).toBe('already_ran');

    expect(await runs.recordStepRan('enr-steps', 0, LATER)).toBe('recorded');
    const done = await stored('enr-steps');
    expect(done?.stepsRun).toEqual([1, 0]);
    expect(done).not.toHaveProperty('agendaDueAt');
    expect(done).not.toHaveProperty('agendaAgentId');
  });

  it('refuses a step of a run that is not running, or that does not exist', async () => {
    await newRun('enr-stopped');
    await runs.stop('enr-stopped', 'replied', LATER);
    expect(await runs.recordStepRan('enr-stopped', 0, LATER)).toBe('not_running');
    expect((await runs.get('enr-stopped'))?.stepsRun).toEqual([]);
    expect(await runs.recordStepRan('enr-missing', 0, LATER)).toBe('not_running');
  });

  it('never writes a stale agenda over a run changed in between', async () => {
    await newRun('enr-agenda-race');
    const rival = createFollowUpRunRepository(service);
    // After the step is recorded and before the agenda moves, the run is stopped.
    table.before(UpdateCommand, () => {
      table.before(UpdateCommand, async () => {
        await rival.stop('enr-agenda-race', 'opted_out', new Date('2026-12-02T10:30:00.000Z'));
      });
    });

    expect(await runs.recordStepRan('enr-agenda-race', 1, LATER)).toBe('recorded');
    const item = await stored('enr-agenda-race');
    expect(item).toMatchObject({ status: 'stopped', stopReason: 'opted_out' });
    expect(item).not.toHaveProperty('agendaDueAt');
  });

  it('passes on a failure other than a refused condition', async () => {
    await newRun('enr-broken');
    table.instead(UpdateCommand, () => {
      throw new Error('Network down');
    });
    await expect(runs.recordStepRan('enr-broken', 0, LATER)).rejects.toThrow('Network down');
  });
});

describe('moving a step', () => {
  it('moves a step not yet run, keeps the others, and puts the run on the agenda at the new time', async () => {
    await newRun('enr-move');

    expect(
      await runs.rescheduleStep('enr-move', 1, { dueAt: '2026-12-04T14:00:00.000Z', sendAttempts: 1 }, LATER),
    ).toBe(true);

    const run = await runs.get('enr-move');
    expect(run?.steps).toStrictEqual([
      steps[0],
      { ...steps[1], dueAt: '2026-12-04T14:00:00.000Z', sendAttempts: 1 },
    ]);
    expect(run?.updatedAt).toBe(LATER.toISOString());
    expect(await stored('enr-move')).toMatchObject({ agendaDueAt: '2026-12-03T09:00:00.000Z' });
  });

  it('refuses to move a step that already ran unless its claim is given back', async () => {
    await newRun('enr-claimed');
    await runs.recordStepRan('enr-claimed', 1, AT);

    expect(await runs.rescheduleStep('enr-claimed', 1, { dueAt: '2026-12-05T09:00:00.000Z' }, LATER)).toBe(
      false,
    );
    expect((await runs.get('enr-claimed'))?.steps[1]?.dueAt).toBe(steps[1]?.dueAt);

    expect(
      await runs.rescheduleStep(
        'enr-claimed',
        1,
        { dueAt: '2026-12-02T16:00:00.000Z', releaseClaim: true },
        LATER,
      ),
    ).toBe(true);
    const run = await stored('enr-claimed');
    expect(run?.stepsRun).toEqual([]);
    expect(run?.steps[1]).not.toHaveProperty('releaseClaim');
    expect(run).toMatchObject({ agendaDueAt: '2026-12-02T16:00:00.000Z' });
  });

  it('refuses to give back a claim on a step that never ran', async () => {
    await newRun('enr-unclaimed');
    expect(
      await runs.rescheduleStep(
        'enr-unclaimed',
        0,
        { dueAt: '2026-12-05T09:00:00.000Z', releaseClaim: true },
        LATER,
      ),
    ).toBe(false);
  });

  it('refuses a step that does not exist, a missing run, a stopped run and a run changed in between', async () => {
    await newRun('enr-refuse');
    expect(await runs.rescheduleStep('enr-refuse', 2, { dueAt: '2026-12-05T09:00:00.000Z' }, LATER)).toBe(
      false,
    );
    expect(await runs.rescheduleStep('enr-nowhere', 0, { dueAt: '2026-12-05T09:00:00.000Z' }, LATER)).toBe(
      false,
    );

    table.before(UpdateCommand, async () => {
      await createFollowUpRunRepository(service).setPendingWake(
        'enr-refuse',
        { name: 'wake-1', taskToken: 'token-1', stepIndex: 0 },
        new Date('2026-12-02T10:30:00.000Z'),
      );
    });
    expect(await runs.rescheduleStep('enr-refuse', 0, { dueAt: '2026-12-05T09:00:00.000Z' }, LATER)).toBe(
      false,
    );
    expect((await runs.get('enr-refuse'))?.steps).toStrictEqual(steps);

    await runs.stop('enr-refuse', 'closed', LATER);
    expect(await runs.rescheduleStep('enr-refuse', 0, { dueAt: '2026-12-05T09:00:00.000Z' }, LATER)).toBe(
      false,
    );
  });

  it('passes on a failure other than a refused condition', async () => {
    await newRun('enr-move-broken');
    table.instead(UpdateCommand, () => {
      throw new Error('Network down');
    });
    await expect(
      runs.rescheduleStep('enr-move-broken', 0, { dueAt: '2026-12-05T09:00:00.000Z' }, LATER),
    ).rejects.toThrow('Network down');
  });
});

describe('waiting, pausing and ending', () => {
  const wake = { name: 'wake-7', taskToken: 'token-7', stepIndex: 0 };

  it('records the wake of a running or paused run, not of one that ended', async () => {
    await newRun('enr-wake');
    expect(await runs.setPendingWake('enr-wake', wake, LATER)).toBe(true);
    expect(await runs.get('enr-wake')).toMatchObject({ pendingWake: wake, updatedAt: LATER.toISOString() });

    await runs.pause('enr-wake', LATER);
    expect(await runs.setPendingWake('enr-wake', { ...wake, name: 'wake-8' }, LATER)).toBe(true);

    await runs.stop('enr-wake', 'closed', LATER);
    expect(await runs.setPendingWake('enr-wake', { ...wake, name: 'wake-9' }, LATER)).toBe(false);
    expect((await runs.get('enr-wake'))?.pendingWake?.name).toBe('wake-8');
    expect(await runs.setPendingWake('enr-nowhere', wake, LATER)).toBe(false);
  });

  it('pauses a running run off the agenda, and resumes it on new steps back onto it', async () => {
    await newRun('enr-pause');
    expect(await runs.pause('enr-pause', LATER)).toBe(true);
    expect(await runs.pause('enr-pause', LATER)).toBe(false);
    const paused = await stored('enr-pause');
    expect(paused).toMatchObject({ status: 'paused', pausedAt: LATER.toISOString() });
    expect(paused).not.toHaveProperty('agendaDueAt');
    expect(await runs.get('enr-pause')).toMatchObject({ pausedAt: LATER.toISOString() });

    const replanned = [
      { ...steps[0]!, dueAt: '2026-12-06T09:00:00.000Z' },
      { ...steps[1]!, dueAt: '2026-12-07T09:00:00.000Z' },
    ];
    const resumedAt = new Date('2026-12-05T08:00:00.000Z');
    expect(await runs.resume('enr-pause', replanned, resumedAt)).toBe(true);
    expect(await runs.resume('enr-pause', replanned, resumedAt)).toBe(false);
    const resumed = await stored('enr-pause');
    expect(resumed).toMatchObject({
      status: 'running',
      steps: replanned,
      agendaDueAt: '2026-12-06T09:00:00.000Z',
    });
    expect(resumed).not.toHaveProperty('pausedAt');
    expect(await runs.get('enr-pause')).not.toHaveProperty('pausedAt');
  });

  it('stops a running or paused run with its reason, once', async () => {
    await newRun('enr-stop');
    await runs.pause('enr-stop', AT);
    expect(await runs.stop('enr-stop', 'opted_out', LATER)).toBe(true);
    expect(await runs.stop('enr-stop', 'closed', LATER)).toBe(false);
    const item = await stored('enr-stop');
    expect(item).toMatchObject({ status: 'stopped', stopReason: 'opted_out' });
    expect(item).not.toHaveProperty('pausedAt');
    expect(item).not.toHaveProperty('agendaDueAt');
    expect(await runs.get('enr-stop')).toMatchObject({ stopReason: 'opted_out' });

    await newRun('enr-stop-running');
    expect(await runs.stop('enr-stop-running', 'replied', LATER)).toBe(true);
    expect(await stored('enr-stop-running')).not.toHaveProperty('agendaDueAt');
  });

  it('finishes a running run, dropping its wake and agenda; a stopped run keeps its status', async () => {
    await newRun('enr-finish');
    await runs.setPendingWake('enr-finish', wake, AT);
    await runs.finish('enr-finish', LATER);
    const finished = await stored('enr-finish');
    expect(finished).toMatchObject({ status: 'finished', updatedAt: LATER.toISOString() });
    expect(finished).not.toHaveProperty('pendingWake');
    expect(finished).not.toHaveProperty('agendaDueAt');

    await newRun('enr-finish-stopped');
    await runs.setPendingWake('enr-finish-stopped', wake, AT);
    await runs.stop('enr-finish-stopped', 'replied', AT);
    await runs.finish('enr-finish-stopped', LATER);
    const stopped = await stored('enr-finish-stopped');
    expect(stopped).toMatchObject({
      status: 'stopped',
      stopReason: 'replied',
      updatedAt: LATER.toISOString(),
    });
    expect(stopped).not.toHaveProperty('pendingWake');
  });

  it('finishes a run that is gone without bringing it back, and passes on other failures', async () => {
    await runs.finish('enr-erased', LATER);
    expect(await stored('enr-erased')).toBeNull();

    await newRun('enr-finish-broken');
    table.instead(UpdateCommand, () => {
      throw new Error('Network down');
    });
    await expect(runs.finish('enr-finish-broken', LATER)).rejects.toThrow('Network down');

    await runs.stop('enr-finish-broken', 'closed', AT);
    table.before(UpdateCommand, () => undefined);
    table.instead(UpdateCommand, () => {
      throw new Error('Network down again');
    });
    await expect(runs.finish('enr-finish-broken', LATER)).rejects.toThrow('Network down again');
  });

  it('marks a run failed with the failure, and reports a run that is not there', async () => {
    await newRun('enr-fail');
    await runs.setPendingWake('enr-fail', wake, AT);
    expect(await runs.fail('enr-fail', { error: 'States.Timeout', cause: 'wake lost' }, LATER)).toBe(true);
    const failed = await stored('enr-fail');
    expect(failed).toMatchObject({
      status: 'failed',
      failure: { error: 'States.Timeout', cause: 'wake lost' },
    });
    expect(failed).not.toHaveProperty('pendingWake');
    expect(failed).not.toHaveProperty('agendaDueAt');
    expect(await runs.get('enr-fail')).toMatchObject({ failure: { error: 'States.Timeout' } });

    expect(await runs.fail('enr-nowhere', { error: 'States.Timeout' }, LATER)).toBe(false);
    expect(await stored('enr-nowhere')).toBeNull();
  });

  it('passes on failures other than a refused condition when waking, pausing, resuming, stopping or failing', async () => {
    await newRun('enr-errors');
    for (const attempt of [
      () => runs.setPendingWake('enr-errors', wake, LATER),
      () => runs.pause('enr-errors', LATER),
      () => runs.resume('enr-errors', steps, LATER),
      () => runs.stop('enr-errors', 'closed', LATER),
      () => runs.fail('enr-errors', { error: 'x' }, LATER),
    ]) {
      table.instead(UpdateCommand, () => {
        throw new Error('Network down');
      });
      await expect(attempt()).rejects.toThrow('Network down');
    }
  });
});

describe('step results and erasing', () => {
  const result = (stepIndex: number): StepResult => ({
    stepIndex,
    status: 'sent',
    channel: 'whatsapp',
    ranAt: AT.toISOString(),
    updatedAt: AT.toISOString(),
  });

  it('passes on failures other than a refused condition when recording or advancing a result', async () => {
    table.instead(PutCommand, () => {
      throw new Error('Network down');
    });
    await expect(runs.recordStepResult('enr-results-broken', result(0))).rejects.toThrow('Network down');
    table.instead(UpdateCommand, () => {
      throw new Error('Network down');
    });
    await expect(runs.advanceStepResult('enr-results-broken', 0, 'read', LATER)).rejects.toThrow(
      'Network down',
    );
    expect(await runs.advanceStepResult('enr-results-broken', 0, 'read', LATER)).toBe(false);
  });

  it('removes a run and every step result, and a run without results', async () => {
    await newRun('enr-remove');
    await runs.recordStepResult('enr-remove', result(0));
    await runs.recordStepResult('enr-remove', result(1));
    await runs.remove('enr-remove');
    expect(await runs.get('enr-remove')).toBeUndefined();
    const { data } = await service.entities.followUpStepResult.query
      .byEnrollment({ enrollmentId: 'enr-remove' })
      .go();
    expect(data).toEqual([]);

    await newRun('enr-remove-bare');
    table.clear();
    await runs.remove('enr-remove-bare');
    expect(await runs.get('enr-remove-bare')).toBeUndefined();
    expect(table.inputsOf('BatchWriteCommand')).toEqual([]);
  });

  it('keeps the run when step results were left, so erasing again finds them', async () => {
    await newRun('enr-remove-left');
    await runs.recordStepResult('enr-remove-left', result(0));
    // DynamoDB hands the deletes back unprocessed (throttled): nothing of the batch was deleted.
    table.instead(BatchWriteCommand, () => {
      const { RequestItems } = (table.sent.at(-1)?.input ?? {}) as {
        RequestItems: Record<string, unknown[]>;
      };
      return { UnprocessedItems: RequestItems };
    });

    await expect(runs.remove('enr-remove-left')).rejects.toThrow(
      'Step results of enr-remove-left were left; erase again',
    );
    expect(await runs.get('enr-remove-left')).toMatchObject({ results: [{ stepIndex: 0 }] });
  });
});

describe('reading what the table holds', () => {
  it('reads every run, the agenda and the moved step consistently', async () => {
    await newRun('enr-consistent');
    table.clear();
    await runs.recordStepRan('enr-consistent', 1, LATER);
    await runs.rescheduleStep('enr-consistent', 0, { dueAt: '2026-12-04T09:00:00.000Z' }, LATER);
    await runs.get('enr-consistent');
    const gets = table.inputsOf('GetCommand');
    expect(gets).toHaveLength(3);
    for (const input of gets) expect(input).toMatchObject({ ConsistentRead: true });
  });

  it('shows no enrolment for a run missing any part of one, and lists only enrolled runs', async () => {
    const { sequenceId, version, name, temperature, steps: planned } = createMockSequence();
    const sequence = { sequenceId, version, name, temperature, stepsJson: JSON.stringify(planned) };
    const base = { status: 'running' as const, steps, stepsRun: [], updatedAt: AT.toISOString() };
    await service.entities.followUpRun
      .create({
        ...base,
        enrollmentId: 'enr-no-lead',
        agentId: 'agent-moreno',
        enrolledAt: AT.toISOString(),
        sequence,
      })
      .go();
    await service.entities.followUpRun
      .create({
        ...base,
        enrollmentId: 'enr-no-agent',
        leadId: 'lead-partial',
        enrolledAt: AT.toISOString(),
        sequence,
      })
      .go();
    await service.entities.followUpRun
      .create({
        ...base,
        enrollmentId: 'enr-no-sequence',
        leadId: 'lead-partial',
        agentId: 'agent-moreno',
        enrolledAt: '2026-12-09T00:00:00.000Z',
      })
      .go();

    for (const id of ['enr-no-lead', 'enr-no-agent', 'enr-no-sequence']) {
      expect(await runs.get(id)).not.toHaveProperty('enrolment');
    }
    expect(await runs.listForLead('lead-partial')).toEqual([]);
    expect(await runs.latestForLead('lead-partial')).toBeUndefined();
  });
});

describe('keeping the agenda', () => {
  it('writes nothing more when a step ran that does not move the agenda', async () => {
    await newRun('enr-agenda-still');
    table.clear();
    expect(await runs.recordStepRan('enr-agenda-still', 0, LATER)).toBe('recorded');
    expect(table.inputsOf('UpdateCommand')).toHaveLength(1);
    expect(await stored('enr-agenda-still')).toMatchObject({ agendaDueAt: '2026-12-02T15:00:00.000Z' });
  });

  it('leaves a run erased in between as gone', async () => {
    await newRun('enr-agenda-erased');
    table.before(UpdateCommand, () => {
      table.before(GetCommand, async () => {
        await service.entities.followUpRun.delete({ enrollmentId: 'enr-agenda-erased' }).go();
      });
    });
    expect(await runs.recordStepRan('enr-agenda-erased', 1, LATER)).toBe('recorded');
    expect(await stored('enr-agenda-erased')).toBeNull();
  });

  it('passes on a failure moving the agenda other than a refused condition', async () => {
    await newRun('enr-agenda-broken');
    table.before(UpdateCommand, () => undefined);
    table.instead(UpdateCommand, () => {
      throw new Error('Network down');
    });
    await expect(runs.recordStepRan('enr-agenda-broken', 1, LATER)).rejects.toThrow('Network down');
  });

  it('gives back only the claim of the step moved', async () => {
    await newRun('enr-release-one');
    await runs.recordStepRan('enr-release-one', 0, AT);
    await runs.recordStepRan('enr-release-one', 1, AT);
    expect(
      await runs.rescheduleStep(
        'enr-release-one',
        1,
        { dueAt: '2026-12-02T18:00:00.000Z', releaseClaim: true },
        LATER,
      ),
    ).toBe(true);
    expect(await stored('enr-release-one')).toMatchObject({
      stepsRun: [0],
      agendaDueAt: '2026-12-02T18:00:00.000Z',
    });
  });

  it('moves a step of a run on no agenda and keeps it off every agenda', async () => {
    await runs.create(
      { enrollmentId: 'enr-move-bare', steps: [{ dueAt: '2026-12-02T12:00:00.000Z', timeZone: 'UTC' }] },
      AT,
    );
    expect(await runs.rescheduleStep('enr-move-bare', 0, { dueAt: '2026-12-02T13:00:00.000Z' }, LATER)).toBe(
      true,
    );
    const item = await stored('enr-move-bare');
    expect(item?.steps[0]?.dueAt).toBe('2026-12-02T13:00:00.000Z');
    expect(item).not.toHaveProperty('agendaDueAt');
  });

  it('passes on a failure starting a run that is already there', async () => {
    await newRun('enr-start-broken');
    table.instead(PutCommand, () => {
      throw new Error('Throughput exceeded');
    });
    await expect(runs.create({ enrollmentId: 'enr-start-broken', steps }, LATER)).rejects.toThrow(
      'Throughput exceeded',
    );
  });
});

describe('the agenda of a run', () => {
  it('is none for a run that is not running, or has no agent', () => {
    const run = { status: 'running' as const, agentId: 'agent-moreno', steps, stepsRun: [] };
    expect(agendaOf(run)).toEqual({ agendaAgentId: 'agent-moreno', agendaDueAt: '2026-12-02T15:00:00.000Z' });
    expect(agendaOf({ ...run, status: 'paused' })).toBeUndefined();
    expect(agendaOf({ ...run, agentId: undefined })).toBeUndefined();
    expect(agendaOf({ ...run, stepsRun: [0, 1] })).toBeUndefined();
  });
});
