/**
 * Child process for the kill test: adds customers one by one and prints "ACK <n> <id>" only after each
 * create has returned (i.e. is durable). Snapshots run often so kills also land mid-snapshot.
 */
import { Backend } from '../../backend/host/backend';

const [dir, startArg] = process.argv.slice(2);
const start = Number(startArg);
const backend = await Backend.open({ dir: dir!, create: true, snapshotDelayMs: 5, snapshotLogBytes: 4096 });
process.stdout.write('READY\n');
for (let n = start; ; n++) {
  const env = await backend.call('customers.create', { name: `客户${n}`, phone: `139${String(n).padStart(8, '0')}` }, { actor: 'kill-test', role: 'clerk' });
  if (!env.ok) {
    process.stderr.write(JSON.stringify(env.error) + '\n');
    process.exit(3);
  }
  process.stdout.write(`ACK ${n} ${(env.value as { id: string }).id}\n`);
  // Yield so background snapshot timers get to run between writes.
  if (n % 3 === 0) await new Promise((r) => setImmediate(r));
}
