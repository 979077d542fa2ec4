/**
 * Names typed by people, compared the way a person reads them: trimmed and
 * lower-cased ("Podcast " = "podcast"). Blank names count as none.
 */

/**
 * The comparable form of a channel or segment name, or null when it is blank.
 * @example normalName('  Instagram ') // 'instagram'
 */
export function normalName(name: string | null | undefined): string | null {
  if (name == null) return null;
  const text = name.trim().toLowerCase();
  return text === '' ? null : text;
}

/**
 * Adds `amount` to the entry `key` of a map of numbers.
 * @example addTo(revenueByChannel, 'podcast', 15000)
 */
export function addTo<K>(map: Map<K, number>, key: K, amount: number): void {
  map.set(key, (map.get(key) ?? 0) + amount);
}
