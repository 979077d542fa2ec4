/**
 * The fitted model as JSON: what the API sends the web page so its worker can simulate
 * scenarios without asking again. Typed arrays become `{ "$typed": "Float64Array",
 * "values": […] }` (non-finite numbers written as the strings "NaN", "Infinity",
 * "-Infinity", which JSON has no numbers for); everything else is already plain data.
 * Decoding gives back a model that simulates to exactly the same numbers.
 */
import { ForecastError } from './errors.ts';
import type { ForecastModel } from './model.ts';

export const MODEL_FORMAT = 'fulcrum-forecast-model/1';

const TYPED = {
  Float64Array,
  Int32Array,
  Uint8Array,
} as const;
type TypedName = keyof typeof TYPED;

/** A JSON value (what `encodeModel` returns and `decodeModel` reads). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface EncodedModel {
  format: typeof MODEL_FORMAT;
  model: { [key: string]: Json };
}

function typedName(value: unknown): TypedName | null {
  for (const name of Object.keys(TYPED) as TypedName[]) {
    if (value instanceof TYPED[name]) return name;
  }
  return null;
}

const finite = (x: number): number | string => (Number.isFinite(x) ? x : String(x));

function encode(value: unknown): Json {
  const name = typedName(value);
  if (name) return { $typed: name, values: Array.from(value as ArrayLike<number>, finite) };
  if (Array.isArray(value)) return value.map(encode);
  if (typeof value === 'number') return finite(value);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encode(v);
    return out;
  }
  return value as Json;
}

const number = (x: Json): number => (typeof x === 'string' ? Number(x) : (x as number));

function decode(value: Json): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value === 'string' && /^(-?Infinity|NaN)$/.test(value)) return Number(value);
  if (value !== null && typeof value === 'object') {
    const typed = value.$typed;
    if (typeof typed === 'string' && Object.hasOwn(TYPED, typed) && Array.isArray(value.values)) {
      return TYPED[typed as TypedName].from(value.values.map(number));
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decode(v);
    return out;
  }
  return value;
}

/**
 * The model as JSON-safe data.
 * @example JSON.stringify(encodeModel(fitForecastModel(generateDemo()))).length // about 56,000
 */
export function encodeModel(model: ForecastModel): EncodedModel {
  return { format: MODEL_FORMAT, model: encode(model) as { [key: string]: Json } };
}

/**
 * The model back from `encodeModel`'s output (after JSON.stringify and JSON.parse).
 * @throws ForecastError `invalid_option` when the value is not an encoded model of this format.
 */
export function decodeModel(value: unknown): ForecastModel {
  const encoded = value as Partial<EncodedModel> | null;
  if (
    encoded === null ||
    typeof encoded !== 'object' ||
    encoded.format !== MODEL_FORMAT ||
    encoded.model === null ||
    typeof encoded.model !== 'object'
  ) {
    throw new ForecastError(
      'invalid_option',
      `expected a forecast model of format ${MODEL_FORMAT}`,
      {
        option: 'model',
      },
    );
  }
  return decode(encoded.model) as ForecastModel;
}
