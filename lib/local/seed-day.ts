import type { Actor } from '../../lambdas/domain/actor';
import { createListing } from '../../lambdas/domain/listings/create-listing';
import { completeTask } from '../../lambdas/domain/tasks/complete-task';
import { todayIn } from '../../lambdas/domain/tasks/due-window';
import { scheduleTask } from '../../lambdas/domain/tasks/schedule-task';
import type { Clock } from '../../lambdas/ports/clock';
import type { IdGenerator } from '../../lambdas/ports/ids';
import type { LeadRepository } from '../../lambdas/ports/lead-repository';
import type { ListingRepository } from '../../lambdas/ports/listings';
import type { TaskRepository } from '../../lambdas/ports/tasks';
import type { CreateListingBody } from '../../schemas/api/listings';

const HOUR = 3_600_000;

const photo = (name: string) => [
  `https://img.example.com/${name}-1.jpg`,
  `https://img.example.com/${name}-2.jpg`,
];

const demoListings: CreateListingBody[] = [
  {
    title: '3-bed house on Maple Ave',
    price: 629000,
    currency: 'USD',
    beds: 3,
    area: { value: 165, unit: 'sqm' },
    address: '41 Maple Ave, Riverside',
    photoUrls: photo('maple'),
    brochureUrl: 'https://img.example.com/maple.pdf',
    status: 'active',
  },
  {
    title: '2-bed condo with river view',
    price: 415000,
    currency: 'USD',
    beds: 2,
    area: { value: 92, unit: 'sqm' },
    address: '8 Quay St, Apt 12B',
    photoUrls: photo('quay'),
    status: 'active',
  },
  {
    title: 'Family home with garden',
    price: 780000,
    currency: 'USD',
    beds: 4,
    area: { value: 2400, unit: 'sqft' },
    address: '17 Elm Close, Northfield',
    photoUrls: photo('elm'),
    status: 'under_offer',
  },
  {
    title: 'Studio near the station',
    price: 235000,
    currency: 'USD',
    beds: 0,
    area: { value: 38, unit: 'sqm' },
    address: '3 Rail Row, Unit 4',
    photoUrls: photo('rail'),
    status: 'active',
  },
  {
    title: 'Victorian terrace, south-facing garden',
    price: 925000,
    currency: 'GBP',
    beds: 3,
    address: '22 Albert Road, London',
    photoUrls: photo('albert'),
    brochureUrl: 'https://img.example.com/albert.pdf',
    status: 'active',
  },
  {
    title: 'Loft conversion in the old mill',
    price: 510000,
    currency: 'USD',
    beds: 1,
    area: { value: 80, unit: 'sqm' },
    address: '1 Mill Lane',
    photoUrls: photo('mill'),
    status: 'sold',
  },
];

/**
 * Calls and reminders around today, hours from now (negative: overdue; a `doneAfterHours` one was done then).
 * Under six hours ahead means later today: late in the agent's evening those move closer, so they stay today.
 */
const demoTasks: Array<{
  lead: string;
  kind: 'call' | 'reminder';
  title: string;
  dueInHours: number;
  doneAfterHours?: number;
}> = [
  { lead: 'Dana Lee', kind: 'call', title: 'Confirm Saturday viewing with Dana', dueInHours: 2 },
  { lead: 'Sam Ortiz', kind: 'call', title: 'Call Sam about the mortgage offer', dueInHours: -20 },
  { lead: 'Priya Nair', kind: 'reminder', title: 'Send Priya the school catchment map', dueInHours: 5 },
  { lead: 'Omar Haddad', kind: 'call', title: 'Call Omar back', dueInHours: -3 },
  { lead: 'Grace Kim', kind: 'reminder', title: 'Check if the Elm Close offer was accepted', dueInHours: 30 },
  {
    lead: 'Hannah Weiss',
    kind: 'call',
    title: 'First call with Hannah',
    dueInHours: -200,
    doneAfterHours: -190,
  },
  { lead: 'Layla Saeed', kind: 'call', title: 'Call Layla about the Albert Road viewing', dueInHours: 1 },
  { lead: 'Olivia Hughes', kind: 'reminder', title: 'Chase Olivia’s solicitor', dueInHours: -48 },
  { lead: 'Noah Evans', kind: 'call', title: 'Call Noah', dueInHours: 4 },
];

export interface SeedDayDeps {
  leads: LeadRepository;
  tasks: TaskRepository;
  listings: ListingRepository;
  clock: Clock & { set(at: Date): void };
  newId: IdGenerator;
  /** The demo agents' zone: "today" is their calendar day. */
  profileDefaults: { timezone: string };
}

/**
 * What the dashboard shows on a demo morning: the brokerage's listings, calls and reminders overdue,
 * due today and ahead (one done last week), and a lead the agent marked hot by hand.
 */
export const seedDemoDay = async (
  leadIdsByName: Map<string, { leadId: string; actor: Actor }>,
  now: number,
  deps: SeedDayDeps,
): Promise<void> => {
  const first = [...leadIdsByName.values()][0];
  if (!first) return;
  for (const [index, listing] of demoListings.entries()) {
    deps.clock.set(new Date(now - (20 - index * 3) * 24 * HOUR));
    await createListing(first.actor, listing, deps);
  }
  const endOfToday = todayIn(deps.profileDefaults.timezone, new Date(now)).end.getTime();
  const laterToday = (hours: number) => Math.min(now + hours * HOUR, now + ((endOfToday - now) * hours) / 6);
  for (const task of demoTasks) {
    const owner = leadIdsByName.get(task.lead);
    if (!owner) continue;
    const due =
      task.dueInHours > 0 && task.dueInHours < 6 ? laterToday(task.dueInHours) : now + task.dueInHours * HOUR;
    // Scheduled a day before it falls due (or now, for what is due soon), as an agent would.
    deps.clock.set(new Date(Math.min(now, due - 24 * HOUR)));
    const scheduled = await scheduleTask(
      owner.actor,
      owner.leadId,
      { kind: task.kind, dueAt: new Date(due).toISOString(), title: task.title },
      deps,
    );
    if (task.doneAfterHours !== undefined) {
      deps.clock.set(new Date(now + task.doneAfterHours * HOUR));
      await completeTask(
        owner.actor,
        scheduled.taskId,
        task.kind === 'call' ? { result: 'answered' } : {},
        deps,
      );
    }
  }
  deps.clock.set(new Date(now));
  const marked = leadIdsByName.get('Omar Haddad');
  const lead = marked && (await deps.leads.get(marked.leadId));
  if (lead && lead.temperature !== 'hot') {
    await deps.leads.update(lead, {
      ...lead,
      temperature: 'hot',
      temperatureSetBy: 'agent',
      version: lead.version + 1,
      updatedAt: new Date(now).toISOString(),
    });
  }
};
