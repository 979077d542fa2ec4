/**
 * The forecast's one error type: a stable `code` for programs, a message a person can
 * act on, and `details` naming what was wrong (the option, the scenario and its path).
 */

export type ForecastErrorCode = 'no_data' | 'missing_rate' | 'invalid_option' | 'invalid_scenario';

/**
 * A documented failure of the forecast.
 * @example throw new ForecastError('invalid_option', 'runs must be a whole number from 1000 to 100000');
 */
export class ForecastError extends Error {
  override readonly name = 'ForecastError';

  constructor(
    readonly code: ForecastErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

/**
 * True when `error` is a ForecastError, optionally with the given code.
 * @example if (isForecastError(error, 'no_data')) showEmptyState();
 */
export function isForecastError(error: unknown, code?: ForecastErrorCode): error is ForecastError {
  return error instanceof ForecastError && (code === undefined || error.code === code);
}
