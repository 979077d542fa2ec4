/**
 * The scenario editor's drafts: what the user is typing, per change a map of field
 * values (numbers, text, lists), turned into the domain's scenario input and checked by
 * the domain's own `readScenario`, each problem placed on its field. The fields of each
 * change type, with their labels, units and help, are listed once here.
 */
import type {
  ScenarioChange,
  ScenarioInput,
  ScenarioProblem,
} from '../../../domain/forecast/index.ts';
import { readScenario } from '../../../domain/forecast/index.ts';
import { OFFER_KINDS, SERVICE_KINDS } from '../../../domain/model.ts';

export type ChangeType = ScenarioChange['type'];
export type FieldValue = number | string | string[] | undefined;

export interface ChangeDraft {
  key: number;
  type: ChangeType;
  values: Record<string, FieldValue>;
}

export interface ScenarioDraft {
  key: number;
  name: string;
  changes: ChangeDraft[];
}

export interface FieldSpec {
  /** The change's key; `newClientsPerHour.to` for a nested one. */
  key: string;
  label: string;
  help: string;
  input: 'number' | 'text' | 'ramp' | 'kind' | 'kinds' | 'channel';
  /** Shown after the number: `%`, `h/week`; `money` for the practice currency. */
  unit?: string;
  min?: number;
  max?: number;
  step?: number;
  /** Left empty, the model uses its own figure (said in the placeholder). */
  placeholder?: string;
}

const fromMonth: FieldSpec = {
  key: 'fromMonth',
  label: 'Starts in month',
  help: '1 is the first forecast month.',
  input: 'number',
  min: 1,
  max: 36,
  step: 1,
};

export const CHANGE_SPECS: Record<
  ChangeType,
  { label: string; help: string; fields: FieldSpec[]; initial: Record<string, FieldValue> }
> = {
  raise_rates: {
    label: 'Raise rates',
    help: 'Every payment to these offers is higher; some clients leave (or do not sign) because of it, and their hours go with them.',
    fields: [
      {
        key: 'raisePercent',
        label: 'Raise',
        help: 'How much higher the rates are.',
        input: 'number',
        unit: '%',
        min: -90,
        max: 500,
        step: 1,
      },
      {
        key: 'clientLossPercent',
        label: 'Clients lost',
        help: 'Share of clients of these offers who leave or do not sign.',
        input: 'number',
        unit: '%',
        min: 0,
        max: 100,
        step: 1,
      },
      {
        key: 'kinds',
        label: 'Offers raised',
        help: 'Offer kinds whose rates go up (default: the services).',
        input: 'kinds',
      },
      fromMonth,
    ],
    initial: { raisePercent: 10, clientLossPercent: 5, kinds: [...SERVICE_KINDS], fromMonth: 1 },
  },
  more_conversations: {
    label: 'More sales conversations',
    help: 'Extra conversations each week: each takes its hours, and some close into clients who pay and work like recent ones.',
    fields: [
      {
        key: 'perWeek',
        label: 'More conversations',
        help: 'Extra sales conversations a week.',
        input: 'number',
        unit: '/week',
        min: 0,
        max: 100,
        step: 1,
      },
      {
        key: 'closeRatePercent',
        label: 'Close rate',
        help: 'Share of conversations that become clients. Empty: the history’s.',
        input: 'number',
        unit: '%',
        min: 0,
        max: 100,
        step: 1,
        placeholder: 'from the history',
      },
      {
        key: 'hoursPerConversation',
        label: 'Hours per conversation',
        help: 'Preparation and the call itself. Empty: the history’s.',
        input: 'number',
        unit: 'h',
        min: 0,
        max: 24,
        step: 0.25,
        placeholder: 'from the history',
      },
      fromMonth,
    ],
    initial: { perWeek: 2, fromMonth: 1 },
  },
  shift_marketing: {
    label: 'Shift marketing hours',
    help: 'Move marketing hours from one channel to another: the total stays the same; each channel brings new clients per hour as it did in the history.',
    fields: [
      {
        key: 'hoursPerMonth',
        label: 'Hours moved',
        help: 'Marketing hours a month moved between the channels.',
        input: 'number',
        unit: 'h/month',
        min: 0,
        max: 744,
        step: 1,
      },
      {
        key: 'from',
        label: 'From channel',
        help: 'A channel with marketing hours in the history.',
        input: 'channel',
      },
      {
        key: 'to',
        label: 'To channel',
        help: 'Another channel, or a new one (then give its yield below).',
        input: 'channel',
      },
      {
        key: 'newClientsPerHour.to',
        label: 'New clients per hour (to)',
        help: 'Needed for a channel without marketing hours in the history. Empty: measured.',
        input: 'number',
        min: 0,
        max: 100,
        step: 0.01,
        placeholder: 'measured',
      },
      fromMonth,
    ],
    initial: { hoursPerMonth: 4, fromMonth: 1 },
  },
  launch_offer: {
    label: 'Launch an offer',
    help: 'A new offer: creation hours up front, upkeep every month after launch, and sales that ramp up — with a wide range, since a new offer’s demand is a guess.',
    fields: [
      { key: 'name', label: 'Offer name', help: 'What it is called.', input: 'text' },
      { key: 'kind', label: 'Kind', help: 'The kind of offer.', input: 'kind' },
      {
        key: 'price',
        label: 'Price',
        help: 'What one sale pays.',
        input: 'number',
        unit: 'money',
        min: 0,
        max: 10_000_000,
        step: 1,
      },
      {
        key: 'salesRamp',
        label: 'Sales a month after launch',
        help: 'Expected sales in the first months, separated by commas; the last one holds.',
        input: 'ramp',
      },
      {
        key: 'creationHours',
        label: 'Creation hours',
        help: 'Hours to build it before launch, in total.',
        input: 'number',
        unit: 'h',
        min: 0,
        max: 10_000,
        step: 5,
      },
      {
        key: 'creationMonths',
        label: 'Creation months',
        help: 'Months of building before sales start.',
        input: 'number',
        unit: 'months',
        min: 0,
        max: 36,
        step: 1,
      },
      {
        key: 'upkeepHoursPerMonth',
        label: 'Upkeep',
        help: 'Hours a month after launch: updates, support, community.',
        input: 'number',
        unit: 'h/month',
        min: 0,
        max: 744,
        step: 1,
      },
      {
        key: 'deliveryHoursPerSale',
        label: 'Delivery hours per sale',
        help: 'Hours each sale takes to deliver (0 for a self-paced product).',
        input: 'number',
        unit: 'h',
        min: 0,
        max: 1000,
        step: 0.5,
      },
      {
        key: 'refundPercent',
        label: 'Refunds',
        help: 'Share of sales refunded.',
        input: 'number',
        unit: '%',
        min: 0,
        max: 100,
        step: 1,
      },
      fromMonth,
    ],
    initial: {
      name: 'Online course',
      kind: 'info_product',
      price: 197,
      salesRamp: '3, 5, 7, 8',
      creationHours: 120,
      creationMonths: 3,
      upkeepHoursPerMonth: 10,
      deliveryHoursPerSale: 0,
      refundPercent: 5,
      fromMonth: 1,
    },
  },
  capacity: {
    label: 'Change capacity',
    help: 'The hours a week you can work from that month: work beyond it is not sold.',
    fields: [
      {
        key: 'hoursPerWeek',
        label: 'Capacity',
        help: 'Hours a week of work, all activities.',
        input: 'number',
        unit: 'h/week',
        min: 0,
        max: 168,
        step: 1,
      },
      fromMonth,
    ],
    initial: { hoursPerWeek: 30, fromMonth: 1 },
  },
};

export const CHANGE_ORDER: ChangeType[] = [
  'raise_rates',
  'more_conversations',
  'shift_marketing',
  'launch_offer',
  'capacity',
];

export { OFFER_KINDS, SERVICE_KINDS };

let nextKey = 1;
export const newKey = () => nextKey++;

/** A new change of a type, with starting values (channels: the history's first two). */
export function newChange(type: ChangeType, channels: readonly string[] = []): ChangeDraft {
  const values = { ...CHANGE_SPECS[type].initial };
  if (type === 'shift_marketing') {
    values.from = channels[0] ?? '';
    values.to = channels[1] ?? '';
  }
  return { key: newKey(), type, values };
}

/** `3, 5, 7` → [3, 5, 7]; a word stays a word, for the schema to name. */
function parseRamp(text: string): unknown[] {
  return text
    .split(/[,;\s]+/)
    .filter((t) => t !== '')
    .map((t) => (Number.isFinite(Number(t)) ? Number(t) : t));
}

/** The draft as the domain's scenario input: empty fields left out (defaults apply). */
export function toInput(draft: ScenarioDraft): ScenarioInput {
  return {
    name: draft.name,
    changes: draft.changes.map((c) => {
      const out: Record<string, unknown> = { type: c.type };
      for (const [key, value] of Object.entries(c.values)) {
        if (value === undefined || value === '') continue;
        if (key === 'salesRamp' && typeof value === 'string') out[key] = parseRamp(value);
        else if (key.startsWith('newClientsPerHour.')) {
          out.newClientsPerHour = { [key.split('.')[1]!]: value };
        } else out[key] = value;
      }
      return out;
    }),
  } as ScenarioInput;
}

export interface Checked {
  input: ScenarioInput;
  /** Problems per change and field key (`raisePercent`), and those of the scenario itself. */
  fieldProblems: Map<string, string>;
  problems: ScenarioProblem[];
  ok: boolean;
}

/** `changes[1].salesRamp[2]` → `1:salesRamp`; `changes[0].newClientsPerHour.to` → `0:newClientsPerHour.to`. */
export function fieldOf(path: string): string | null {
  const m = /^changes\[(\d+)\]\.([A-Za-z]+(?:\.[A-Za-z]+)?)/.exec(path);
  return m ? `${m[1]}:${m[2]}` : null;
}

/** Checks a draft with the domain's schema; each problem on its field where there is one. */
export function checkDraft(draft: ScenarioDraft, names: readonly string[]): Checked {
  const input = toInput(draft);
  const result = readScenario(input);
  const problems = result.ok ? [] : [...result.problems];
  if (names.filter((n) => n.trim() === draft.name.trim()).length > 1) {
    problems.push({ path: 'name', message: 'another scenario has this name' });
  }
  const fieldProblems = new Map<string, string>();
  const rest: ScenarioProblem[] = [];
  for (const p of problems) {
    const field = p.path === 'name' ? 'name' : fieldOf(p.path);
    if (field && !fieldProblems.has(field)) fieldProblems.set(field, p.message);
    else if (!field) rest.push(p);
  }
  return { input, fieldProblems, problems: rest, ok: problems.length === 0 };
}
