import type { Actor } from '../../lambdas/domain/actor';
import { ensureProfile } from '../../lambdas/domain/agents/ensure-profile';
import { createLead } from '../../lambdas/domain/leads/create-lead';
import type { LeadDeps } from '../../lambdas/domain/leads/deps';
import { fixedClock } from '../../lambdas/ports/clock';
import { createIdGenerator } from '../../lambdas/shared/ids';
import type { CreateLeadBody, LeadStatus } from '../../schemas/api/leads';
import type { Interaction } from '../../schemas/api/timeline';
import { type DemoUser, demoUsers } from './demo-users';
import { type SeedDayDeps, seedDemoDay } from './seed-day';

interface DemoLead {
  owner: 'agent1@demo.test' | 'agent2@demo.test';
  lead: CreateLeadBody;
  status?: LeadStatus;
  daysAgo: number;
  /** Later touchpoints, hours after the lead arrived. */
  timeline?: Array<{
    afterHours: number;
    type: Interaction['type'];
    direction: Interaction['direction'];
    text: string;
  }>;
}

const us = (n: number) => `+1 212 555 01${String(n).padStart(2, '0')}`;
const uk = (n: number) => `+44 20 7946 0${String(n).padStart(3, '0')}`;

const demoLeads: DemoLead[] = [
  {
    owner: 'agent1@demo.test',
    daysAgo: 1,
    lead: {
      name: 'Dana Lee',
      phone: us(10),
      source: 'whatsapp',
      message:
        'Hi! Is the 3-bed on Maple Ave still available? We are pre-approved up to $650k and want to view this weekend.',
      propertyInterest: {
        summary: '3-bed house, Maple Ave',
        area: 'Riverside',
        bedrooms: 3,
        price: 629000,
        currency: 'USD',
      },
      tags: ['pre-approved', 'family'],
    },
    timeline: [
      {
        afterHours: 0.2,
        type: 'whatsapp',
        direction: 'outbound',
        text: 'Hi Dana, yes it is! Saturday 11am or 2pm?',
      },
      { afterHours: 0.5, type: 'whatsapp', direction: 'inbound', text: 'Saturday 11am works, thanks!' },
    ],
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 2,
    lead: {
      name: 'Sam Ortiz',
      email: 'sam.ortiz@example.com',
      source: 'portal',
      message: 'What is the HOA fee for unit 4B? Looking to buy within the month, cash buyer.',
      propertyInterest: {
        summary: 'Condo unit 4B, Harbor View',
        area: 'Harbor View',
        propertyType: 'condo',
        price: 410000,
        currency: 'USD',
      },
      tags: ['cash'],
    },
    status: 'contacted',
    timeline: [
      { afterHours: 3, type: 'call', direction: 'outbound', text: 'Called, left voicemail about HOA fees.' },
    ],
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 3,
    lead: {
      name: 'Priya Nair',
      phone: us(11),
      source: 'facebook_comment',
      message: 'Price?',
      propertyInterest: {
        summary: '2-bed apartment, Elm Street',
        bedrooms: 2,
        price: 389000,
        currency: 'USD',
      },
    },
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 4,
    lead: {
      name: 'Omar Haddad',
      phone: us(12),
      source: 'whatsapp',
      message: 'مرحبا، هل الشقة متاحة للمعاينة هذا الأسبوع؟ ميزانيتي حوالي 500 ألف',
      propertyInterest: {
        summary: '3-bed apartment, Downtown',
        area: 'Downtown',
        bedrooms: 3,
        price: 495000,
        currency: 'USD',
      },
      tags: ['arabic'],
    },
    status: 'qualified',
    timeline: [
      {
        afterHours: 1,
        type: 'whatsapp',
        direction: 'outbound',
        text: 'أهلا عمر، نعم متاحة. هل يناسبك الخميس؟',
      },
      { afterHours: 2, type: 'whatsapp', direction: 'inbound', text: 'نعم الخميس مناسب' },
      { afterHours: 3, type: 'note', direction: 'internal', text: 'Prefers Arabic; viewing Thursday 5pm.' },
    ],
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 5,
    lead: {
      name: 'Grace Kim',
      email: 'grace.kim@example.com',
      source: 'referral',
      message: 'Referred by the Walkers. We need to move before school starts, 4 bedrooms, budget 800k.',
      profile: { job: 'Physician', familyStatus: 'married, two children', budgetMax: 800000 },
      tags: ['referral', 'relocation'],
    },
    status: 'viewing',
    timeline: [
      {
        afterHours: 2,
        type: 'call',
        direction: 'outbound',
        text: 'Intro call, 20 minutes. Wants Oakwood school district.',
      },
      { afterHours: 30, type: 'meeting', direction: 'outbound', text: 'Viewed 2 houses in Oakwood.' },
    ],
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 6,
    lead: {
      name: 'Leo Martins',
      phone: us(13),
      source: 'facebook_lead_ad',
      message: 'Interested in new listings',
    },
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 8,
    lead: {
      name: 'Hannah Weiss',
      email: 'hannah.weiss@example.com',
      source: 'website',
      message: 'Just browsing for next year, no rush.',
    },
    status: 'contacted',
    timeline: [
      { afterHours: 5, type: 'email', direction: 'outbound', text: 'Sent the spring market report.' },
    ],
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 9,
    lead: {
      name: 'Marcus Green',
      phone: us(14),
      source: 'walk_in',
      message: 'Walked into the open house, asked about financing options.',
      tags: ['open-house'],
    },
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 10,
    lead: {
      name: 'Aisha Rahman',
      phone: us(15),
      source: 'whatsapp',
      message: 'Can I see the villa tomorrow? I am ready to make an offer if it matches the photos.',
      propertyInterest: {
        summary: 'Villa, Lakeside',
        propertyType: 'villa',
        price: 1250000,
        currency: 'USD',
      },
    },
    status: 'negotiating',
    timeline: [
      { afterHours: 0.1, type: 'whatsapp', direction: 'outbound', text: 'Of course, 10am tomorrow?' },
      { afterHours: 0.3, type: 'whatsapp', direction: 'inbound', text: 'Perfect' },
      { afterHours: 26, type: 'meeting', direction: 'outbound', text: 'Viewing done; offer expected.' },
    ],
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 12,
    lead: {
      name: 'Tom Becker',
      email: 'tom.becker@example.com',
      source: 'portal',
      message: 'Is parking included?',
    },
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 14,
    lead: { name: 'Nora Castillo', phone: us(16), source: 'facebook_comment', message: 'Nice!' },
    status: 'lost',
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 15,
    lead: {
      name: 'Yusuf Demir',
      phone: us(17),
      source: 'phone_call',
      message: 'Called the office about 2-bed rentals turning into purchases.',
    },
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 18,
    lead: {
      name: 'Chloe Dubois',
      email: 'chloe.dubois@example.com',
      source: 'referral',
      message: 'My manager and I are relocating; company pays, need something by March.',
      profile: { job: 'Engineer', location: 'Relocating from Austin' },
    },
    status: 'converted',
    timeline: [{ afterHours: 48, type: 'note', direction: 'internal', text: 'Signed purchase agreement.' }],
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 20,
    lead: { name: 'Ben Carter', phone: us(18), source: 'facebook_lead_ad' },
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 22,
    lead: {
      name: 'Layla Saeed',
      phone: us(19),
      source: 'whatsapp',
      message: 'كم السعر؟ هل يوجد تمويل؟',
      tags: ['arabic'],
    },
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 25,
    lead: {
      name: 'Ethan Brooks',
      email: 'ethan.brooks@example.com',
      source: 'website',
      message: 'Send me the brochure please.',
    },
    status: 'contacted',
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 27,
    lead: {
      name: 'Mia Rossi',
      phone: us(20),
      source: 'direct',
      message: 'Looking for a studio near the station, budget 300k.',
    },
  },
  {
    owner: 'agent1@demo.test',
    daysAgo: 29,
    lead: { name: 'Lucas Silva', phone: us(21), source: 'other' },
  },
  {
    owner: 'agent2@demo.test',
    daysAgo: 1,
    lead: {
      name: 'Olivia Hughes',
      phone: uk(101),
      source: 'portal',
      message: 'Could we book a viewing for the Camden flat on Friday? Mortgage in principle agreed.',
      propertyInterest: {
        summary: '2-bed flat, Camden',
        area: 'Camden',
        bedrooms: 2,
        price: 725000,
        currency: 'GBP',
      },
    },
    timeline: [{ afterHours: 1, type: 'call', direction: 'outbound', text: 'Booked Friday 4pm viewing.' }],
  },
  {
    owner: 'agent2@demo.test',
    daysAgo: 2,
    lead: { name: 'Harry Patel', phone: uk(102), source: 'facebook_comment', message: 'How much is this?' },
  },
  {
    owner: 'agent2@demo.test',
    daysAgo: 3,
    lead: {
      name: 'Amelia Clarke',
      email: 'amelia.clarke@example.com',
      source: 'referral',
      message: 'We sold our house and are chain-free, looking for 3 beds in Islington urgently.',
      tags: ['chain-free'],
    },
    status: 'qualified',
  },
  {
    owner: 'agent2@demo.test',
    daysAgo: 5,
    lead: { name: 'Jack Wilson', phone: uk(103), source: 'whatsapp', message: 'Is the garden south facing?' },
    timeline: [
      { afterHours: 4, type: 'whatsapp', direction: 'outbound', text: 'Yes, south-west. Want photos?' },
    ],
  },
  {
    owner: 'agent2@demo.test',
    daysAgo: 6,
    lead: { name: 'Isla Murphy', email: 'isla.murphy@example.com', source: 'website' },
  },
  {
    owner: 'agent2@demo.test',
    daysAgo: 8,
    lead: {
      name: 'Noah Evans',
      phone: uk(104),
      source: 'facebook_lead_ad',
      message: 'First-time buyer, what deposit do I need?',
    },
  },
  {
    owner: 'agent2@demo.test',
    daysAgo: 11,
    lead: {
      name: 'Sofia Romano',
      phone: uk(105),
      source: 'walk_in',
      message: 'Came to the office, looking to invest in buy-to-let.',
    },
    status: 'contacted',
  },
  {
    owner: 'agent2@demo.test',
    daysAgo: 13,
    lead: {
      name: 'George Turner',
      email: 'george.turner@example.com',
      source: 'portal',
      message: 'Still available?',
    },
    status: 'lost',
  },
  {
    owner: 'agent2@demo.test',
    daysAgo: 16,
    lead: {
      name: 'Fatima Zahra',
      phone: uk(106),
      source: 'whatsapp',
      message: 'أريد معاينة الشقة غدا إن أمكن، الدفع كاش',
    },
    status: 'viewing',
  },
  {
    owner: 'agent2@demo.test',
    daysAgo: 19,
    lead: {
      name: 'Oscar Bennett',
      phone: uk(107),
      source: 'phone_call',
      message: 'Asked about the service charge.',
    },
  },
  {
    owner: 'agent2@demo.test',
    daysAgo: 23,
    lead: {
      name: 'Ruby Foster',
      email: 'ruby.foster@example.com',
      source: 'referral',
      message: 'Downsizing next spring.',
    },
  },
  {
    owner: 'agent2@demo.test',
    daysAgo: 28,
    lead: { name: 'Freddie Ward', phone: uk(108), source: 'facebook_comment', message: '👍' },
  },
];

const actorFor = (user: DemoUser): Actor => ({
  agentId: user.sub,
  brokerageId: user.brokerageId,
  role: user.role,
  email: user.email,
  name: user.name,
});

/**
 * Fills an empty local table with the demo brokerage: three profiles and ~30 leads with timelines,
 * written through the same use cases the API runs. Does nothing when the demo agent already exists.
 */
export const seedDemoData = async (
  deps: LeadDeps,
  day?: Pick<SeedDayDeps, 'tasks' | 'listings'>,
): Promise<{ seeded: boolean; leads: number }> => {
  const first = demoUsers[0];
  if (!first || (await deps.agents.get(first.sub))) return { seeded: false, leads: 0 };

  const now = deps.clock.now().getTime();
  const clock = fixedClock(new Date(now - 31 * 86_400_000));
  // Ids carry the time they stand for, so timelines sort as they happened.
  const seedDeps: LeadDeps = { ...deps, clock, newId: createIdGenerator(clock) };

  for (const user of demoUsers) {
    const profile = await ensureProfile(actorFor(user), seedDeps);
    if (profile.timezone !== user.timezone) {
      await deps.agents.update(profile, {
        ...profile,
        timezone: user.timezone,
        version: profile.version + 1,
      });
    }
  }

  type Step = { at: number; run: () => Promise<void> };
  const steps: Step[] = [];
  const withTimeline: Array<() => string> = [];
  const byName = new Map<string, { leadId: string; actor: Actor }>();
  for (const demo of demoLeads) {
    const user = demoUsers.find((u) => u.email === demo.owner);
    if (!user) continue;
    const actor = actorFor(user);
    const createdAt = now - demo.daysAgo * 86_400_000 - 3_600_000 * ((demo.lead.name.length % 9) + 1);
    let leadId = '';
    steps.push({
      at: createdAt,
      run: async () => {
        const { lead } = await createLead(actor, demo.lead, seedDeps);
        leadId = lead.leadId;
        byName.set(lead.name, { leadId, actor });
        if (demo.status) {
          await deps.leads.update(lead, { ...lead, status: demo.status, version: lead.version + 1 });
        }
      },
    });
    if (demo.timeline?.length) withTimeline.push(() => leadId);
    for (const entry of demo.timeline ?? []) {
      const at = createdAt + entry.afterHours * 3_600_000;
      if (at >= now) continue;
      steps.push({
        at,
        run: () =>
          seedDeps.interactions.add({
            interactionId: seedDeps.newId(),
            leadId,
            type: entry.type,
            direction: entry.direction,
            text: entry.text,
            occurredAt: new Date(at).toISOString(),
            createdBy: entry.direction === 'inbound' ? undefined : actor.agentId,
          }),
      });
    }
  }

  steps.sort((a, b) => a.at - b.at);
  for (const step of steps) {
    clock.set(new Date(step.at));
    await step.run();
  }
  // Scores as of today, with the replies and calls that came after each lead was created.
  for (const leadId of withTimeline) await deps.scorer?.rescore(leadId(), 'message_in');
  if (day) await seedDemoDay(byName, now, { ...seedDeps, ...day, clock });
  return { seeded: true, leads: demoLeads.length };
};
