/** Test factories for imported records: `payment({ description: 'VIP day' }, { amount: 75000 })`. */
import type { Attributes, ImportedCost, ImportedPayment, ImportedTimeEntry } from '../types.ts';

const base = (attributes: Attributes) => ({
  externalId: 'x1',
  date: '2024-03-01',
  attributes,
  source: { file: 'export.csv', line: 2 },
});

export function payment(
  attributes: Attributes = {},
  fields: Partial<ImportedPayment> = {},
): ImportedPayment {
  return {
    ...base(attributes),
    kind: 'payment',
    amount: 10000,
    currency: 'USD',
    fee: 0,
    refundOf: null,
    customer: null,
    ...fields,
  };
}

export function timeEntry(
  attributes: Attributes = {},
  fields: Partial<ImportedTimeEntry> = {},
): ImportedTimeEntry {
  return { ...base(attributes), kind: 'time', hours: 1, ...fields };
}

export function cost(
  attributes: Attributes = {},
  fields: Partial<ImportedCost> = {},
): ImportedCost {
  return { ...base(attributes), kind: 'cost', amount: 2000, currency: 'USD', ...fields };
}
