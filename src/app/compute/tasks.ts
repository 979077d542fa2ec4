/**
 * What each task of a compute thread runs (protocol.ts `Task`): the same functions the
 * server's thread runs when it has no compute threads, so a document's text is the same
 * wherever it was computed.
 */
import type { Store } from '../../store/connect.ts';
import type { ReadHelper } from '../../store/read-helper.ts';
import { buildMonthly } from '../monthly.ts';
import { buildReport, buildWhatIfBasis } from '../report.ts';
import type { Task } from './protocol.ts';

export async function runTask(store: Store, task: Task, helper?: ReadHelper): Promise<string> {
  switch (task.kind) {
    case 'report':
      return JSON.stringify(await buildReport(store, task.practiceId, task.options, helper));
    case 'whatIfBasis':
      return JSON.stringify(await buildWhatIfBasis(store, task.practiceId, task.options, helper));
    case 'monthly':
      return JSON.stringify(await buildMonthly(store, task.practiceId, task.options, helper));
  }
}
