/** Child of the open benchmark: opens one data folder as the app does and reports time and memory as JSON. */
import { Backend } from '../backend/host/backend';
import { peakMB } from './child';

const dir = process.argv[2]!;
const baseRssMB = process.memoryUsage().rss / 1024 / 1024;
const t0 = performance.now();
const b = await Backend.open({ dir, snapshotDelayMs: 3_600_000, deferStartup: true });
const openMs = performance.now() - t0;
const afterRssMB = process.memoryUsage().rss / 1024 / 1024;
const openPeakRssMB = peakMB();
// The first call past the log-in screen finishes the deferred start-up (grades, search index).
const t1 = performance.now();
await b.call('customers.list', { query: '', limit: 50 }, { actor: 'bench', role: 'admin' });
const firstScreenMs = performance.now() - t1;
const peakRssMB = peakMB();
b.db.abandon();
console.log(JSON.stringify({ openMs, firstScreenMs, baseRssMB, afterRssMB, openPeakRssMB, peakRssMB }));
