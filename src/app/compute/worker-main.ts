/**
 * A compute thread of the server (pool.ts): its own connection to the database, on which
 * it computes the documents it is asked for (tasks.ts) and answers its peers' reads
 * (store/read-helper.ts). Started by worker.mjs, which loads TypeScript first.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { openStore, type Store } from '../../store/connect.ts';
import { answerRead, type ReadHelper } from '../../store/read-helper.ts';
import type {
  FromWorker,
  PeerMessage,
  ReadAnswer,
  ReadRequest,
  ToWorker,
  WorkerStart,
} from './protocol.ts';
import { toWire } from './protocol.ts';
import { runTask } from './tasks.ts';

const port = parentPort as MessagePort;
const start = workerData as WorkerStart;
const post = (message: FromWorker) => port.postMessage(message);

let store: Store;
try {
  store = await openStore(start.target, { migrate: false });
} catch (error) {
  post({ type: 'unusable', error: toWire(error) });
  process.exit(1);
}

/** The ports to the other compute threads, by their number (open ones only). */
const peers = new Map<number, MessagePort>();
/** Reads asked of the peers, waiting for an answer, by request id. */
const asked = new Map<number, { peer: MessagePort; resolve: (m: PeerMessage | null) => void }>();
let nextRead = 0;

/** Answers a helper's read (store/read-helper.ts) on this thread's connection. */
function answer(request: ReadRequest, reply: (message: ReadAnswer) => void): void {
  answerRead(store.db, request.practiceId, request.statements).then(
    (read) => reply({ type: 'answer', id: request.id, ...read }),
    (error) => reply({ type: 'refused', id: request.id, message: toWire(error).message }),
  );
}

function listen(peer: MessagePort, index: number): void {
  // A peer that stopped answers nothing more: its reads are run here instead, and no
  // read is sent to it again.
  peer.on('close', () => {
    if (peers.get(index) === peer) peers.delete(index);
    for (const [id, waiting] of asked) {
      if (waiting.peer !== peer) continue;
      asked.delete(id);
      waiting.resolve(null);
    }
  });
  peer.on('message', (message: PeerMessage) => {
    if (message.type === 'read') {
      answer(message, (reply) => {
        peer.postMessage(reply);
        post({ type: 'helped', borrower: index, task: message.task });
      });
      return;
    }
    asked.get(message.id)?.resolve(message);
    asked.delete(message.id);
  });
}

/** Peer `index` as a read helper for one task; a peer gone meanwhile refuses at once. */
function helperOf(index: number, task: number): ReadHelper | undefined {
  const peer = peers.get(index);
  if (!peer) return undefined;
  return {
    read: (practiceId, statements) =>
      new Promise((resolve, reject) => {
        if (peers.get(index) !== peer) {
          reject(new Error(`compute thread ${index} is gone`));
          return;
        }
        const id = nextRead++;
        asked.set(id, {
          peer,
          resolve: (message) => {
            if (message?.type === 'answer') resolve(message);
            else reject(new Error(message?.type === 'refused' ? message.message : 'no answer'));
          },
        });
        peer.postMessage({
          type: 'read',
          id,
          task,
          practiceId,
          statements,
        } satisfies PeerMessage);
      }),
  };
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'peer') {
    peers.get(message.index)?.close();
    peers.set(message.index, message.port);
    listen(message.port, message.index);
    return;
  }
  const helper = message.helper === null ? undefined : helperOf(message.helper, message.id);
  runTask(store, message.task, helper).then(
    (text) => post({ type: 'done', id: message.id, text }),
    (error) => {
      const wire = toWire(error);
      try {
        post({ type: 'failed', id: message.id, error: wire });
      } catch {
        // Details that cannot be cloned: the code and message still go.
        post({ type: 'failed', id: message.id, error: { ...wire, details: undefined } });
      }
    },
  );
});

post({ type: 'ready' });
