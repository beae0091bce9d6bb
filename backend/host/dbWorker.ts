/**
 * Worker-thread entry: owns the Backend so queries and snapshots never block the thread that hosts the
 * window (Electron main) or serves HTTP. Messages: call → result; close → closed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../../shared/errors';
import { Backend, type BackendOptions, type Caller } from './backend';

const NETWORK_OPS: ReadonlySet<string> = new Set(['sync.now', 'sync.restore']);

type InMsg = { type: 'call'; id: number; name: string; input: unknown; caller: Caller } | { type: 'close' };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('dbWorker must run in a worker thread');
  let backend: Backend;
  try {
    // The worker serves a user (the app or browser mode): sync with the hub and scheduled backups run by
    // themselves unless told not to.
    const options = { autoSync: true, autoBackup: true, deferStartup: true, ...(workerData as BackendOptions) };
    // A Buffer crosses the thread boundary as a plain Uint8Array.
    backend = await Backend.open(options.key ? { ...options, key: Buffer.from(options.key) } : options);
  } catch (e) {
    port.postMessage({ type: 'fatal', error: toErrorPayload(e) });
    return;
  }
  port.postMessage({ type: 'ready' });
  // Calls run strictly one after another: sql.js is single-threaded and a write must finish (durably) before
  // the next operation sees the database.
  let queue = Promise.resolve();
  port.on('message', (msg: InMsg) => {
    if (msg.type === 'call' && NETWORK_OPS.has(msg.name)) {
      // A sync waits on the hub for seconds or minutes; the UI must stay usable meanwhile. Each of its
      // database steps is one synchronous write, so it interleaves safely with queued calls.
      void backend.call(msg.name, msg.input, msg.caller).then((envelope) => port.postMessage({ type: 'result', id: msg.id, envelope }));
      return;
    }
    queue = queue.then(async () => {
      if (msg.type === 'call') {
        const envelope = await backend.call(msg.name, msg.input, msg.caller);
        port.postMessage({ type: 'result', id: msg.id, envelope });
      } else {
        await backend.close();
        port.postMessage({ type: 'closed' });
        port.close();
      }
    });
  });
}

void main();
