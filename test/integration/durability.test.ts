import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { Rng } from '../../backend/seed/random';
import { CLERK } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const CHILD = path.resolve(__dirname, '../helpers/durabilityChild.ts');
const KILLS = Number(process.env['DURABILITY_KILLS'] ?? 50);

/** Runs the writer child until it has acknowledged `after` writes plus a random extra delay, then SIGKILLs it. */
function runAndKill(dir: string, start: number, rng: Rng): Promise<Map<number, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Map<number, string>();
    let buf = '';
    let stderr = '';
    const killAfter = rng.int(0, 40);
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = /^ACK (\d+) (\S+)$/.exec(line);
        if (m) acked.set(Number(m[1]), m[2]!);
        // Kill at a random moment: sometimes right after start-up (during recovery), mostly mid-write.
        if ((line === 'READY' && killAfter === 0) || acked.size >= killAfter) setTimeout(kill, rng.int(0, 15));
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited on its own (code ${String(code)}): ${stderr}`));
    });
  });
}

describe('durability under SIGKILL', () => {
  it(`keeps every acknowledged write across ${KILLS} random kills`, async () => {
    const dir = tmpDir('pbdb-kill-');
    const rng = new Rng(20261123);
    const allAcked = new Map<number, string>();
    let next = 0;
    for (let round = 0; round < KILLS; round++) {
      const acked = await runAndKill(dir, next, rng);
      for (const [n, id] of acked) allAcked.set(n, id);
      next += 1000; // keep names unique per round; writes after the last ACK may or may not be present
      // Every 10th round the parent opens the database itself, as a restart would, and checks everything.
      if (round % 10 === 9 || round === KILLS - 1) {
        const b = await Backend.open({ dir });
        const page = await b.call('customers.list', { limit: 5000 }, CLERK);
        expect(page.ok).toBe(true);
        const present = new Set((page.ok ? (page.value as { rows: { id: string }[] }).rows : []).map((r) => r.id));
        const missing = [...allAcked.values()].filter((id) => !present.has(id));
        expect(missing).toEqual([]);
        b.db.abandon();
      }
    }
    expect(allAcked.size).toBeGreaterThan(KILLS);
  }, 600_000);
});
