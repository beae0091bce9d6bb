/**
 * The sync outbox is derived from the capture triggers, at write time and again at replay (backend/db/derived.ts).
 * Replay turns every captured row into an upsert, which fires the same triggers as an INSERT, UPDATE or upsert
 * did — but not as INSERT OR REPLACE, whose hidden delete would make a replayed entry differ from the original.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

it('no branch code writes rows with INSERT OR REPLACE / REPLACE INTO', () => {
  const offenders = sources('backend')
    .filter((f) => !f.includes(`${path.sep}migrations${path.sep}`))
    .filter((f) => /\b(OR\s+REPLACE|REPLACE\s+INTO)\b/i.test(fs.readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
  expect(offenders).toEqual([]);
});
