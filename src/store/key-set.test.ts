/**
 * KeySet: exact membership from hashes and rowids, the rows read back to tell keys that
 * share a hash apart, through growth from its first 65,536 slots.
 */
import { expect, it } from 'vitest';
import { hashKey, KeySet, type KeyValues } from './key-set.ts';

/** A table in memory: the key of the row at each rowid (1-based), and its reads counted. */
function table() {
  const rows: KeyValues[] = [];
  const reads = { count: 0 };
  const stored = (rowid: number) => {
    reads.count++;
    return rows[rowid - 1];
  };
  return { rows, reads, stored };
}

it('holds every key added and no other, through growth', () => {
  const { rows, reads, stored } = table();
  const keys = new KeySet(stored);
  for (let i = 0; i < 200_000; i++) {
    const key = [1, `stripe-payments:ch_${i.toString(36)}`];
    expect(keys.rowidOf(key)).toBe(0);
    rows.push(key);
    keys.add(key, rows.length);
  }
  reads.count = 0;
  for (let i = 0; i < 200_000; i += 7) {
    expect(keys.rowidOf([1, `stripe-payments:ch_${i.toString(36)}`])).toBe(i + 1);
    // The same id in another practice, and a number where text was: other keys.
    expect(keys.rowidOf([2, `stripe-payments:ch_${i.toString(36)}`])).toBe(0);
    expect(keys.rowidOf([1, `stripe-payments:ch_${i.toString(36)}!`])).toBe(0);
  }
  expect(keys.rowidOf(['1', 'stripe-payments:ch_0'])).toBe(0);
  // Rows are read back only when a hash matches: about once per key that is there.
  expect(reads.count).toBeLessThan((200_000 / 7) * 1.01);
});

it('tells keys apart by their rows when every key has the same hash', () => {
  const { rows, stored } = table();
  const keys = new KeySet(stored, () => 42);
  for (let i = 0; i < 300; i++) {
    const key = [7, `k${i}`];
    expect(keys.rowidOf(key)).toBe(0);
    rows.push(key);
    keys.add(key, rows.length);
  }
  for (let i = 0; i < 300; i++) expect(keys.rowidOf([7, `k${i}`])).toBe(i + 1);
  expect(keys.rowidOf([7, 'k300'])).toBe(0);
});

it('spreads keys that differ in one character', () => {
  const hashes = new Set<number>();
  for (let i = 0; i < 100_000; i++) hashes.add(hashKey([1, `ch_${i}`]) & 0xffff);
  // 100,000 keys into 65,536 buckets: a uniform hash leaves ~e^-1.5 of them empty.
  expect(hashes.size).toBeGreaterThan(65_536 * 0.7);
});

it('refuses a rowid it cannot hold', () => {
  const keys = new KeySet(() => [1, 'a']);
  expect(() => keys.add([1, 'a'], 0)).toThrow(/out of the key set's range/);
  expect(() => keys.add([1, 'a'], 2 ** 32)).toThrow(/out of the key set's range/);
  keys.add([1, 'a'], 2 ** 32 - 1);
  expect(keys.rowidOf([1, 'a'])).toBe(2 ** 32 - 1);
});
