/**
 * The forecast's guard on the server's one thread: at most MAX_CONCURRENT_FORECASTS run
 * at once, the next is refused `busy` at once, and a finished (or failed) one frees its
 * place.
 */
import { describe, expect, it } from 'vitest';
import { limitedForecast, MAX_CONCURRENT_FORECASTS } from './forecast.ts';

describe('limitedForecast', () => {
  it('runs at most MAX_CONCURRENT_FORECASTS at once and refuses the next as busy', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const running = Array.from({ length: MAX_CONCURRENT_FORECASTS }, (_, i) =>
      limitedForecast(async () => {
        await gate;
        return i;
      }),
    );
    await expect(limitedForecast(async () => 'one too many')).rejects.toMatchObject({
      code: 'busy',
    });
    release();
    expect(await Promise.all(running)).toEqual([...running.keys()]);
    // Places are free again, also after a failure.
    await expect(
      limitedForecast(async () => {
        throw new Error('simulation failed');
      }),
    ).rejects.toThrow('simulation failed');
    expect(await limitedForecast(async () => 'after')).toBe('after');
  });
});
