/**
 * A record as the conditions see it: each field a rule names, read once per record,
 * trimmed and lower-cased (text) or as a number (`amount` in major units, `hours`).
 * Field names are matched case-insensitively against the record's attribute names.
 */
import { toMajor } from '../../domain/money.ts';
import type { MatchContext } from '../../domain/rules/model.ts';
import type { ImportedRecord } from '../types.ts';

/** Text as conditions compare it: trimmed, lower-case, NFC (so é typed and é exported agree). */
export function normalizeText(text: string): string {
  const lower = text.trim().toLowerCase();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range test is deliberate
  return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFC');
}

/** One record's field values, indexed by the slots of a `FieldTable`. */
export interface RecordView {
  /** Normalised text per slot; '' where the record has no such field. */
  texts: string[];
  /** Amount in major units (payments and costs), else null. */
  amount: number | null;
  /** Hours (time entries), else null. */
  hours: number | null;
}

export type FieldSource = { kind: 'amount' } | { kind: 'hours' } | { kind: 'text'; slot: number };

/** The fields a set of rules reads, each given a slot once at compile time. */
export class FieldTable {
  private readonly attributeSlots = new Map<string, number>();
  private currencySlot = -1;
  private formatSlot = -1;
  private size = 0;
  private usesAmount = false;
  /** Slot of each attribute name as records spell it (-1: no rule reads it), cached across records. */
  private readonly keySlots = new Map<string, number>();

  /** Where `field` (any case) is read from; registers a slot the first time. */
  source(field: string): FieldSource {
    const name = field.toLowerCase();
    if (name === 'amount') {
      this.usesAmount = true;
      return { kind: 'amount' };
    }
    if (name === 'hours') return { kind: 'hours' };
    if (name === 'currency') {
      if (this.currencySlot < 0) this.currencySlot = this.size++;
      return { kind: 'text', slot: this.currencySlot };
    }
    if (name === 'format') {
      if (this.formatSlot < 0) this.formatSlot = this.size++;
      return { kind: 'text', slot: this.formatSlot };
    }
    let slot = this.attributeSlots.get(name);
    if (slot === undefined) {
      slot = this.size++;
      this.attributeSlots.set(name, slot);
      this.keySlots.clear();
    }
    return { kind: 'text', slot };
  }

  /** Reads the registered fields of one record. */
  view(record: ImportedRecord, context: MatchContext | undefined): RecordView {
    const texts = new Array<string>(this.size).fill('');
    if (this.attributeSlots.size > 0) {
      const attributes = record.attributes;
      for (const key in attributes) {
        let slot = this.keySlots.get(key);
        if (slot === undefined) {
          slot = this.attributeSlots.get(key.toLowerCase()) ?? -1;
          this.keySlots.set(key, slot);
        }
        if (slot >= 0) texts[slot] = normalizeText(attributes[key] ?? '');
      }
    }
    const hasMoney = record.kind !== 'time';
    if (this.currencySlot >= 0 && hasMoney)
      texts[this.currencySlot] = normalizeText(record.currency);
    if (this.formatSlot >= 0) texts[this.formatSlot] = normalizeText(context?.format ?? '');
    return {
      texts,
      amount: hasMoney && this.usesAmount ? toMajor(record.amount, record.currency) : null,
      hours: record.kind === 'time' ? record.hours : null,
    };
  }
}

/**
 * A field's value on a record as the source spelled it (for explanations), or null when
 * the record has no such field.
 * @example rawValue(payment, 'amount') // 750 (major units)
 */
export function rawValue(
  record: ImportedRecord,
  field: string,
  context?: MatchContext,
): string | number | null {
  const name = field.toLowerCase();
  if (name === 'amount')
    return record.kind === 'time' ? null : toMajor(record.amount, record.currency);
  if (name === 'hours') return record.kind === 'time' ? record.hours : null;
  if (name === 'currency') return record.kind === 'time' ? null : record.currency;
  if (name === 'format') return context?.format ?? null;
  for (const key in record.attributes) {
    if (key.toLowerCase() === name) return record.attributes[key] ?? null;
  }
  return null;
}
