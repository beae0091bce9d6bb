/**
 * The layer rule of ARCHITECTURE.md lives in eslint.config.js. This lints small snippets placed (virtually) inside
 * each layer with the project's own config, so the rule cannot silently go away or stop resolving paths.
 * Type information is switched off here (the import rules need none), which keeps it fast and lets a snippet sit at
 * a path that does not exist; the imports it names do exist, since an unresolved import is a different error.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const BOUNDARY = 'import-x/no-restricted-paths';
const LAYER_RULES = new Set([BOUNDARY, 'import-x/no-nodejs-modules', 'import-x/no-unresolved', 'no-restricted-imports', 'no-console']);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parserOptions: { projectService: false, project: null } } }],
    ruleFilter: ({ ruleId }) => LAYER_RULES.has(ruleId),
  });
});

/** The rule ids reported for `code` as if it were the file at `file` (relative to the repository root). */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  if (!result) throw new Error(`nothing linted for ${file}`);
  for (const m of result.messages) if (m.fatal) throw new Error(`${file}: ${m.message}`);
  return result.messages.map((m) => m.ruleId ?? '(none)');
}

describe('the layer rule (eslint.config.js)', () => {
  it('keeps renderer/ to shared/ and itself', async () => {
    expect(await problems('renderer/src/layerProbe.ts', "import { VERSION } from '../../backend/version';\nexport const v = VERSION;\n")).toEqual([BOUNDARY]);
    expect(await problems('renderer/src/layerProbe.ts', "import type { Backend } from '../../backend/host/backend';\nexport type B = Backend;\n")).toEqual([
      BOUNDARY,
    ]);
    expect(await problems('renderer/src/layerProbe.ts', "export const later = () => import('../../backend/version');\n")).toEqual([BOUNDARY]);
    expect(await problems('renderer/src/layerProbe.ts', "import { parseArgs } from '../../shared/node/args';\nexport const p = parseArgs;\n")).toEqual([
      BOUNDARY,
    ]);
    expect(await problems('renderer/src/layerProbe.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).toEqual(['import-x/no-nodejs-modules']);
    expect(
      await problems(
        'renderer/src/layerProbe.ts',
        "import { AppError } from '../../shared/errors';\nimport { api } from './api';\nexport const a = [AppError, api];\n",
      ),
    ).toEqual([]);
  });

  it('keeps console/ to shared/ and itself', async () => {
    expect(await problems('console/src/layerProbe.ts', "import { HubError } from '../../server/errors';\nexport const e = HubError;\n")).toEqual([BOUNDARY]);
    expect(await problems('console/src/layerProbe.ts', "import { AppError } from '../../shared/errors';\nexport const e = AppError;\n")).toEqual([]);
  });

  it('keeps backend/ away from electron/, renderer/, server/ and console/', async () => {
    for (const from of ['../electron/ipc', '../renderer/src/api', '../server/errors', '../console/src/api']) {
      expect(await problems('backend/layerProbe.ts', `import * as m from '${from}';\nexport const x = m;\n`), from).toEqual([BOUNDARY]);
    }
    expect(
      await problems(
        'backend/layerProbe.ts',
        "import { parseArgs } from '../shared/node/args';\nimport { AppError } from '../shared/errors';\nexport const x = [parseArgs, AppError];\n",
      ),
    ).toEqual([]);
  });

  it('keeps shared/ pure: only shared/, not shared/node/, and no Node built-ins', async () => {
    expect(await problems('shared/layerProbe.ts', "import { VERSION } from '../backend/version';\nexport const v = VERSION;\n")).toEqual([BOUNDARY]);
    expect(await problems('shared/layerProbe.ts', "import { parseArgs } from './node/args';\nexport const p = parseArgs;\n")).toEqual([BOUNDARY]);
    expect(await problems('shared/layerProbe.ts', "import crypto from 'node:crypto';\nimport path from 'path';\nexport const c = [crypto, path];\n")).toEqual([
      'import-x/no-nodejs-modules',
      'import-x/no-nodejs-modules',
    ]);
    expect(await problems('shared/node/layerProbe.ts', "import { VERSION } from '../../backend/version';\nexport const v = VERSION;\n")).toEqual([BOUNDARY]);
    expect(
      await problems('shared/node/layerProbe.ts', "import fs from 'node:fs';\nimport { AppError } from '../errors';\nexport const x = [fs, AppError];\n"),
    ).toEqual([]);
  });

  it('keeps server/ to shared/ and itself, and electron/ to backend/ and shared/', async () => {
    expect(await problems('server/layerProbe.ts', "import { VERSION } from '../backend/version';\nexport const v = VERSION;\n")).toEqual([BOUNDARY]);
    expect(await problems('electron/layerProbe.ts', "import { api } from '../renderer/src/api';\nexport const a = api;\n")).toEqual([BOUNDARY]);
    expect(
      await problems(
        'electron/layerProbe.ts',
        "import { VERSION } from '../backend/version';\nimport { AppError } from '../shared/errors';\nexport const x = [VERSION, AppError];\n",
      ),
    ).toEqual([]);
  });

  it('lets tests import anything, and fails an import of ours that does not resolve', async () => {
    expect(
      await problems(
        'test/unit/layerProbe.ts',
        "import { api } from '../../renderer/src/api';\nimport { HubError } from '../../server/errors';\nexport const x = [api, HubError];\n",
      ),
    ).toEqual([]);
    expect(await problems('renderer/src/layerProbe.ts', "import { x } from '../../shared/noSuchModule';\nexport const y = x;\n")).toEqual([
      'import-x/no-unresolved',
    ]);
  });

  it('sends app code through shared/log.ts instead of console', async () => {
    expect(await problems('backend/layerProbe.ts', "console.log('hi');\n")).toEqual(['no-console']);
    expect(await problems('renderer/src/layerProbe.ts', "console.error('hi');\n")).toEqual(['no-console']);
    expect(await problems('backend/cli/layerProbe.ts', "console.log('printing is the product');\n")).toEqual([]);
  });
});
