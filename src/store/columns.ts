/**
 * The model fields a record table stores, listed once per table. Listing them as an
 * object lets the compiler check that none is missing and none is extra.
 */

export type ColumnFlags<T> = { readonly [K in keyof T]-?: true };

/**
 * The column names (camelCase, as the model spells them) of a record type.
 *
 * @example columnList<ListSnapshot>({ date: true, subscribers: true }) // ['date', 'subscribers']
 */
export function columnList<T>(flags: ColumnFlags<T>): (keyof T & string)[] {
  return Object.keys(flags) as (keyof T & string)[];
}
