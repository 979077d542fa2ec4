/**
 * Scenarios compiled against a fitted model: every change resolved into numbers the
 * simulation reads month by month (capacity, the raise and the clients it loses, the
 * fixed hours of a launch, extra conversations, marketing hours moved between
 * channels). A change the history cannot support (a channel with no marketing hours, a
 * close rate with no conversations) is an `invalid_scenario` error naming its path.
 */
import { toMinor } from '../money.ts';
import { ForecastError } from './errors.ts';
import { KIND_KEYS, KINDS } from './history.ts';
import type { ForecastModel } from './model.ts';
import { monthWeeks } from './months.ts';
import type { ChangeOf, Scenario } from './scenario-schema.ts';

export interface ConversationPlan {
  from: number;
  perWeek: number;
  /** A fixed close rate, or null to use the run's draw from the history. */
  closeRate: number | null;
  hoursEach: number;
}

export interface ShiftPlan {
  from: number;
  hours: number;
  fromChannel: number;
  toChannel: number;
  /** Fixed clients per hour, or null to use the run's draw for the channel. */
  rateFrom: number | null;
  rateTo: number | null;
  /** Templates of clients who came through the receiving channel (empty: any template). */
  toTemplates: Int32Array;
}

export interface LaunchPlan {
  /** Month (0-based) of the first sales. */
  salesFrom: number;
  price: number;
  ramp: readonly number[];
  deliveryPerSale: number;
  deliveryMonths: number;
  refund: number;
  sigma: number;
}

export interface Plan {
  name: string;
  /** Capacity in hours per forecast month (Infinity when none). */
  capacity: Float64Array;
  raise: { factor: number; from: number; loss: number; kinds: number } | null;
  /** Per template and age: revenue the raise scales, and the rest (minor units). */
  tplRaised: Float64Array;
  tplOther: Float64Array;
  /** The same for the monthly level of carrying-on templates, and of clients already carrying on. */
  tailRaised: Float64Array;
  tailOther: Float64Array;
  oldRaised: Float64Array;
  oldOther: Float64Array;
  /** Hours the scenario adds whatever happens: creation, upkeep, fixed delivery. */
  fixedHours: Float64Array;
  conversations: ConversationPlan[];
  shifts: ShiftPlan[];
  launches: LaunchPlan[];
  /** Weeks in each forecast month. */
  weeks: Float64Array;
  /** Working space of the simulation, sized for the launches and shifts. */
  scratch: { demand: Float64Array; removed: Int32Array };
}

function fail(scenario: string, index: number, field: string, problem: string): never {
  const path = `changes[${index}].${field}`;
  throw new ForecastError('invalid_scenario', `scenario "${scenario}", ${path}: ${problem}`, {
    scenario,
    path,
    problem,
  });
}

type Split<P extends string> = Record<`${P}Raised` | `${P}Other`, Float64Array>;

/** Sums revenue (n × KINDS) per row into the part of the `raised` kinds (a bit mask) and the rest. */
function split<P extends string>(
  revenue: Float64Array,
  n: number,
  raised: number,
  prefix: P,
): Split<P> {
  const up = new Float64Array(n);
  const other = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < KINDS; k++) {
      if (raised & (1 << k)) up[i]! += revenue[i * KINDS + k]!;
      else other[i]! += revenue[i * KINDS + k]!;
    }
  }
  return { [`${prefix}Raised`]: up, [`${prefix}Other`]: other } as Split<P>;
}

function emptyPlan(model: ForecastModel, name: string, months: number): Plan {
  const capacity = new Float64Array(months);
  const weeks = new Float64Array(months);
  for (let h = 0; h < months; h++) {
    const weekly = model.capacityHoursPerWeek;
    weeks[h] = monthWeeks(model.start + h);
    capacity[h] = weekly === null ? Infinity : weekly * weeks[h]!;
  }
  const size = model.pool.entries * model.span;
  return {
    name,
    capacity,
    raise: null,
    ...split(model.pool.revenue, size, 0, 'tpl'),
    ...split(model.pool.tailRevenue, model.pool.entries, 0, 'tail'),
    ...split(model.old.revenue, model.old.count, 0, 'old'),
    fixedHours: new Float64Array(months),
    conversations: [],
    shifts: [],
    launches: [],
    weeks,
    scratch: { demand: new Float64Array(0), removed: new Int32Array(0) },
  };
}

/** The plan of the baseline: the practice as it is. */
export function baselinePlan(model: ForecastModel, months: number): Plan {
  return emptyPlan(model, 'baseline', months);
}

function applyRaise(model: ForecastModel, plan: Plan, c: ChangeOf<'raise_rates'>) {
  let kinds = 0;
  for (const kind of c.kinds) kinds |= 1 << KIND_KEYS.indexOf(kind);
  plan.raise = {
    factor: 1 + c.raisePercent / 100,
    from: c.fromMonth - 1,
    loss: c.clientLossPercent / 100,
    kinds,
  };
  Object.assign(
    plan,
    split(model.pool.revenue, model.pool.entries * model.span, kinds, 'tpl'),
    split(model.pool.tailRevenue, model.pool.entries, kinds, 'tail'),
    split(model.old.revenue, model.old.count, kinds, 'old'),
  );
}

function channelIndex(model: ForecastModel, name: string): number {
  return model.channels.names.indexOf(name.trim().toLowerCase());
}

function addShift(model: ForecastModel, plan: Plan, c: ChangeOf<'shift_marketing'>, i: number) {
  const { names, hours } = model.channels;
  const months = model.window.months;
  const from = channelIndex(model, c.from);
  const to = channelIndex(model, c.to);
  const known =
    names.length > 0
      ? ` (channels with marketing hours: ${names.filter((_, j) => hours[j]! > 0).join(', ') || 'none'})`
      : '';
  if (from < 0 || hours[from]! === 0) {
    fail(
      plan.name,
      i,
      'from',
      `no marketing hours logged for "${c.from}" in the history window${known}`,
    );
  }
  const average = hours[from]! / months;
  if (c.hoursPerMonth > average + 1e-9) {
    fail(
      plan.name,
      i,
      'hoursPerMonth',
      `"${c.from}" averaged ${average.toFixed(1)} marketing hours a month; cannot move ${c.hoursPerMonth}`,
    );
  }
  const rateTo = c.newClientsPerHour?.to ?? null;
  if (rateTo === null && (to < 0 || hours[to]! === 0)) {
    fail(
      plan.name,
      i,
      'to',
      `no marketing hours logged for "${c.to}" in the history window, so what an hour there brings is unknown; set newClientsPerHour.to${known}`,
    );
  }
  plan.shifts.push({
    from: c.fromMonth - 1,
    hours: c.hoursPerMonth,
    fromChannel: from,
    toChannel: to,
    rateFrom: c.newClientsPerHour?.from ?? null,
    rateTo,
    toTemplates: Int32Array.from(
      Array.from(model.pool.source.entries()).flatMap(([t, s]) => (s === to && to >= 0 ? [t] : [])),
    ),
  });
}

function addLaunch(model: ForecastModel, plan: Plan, c: ChangeOf<'launch_offer'>, months: number) {
  const creationMonths = c.creationMonths ?? (c.creationHours > 0 ? 3 : 0);
  const start = c.fromMonth - 1;
  const salesFrom = start + creationMonths;
  for (let m = 0; m < Math.max(1, creationMonths); m++) {
    if (start + m < months)
      plan.fixedHours[start + m]! += c.creationHours / Math.max(1, creationMonths);
  }
  for (let h = salesFrom; h < months; h++) {
    plan.fixedHours[h]! += c.upkeepHoursPerMonth + c.deliveryHoursPerMonth;
  }
  plan.launches.push({
    salesFrom,
    price: toMinor(c.price, model.currency),
    ramp: c.salesRamp,
    deliveryPerSale: c.deliveryHoursPerSale,
    deliveryMonths: c.deliveryMonths,
    refund: c.refundPercent / 100,
    sigma: c.demandUncertainty,
  });
}

function addConversations(
  model: ForecastModel,
  plan: Plan,
  c: ChangeOf<'more_conversations'>,
  i: number,
  months: number,
) {
  const { enrolled, declined, conversations, hours } = model.sales;
  if (c.closeRatePercent === undefined && enrolled + declined === 0) {
    fail(
      plan.name,
      i,
      'closeRatePercent',
      'the history window has no conversations that ended enrolled or declined, so the close rate is unknown; set closeRatePercent',
    );
  }
  const hoursEach =
    c.hoursPerConversation ?? (conversations > 0 && hours > 0 ? hours / conversations : 0.75);
  plan.conversations.push({
    from: c.fromMonth - 1,
    perWeek: c.perWeek,
    closeRate: c.closeRatePercent === undefined ? null : c.closeRatePercent / 100,
    hoursEach,
  });
  for (let h = c.fromMonth - 1; h < months; h++) {
    plan.fixedHours[h]! += c.perWeek * monthWeeks(model.start + h) * hoursEach;
  }
}

/**
 * Compiles a validated scenario into a plan for `months` forecast months.
 * @throws ForecastError `invalid_scenario` when the history cannot support a change.
 */
export function compileScenario(model: ForecastModel, scenario: Scenario, months: number): Plan {
  const plan = emptyPlan(model, scenario.name, months);
  scenario.changes.forEach((c, i) => {
    if (c.type === 'raise_rates') applyRaise(model, plan, c);
    else if (c.type === 'capacity') {
      for (let h = c.fromMonth - 1; h < months; h++) {
        plan.capacity[h] = c.hoursPerWeek * monthWeeks(model.start + h);
      }
    } else if (c.type === 'more_conversations') addConversations(model, plan, c, i, months);
    else if (c.type === 'shift_marketing') addShift(model, plan, c, i);
    else addLaunch(model, plan, c, months);
  });
  plan.scratch = {
    demand: new Float64Array(plan.launches.length),
    removed: new Int32Array(plan.shifts.length),
  };
  return plan;
}
