/**
 * The keys of a unique index, held in memory while the index itself is dropped (a large
 * import on SQLite, store/deferred-indexes.ts): which rows of the table hold a key, so
 * that a row whose key is stored already is not inserted, exactly as the index's
 * `ON CONFLICT DO NOTHING` would have skipped it.
 *
 * Only a 32-bit hash of each key and the rowid of the row that holds it are kept (8 bytes
 * a slot, open addressing, at most half full): 16 MB for a million keys, where the keys
 * themselves (ids such as `stripe-payments:ch_3X13vZZwZ0HzLadZumq4vAdLO`) would take
 * several times that as JavaScript strings. A hash is not a key: when a hash matches, the
 * row at that rowid is read back and its key compared value by value, so two keys that
 * share a hash are told apart and a stored key is never missed.
 */

/** A key's values as they are bound to the insert (numbers and strings). */
export type KeyValues = readonly unknown[];

/** 32 bits from a key's values: FNV-1a over their text, finished with Murmur3's mixer. */
export function hashKey(values: KeyValues): number {
  let h = 0x811c9dc5;
  for (const value of values) {
    const text = typeof value === 'string' ? value : `\u0001${String(value)}`;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0xffff, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Slots a new set starts with (grown by doubling). */
const INITIAL_SLOTS = 1 << 16;

export class KeySet {
  /**
   * Two numbers a slot, side by side so that a probe reads one cache line: the key's
   * hash, then the rowid of the row holding the key (0: an empty slot).
   */
  private slots = new Uint32Array(INITIAL_SLOTS * 2);
  private count = 0;

  /**
   * @param stored the key values of the row at a rowid, read from the table.
   * @param hashOf the hash of a key's values (`hashKey`; tests pass a poor one). A
   *   caller that looks a key up and then adds it hashes it once with this and passes
   *   the hash to both.
   */
  constructor(
    private readonly stored: (rowid: number) => KeyValues | undefined,
    readonly hashOf: (values: KeyValues) => number = hashKey,
  ) {}

  /** The rowid of the row holding these key values (of this `hash`), or 0 when none does. */
  rowidOf(values: KeyValues, hash: number = this.hashOf(values)): number {
    const slots = this.slots;
    const mask = slots.length / 2 - 1;
    for (let slot = hash & mask; slots[2 * slot + 1] !== 0; slot = (slot + 1) & mask) {
      const rowid = slots[2 * slot + 1]!;
      if (slots[2 * slot] === hash && sameKey(this.stored(rowid), values)) return rowid;
    }
    return 0;
  }

  /** Notes that the row at `rowid` holds these key values (not in the set: see `rowidOf`). */
  add(values: KeyValues, rowid: number | bigint, hash: number = this.hashOf(values)): void {
    const id = Number(rowid);
    if (!(id >= 1 && id <= 0xffffffff))
      throw new Error(`rowid ${id} is out of the key set's range`);
    if ((this.count + 1) * 4 > this.slots.length) this.grow();
    this.place(hash, id);
    this.count++;
  }

  private place(hash: number, rowid: number): void {
    const slots = this.slots;
    const mask = slots.length / 2 - 1;
    let slot = hash & mask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = rowid;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 2)
      if (old[at + 1] !== 0) this.place(old[at]!, old[at + 1]!);
  }
}

/** Equal as a unique index compares them (BINARY collation: the same numbers and text). */
function sameKey(stored: KeyValues | undefined, values: KeyValues): boolean {
  if (!stored || stored.length !== values.length) return false;
  for (let i = 0; i < values.length; i++) if (stored[i] !== values[i]) return false;
  return true;
}
