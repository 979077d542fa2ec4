// A compute thread's entry (pool.ts): registers tsx in this thread (a worker does not
// inherit the loader of the thread that started it), then runs worker-main.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
