/**
 * Opening the store for the app: the store's own errors (unreachable server, unreadable
 * file, failed migration) become AppErrors with the same codes.
 */
import { openStore, type Store } from '../store/connect.ts';
import { StoreError } from '../store/errors.ts';
import { AppError, type AppErrorCode } from './errors.ts';

export async function openAppStore(
  target: string,
  options?: Parameters<typeof openStore>[1],
): Promise<Store> {
  try {
    return await openStore(target, options);
  } catch (error) {
    if (error instanceof StoreError) {
      throw new AppError(error.code as AppErrorCode, error.message, undefined, { cause: error });
    }
    throw error;
  }
}
