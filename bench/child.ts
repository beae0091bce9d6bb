/** Benchmarks that measure memory run each case in a process of its own, which reports one line of JSON. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * The process's own peak resident memory in MB. Linux carries getrusage's maxRSS over from the parent across
 * fork + exec, so after the bench's seeding it reported the parent's peak; VmHWM belongs to this process alone.
 */
export function peakMB(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: maxRSS is this process's own there.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** Runs a TypeScript script in a fresh Node process and returns the JSON of the last line it printed. */
export function runChild<T>(script: string, args: readonly string[]): T {
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}
