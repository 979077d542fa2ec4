/**
 * After a command that rewrote a practice's records: its dashboard's documents (the
 * default report and monthly series) computed and kept in the database
 * (app/report-warm.ts `warmPractice`, app/report-cache.ts), so that the next server finds
 * them instead of computing them while its first visitor waits (docs/web.md, "Kept
 * across restarts"). Best effort: the command's own work is done either way.
 */
import { keptSettled } from '../../app/report-cache.ts';
import { warmPractice } from '../../app/report-warm.ts';
import type { Store } from '../../store/connect.ts';
import type { CliIo } from '../io.ts';

export async function prepareDashboard(store: Store, practiceId: number, io: CliIo): Promise<void> {
  if (io.isTty) io.err('Preparing the dashboard…');
  try {
    await warmPractice(store, practiceId);
    await keptSettled(store);
  } catch {
    // The dashboard will compute what could not be kept now.
  } finally {
    if (io.isTty) io.err('\r\x1b[K');
  }
}
