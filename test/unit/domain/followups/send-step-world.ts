import { type RunDueStepDeps, runDueStep } from '../../../../lambdas/domain/followups/run-due-step';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { EmailMessage } from '../../../../lambdas/ports/email';
import type { FollowUpRunStep } from '../../../../lambdas/ports/follow-up-runs';
import type {
  MessagingPort,
  SendTemplateRequest,
  SendTextRequest,
} from '../../../../lambdas/ports/messaging';
import type { Lead } from '../../../../schemas/api/leads';
import type { SequenceStepInput } from '../../../../schemas/api/sequences';
import { sequenceStepSchema } from '../../../../schemas/api/sequences';
import { createMockLead, createMockProfile } from '../../../helpers/factories';
import {
  createInMemoryFollowUpRuns,
  createInMemoryLeadEvents,
  createInMemoryTasks,
} from '../../../helpers/in-memory-follow-ups';
import { createInMemoryMessagingDeps } from '../messaging/in-memory-messaging';

/** 10:00 in New York (EST): outside the default quiet hours, 6 hours after the lead last wrote. */
export const NOW = '2026-03-02T15:00:00.000Z';
export const ENROLLED_AT = '2026-03-02T09:05:00.000Z';
export const ENROLLMENT = 'lead-1_seq-1';

export const whatsappText = (overrides: Partial<SequenceStepInput> = {}): SequenceStepInput =>
  ({
    channel: 'whatsapp',
    delay: { minutes: 0, after: 'enrolment' },
    message: {
      template: 'Hi {firstName}, {agentName} here. Still keen on {interest}? Reply and I will call.',
    },
    ...overrides,
  }) as SequenceStepInput;

export interface WorldOptions {
  steps: SequenceStepInput[];
  lead?: Partial<Lead>;
  /** Each step's planned due time; NOW unless given. */
  dueAt?: string[];
  now?: string;
  /** What the channel does with each send, in order; a wamid by default. */
  channel?: (Error | undefined)[];
  email?: boolean;
}

/** A lead enrolled in a sequence, with every collaborator of the send step in memory. */
export const sendStepWorld = async (options: WorldOptions) => {
  const clock = fixedClock(options.now ?? NOW);
  const texts: SendTextRequest[] = [];
  const templates: SendTemplateRequest[] = [];
  const emails: EmailMessage[] = [];
  const script = [...(options.channel ?? [])];
  let wamids = 0;
  const answer = async () => {
    const error = script.shift();
    if (error) throw error;
    wamids += 1;
    return { wamid: `wamid.follow-up-${wamids}` };
  };
  const messaging: MessagingPort = {
    sendText: async (request) => {
      const sent = await answer();
      texts.push(request);
      return sent;
    },
    sendTemplate: async (request) => {
      const sent = await answer();
      templates.push(request);
      return sent;
    },
    sendMedia: async () => {
      throw new Error('No media in follow-ups');
    },
  };
  const base = createInMemoryMessagingDeps(clock, { messaging });
  const runs = createInMemoryFollowUpRuns();
  const tasks = createInMemoryTasks();
  const events = createInMemoryLeadEvents();
  const counted: { metric: string; dimensions?: Record<string, string> }[] = [];
  await base.agents.createIfAbsent(createMockProfile());
  const lead = createMockLead({
    phone: '+12125550142',
    lastInboundAt: '2026-03-02T09:00:00.000Z',
    propertyInterest: { summary: '2-bed flat in Midtown' },
    ...options.lead,
  });
  await base.leads.create(lead, []);
  const steps = options.steps.map((step) => sequenceStepSchema.parse(step));
  const planned: FollowUpRunStep[] = steps.map((step, index) => ({
    dueAt: options.dueAt?.[index] ?? options.now ?? NOW,
    timeZone: 'America/New_York',
    channel: step.channel,
  }));
  await runs.create(
    {
      enrollmentId: ENROLLMENT,
      steps: planned,
      enrolment: {
        leadId: lead.leadId,
        agentId: lead.agentId,
        enrolledAt: ENROLLED_AT,
        sequence: { sequenceId: 'builtin-hot', version: 1, name: 'Test', temperature: 'hot', steps },
      },
    },
    new Date(ENROLLED_AT),
  );
  const deps: RunDueStepDeps = {
    ...base,
    runs,
    tasks,
    events,
    metrics: {
      count: (metric, _value, dimensions) => counted.push({ metric, ...(dimensions && { dimensions }) }),
    },
    defaultTimeZone: 'America/New_York',
    ...(options.email && {
      email: {
        sender: {
          send: async (message) => {
            emails.push(message);
            return { messageId: `ses-${emails.length}` };
          },
        },
        links: {
          linkFor: async (address) => `https://crm.example.com/unsubscribe?e=${encodeURIComponent(address)}`,
        },
        replyTo: 'replies@example.com',
      },
    }),
  };
  const run = (stepIndex: number) => runDueStep({ enrollmentId: ENROLLMENT, stepIndex }, deps);
  const stored = async () => (await runs.get(ENROLLMENT))!;
  const timeline = async () => (await base.interactions.listTimeline(lead.leadId, { limit: 50 })).items;
  return {
    clock,
    deps,
    base,
    runs,
    tasks,
    events,
    lead,
    texts,
    templates,
    emails,
    counted,
    run,
    stored,
    timeline,
  };
};
