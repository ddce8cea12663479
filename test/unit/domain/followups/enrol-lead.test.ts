import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../../lambdas/domain/errors';
import {
  type EnrolLeadDeps,
  enrolLead,
  enrollmentIdFor,
} from '../../../../lambdas/domain/followups/enrol-lead';
import type { FollowUpRun, FollowUpRunRepository } from '../../../../lambdas/ports/follow-up-runs';
import type { StoredSequence } from '../../../../lambdas/ports/sequence-repository';
import { createMockActor, createMockLead, createMockProfile } from '../../../helpers/factories';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

/** Runs kept in memory with the table's contract: a second create of one enrolment writes nothing. */
const inMemoryRuns = (): Pick<FollowUpRunRepository, 'create' | 'listForLead'> & {
  items: Map<string, FollowUpRun>;
} => {
  const items = new Map<string, FollowUpRun>();
  return {
    items,
    async listForLead(leadId) {
      return [...items.values()]
        .flatMap((run) => (run.enrolment?.leadId === leadId ? [{ ...run, enrolment: run.enrolment }] : []))
        .reverse();
    },
    async create({ enrollmentId, steps, enrolment }, at) {
      const existing = items.get(enrollmentId);
      if (existing) return { run: structuredClone(existing), created: false };
      const run: FollowUpRun = {
        enrollmentId,
        ...(enrolment && { enrolment }),
        status: 'running',
        steps,
        stepsRun: [],
        results: [],
        updatedAt: at.toISOString(),
      };
      items.set(enrollmentId, structuredClone(run));
      return { run, created: true };
    },
  };
};

const setup = () => {
  const base = createInMemoryDeps();
  const runs = inMemoryRuns();
  const started: string[] = [];
  const own = new Map<string, StoredSequence>();
  const deps: EnrolLeadDeps = {
    ...base,
    runs,
    sequences: {
      listForAgent: async (agentId) => [...own.values()].filter((s) => s.agentId === agentId),
      get: async (agentId, sequenceId) => {
        const found = own.get(sequenceId);
        return found?.agentId === agentId ? found : undefined;
      },
      create: async (sequence) => void own.set(sequence.sequenceId, sequence),
      replace: async (_previous, next) => void own.set(next.sequenceId, next),
      delete: async (previous) => void own.delete(previous.sequenceId),
    },
    executions: {
      async start(name) {
        started.push(name);
        return started.filter((n) => n === name).length > 1 ? 'already_started' : 'started';
      },
    },
  };
  return { deps, runs, started, base };
};

const actor = createMockActor();

describe('enrolLead', () => {
  it('starts the execution again for a running enrolment, in case the first start failed, and creates no second run', async () => {
    const { deps, runs, started, base } = setup();
    const lead = createMockLead({ temperature: 'warm', phone: '+12125550161' });
    await base.leads.create(lead, []);

    const first = await enrolLead(actor, lead.leadId, {}, deps);
    const again = await enrolLead(actor, lead.leadId, {}, deps);

    expect([first.created, again.created]).toEqual([true, false]);
    expect(runs.items.size).toBe(1);
    expect(started).toEqual([
      enrollmentIdFor(lead.leadId, 'builtin-warm'),
      enrollmentIdFor(lead.leadId, 'builtin-warm'),
    ]);
  });

  it('starts a new run, under the next generation, when the lead already finished that sequence', async () => {
    const { deps, runs, started, base } = setup();
    const lead = createMockLead({ temperature: 'cold' });
    await base.leads.create(lead, []);
    await enrolLead(actor, lead.leadId, {}, deps);
    const first = enrollmentIdFor(lead.leadId, 'builtin-cold');
    runs.items.set(first, { ...(runs.items.get(first) as FollowUpRun), status: 'finished' });
    started.length = 0;

    const again = await enrolLead(actor, lead.leadId, {}, deps);
    const retried = await enrolLead(actor, lead.leadId, {}, deps);

    const second = enrollmentIdFor(lead.leadId, 'builtin-cold', 1);
    expect(second).toMatch(/^[0-9A-Za-z_-]{1,56}$/);
    expect([again.created, again.followUp.enrollmentId, again.followUp.status]).toEqual([
      true,
      second,
      'running',
    ]);
    expect([retried.created, retried.followUp.enrollmentId]).toEqual([false, second]);
    expect(runs.items.size).toBe(2);
    expect(started).toEqual([second, second]);
  });

  it('returns a paused run of the sequence instead of starting another', async () => {
    const { deps, runs, base } = setup();
    const lead = createMockLead({ temperature: 'warm', phone: '+12125550163' });
    await base.leads.create(lead, []);
    await enrolLead(actor, lead.leadId, {}, deps);
    const id = enrollmentIdFor(lead.leadId, 'builtin-warm');
    runs.items.set(id, { ...(runs.items.get(id) as FollowUpRun), status: 'paused' });

    const again = await enrolLead(actor, lead.leadId, {}, deps);

    expect([again.created, again.followUp.enrollmentId, again.followUp.status]).toEqual([
      false,
      id,
      'paused',
    ]);
    expect(runs.items.size).toBe(1);
  });

  it("plans a lead an admin enrols on its own agent's quiet hours, not the admin's", async () => {
    const { deps, base } = setup();
    const admin = createMockActor({ agentId: 'agent-admin-kim', role: 'admin' });
    await base.agents.createIfAbsent(
      createMockProfile({ agentId: 'agent-admin-kim', quietHours: { start: '08:00', end: '21:00' } }),
    );
    await base.agents.createIfAbsent(createMockProfile());
    const lead = createMockLead({ temperature: 'hot', phone: '+12125550162' });
    await base.leads.create(lead, []);

    const { followUp } = await enrolLead(admin, lead.leadId, {}, deps);

    // The owner's quiet hours are 21:00-08:00 in New York: every step lands from 08:00 to 21:00 there.
    for (const step of followUp.steps) {
      const hour = Number(step.dueAtLeadLocal.slice(11, 13));
      expect(hour).toBeGreaterThanOrEqual(8);
      expect(hour).toBeLessThan(21);
    }
  });

  it('refuses with 409 an enrolment whose id a run of no sequence holds', async () => {
    const { deps, runs, started, base } = setup();
    const lead = createMockLead({ temperature: 'warm', phone: '+12125550164' });
    await base.leads.create(lead, []);
    const id = enrollmentIdFor(lead.leadId, 'builtin-warm');
    runs.items.set(id, {
      enrollmentId: id,
      status: 'running',
      steps: [],
      stepsRun: [],
      results: [],
      updatedAt: '',
    });

    const refused = enrolLead(actor, lead.leadId, {}, deps);

    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({ extensions: { enrollmentId: id } });
    expect(started).toEqual([]);
  });

  it('gives up with 409 after four generations in a row turn out taken by runs that ended', async () => {
    const { deps, started, base } = setup();
    const lead = createMockLead({ temperature: 'warm', phone: '+12125550165' });
    await base.leads.create(lead, []);
    const tried: string[] = [];
    const ended: EnrolLeadDeps = {
      ...deps,
      runs: {
        ...deps.runs,
        create: async ({ enrollmentId, steps, enrolment }) => {
          tried.push(enrollmentId);
          return {
            run: {
              enrollmentId,
              steps,
              enrolment,
              status: 'finished',
              stepsRun: [],
              results: [],
              updatedAt: '',
            },
            created: false,
          };
        },
      },
    };

    const refused = enrolLead(actor, lead.leadId, {}, ended);

    await expect(refused).rejects.toThrow('The lead cannot be enrolled in this sequence again');
    await expect(refused).rejects.toMatchObject({ extensions: { sequenceId: 'builtin-warm' } });
    expect(tried).toEqual(
      [0, 1, 2, 3].map((generation) => enrollmentIdFor(lead.leadId, 'builtin-warm', generation)),
    );
    expect(started).toEqual([]);
  });
});
