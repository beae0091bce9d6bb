// ESLint (flat config): a few type-aware rules that catch real bugs, and the layer rule of ARCHITECTURE.md.
// Formatting is Prettier's (.prettierrc.json); eslint-config-prettier, last, switches off anything that would fight it.
// `npm run lint` = eslint + prettier --check; test/unit/layers.test.ts proves the layer rule still bites.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';

const root = path.dirname(fileURLToPath(import.meta.url));
const TS = ['**/*.ts', '**/*.tsx'];
const JS = ['**/*.js', '**/*.mjs', '**/*.cjs'];

/**
 * One layer: `files` may import, of our own code, only what lies under `allowed` (folders from the repository root);
 * packages (node_modules) are always allowed. Paths are resolved, so `../../backend/x` and `./x` are judged alike.
 */
function layer(name, files, allowed, { ignores = [], forbidden = [], message }) {
  return {
    name: `layers/${name}`,
    files,
    ignores,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [{ target: '.', from: '.', except: [...allowed, './node_modules'], message }, ...forbidden.map((from) => ({ target: '.', from, message }))],
        },
      ],
    },
  };
}

/** Build configs that sit inside a layer's folder but run in Node at build time, like scripts/. */
const BUILD_CONFIGS = ['renderer/vite.config.ts', 'console/vite.config.ts'];

/** Only electron/ imports the electron package. */
const NO_ELECTRON = { name: 'electron', message: 'Only electron/ imports electron (ARCHITECTURE.md: layers).' };
/** The backend and the hub are plain Node: no React or antd (those live in renderer/, console/ and shared/ui). */
const NO_UI = {
  group: ['react', 'react-dom', 'react-dom/*', 'antd', 'antd/*', '@ant-design/*'],
  message: 'backend/ and server/ are plain Node: no React or antd.',
};

export default defineConfig(
  {
    name: 'ignores',
    ignores: ['out/', 'dist/', 'release/', 'test-artifacts/', 'resources/', 'scratch/', '**/node_modules/'],
  },
  {
    name: 'import-x',
    plugins: { 'import-x': importX },
    settings: {
      // Resolves our imports to files, so the layer rule judges paths, not spellings.
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.d.ts', '.mjs', '.js', '.json'], conditionNames: ['types', 'import', 'node', 'require', 'default'] }),
      ],
    },
    rules: {
      // The layer rule below trusts the resolver: an import of ours that does not resolve must fail, never pass unseen.
      'import-x/no-unresolved': ['error', { ignore: ['^[^.]'] }],
    },
  },

  // --- TypeScript, type-aware -------------------------------------------------------------------------------------
  {
    name: 'typescript',
    files: TS,
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      // A promise nobody awaits loses its error (an unhandled rejection) and its ordering. Await it, or write
      // `void p` where running on is intended — with a comment why.
      '@typescript-eslint/no-floating-promises': 'error',
      // Promises where a plain value is expected: `if (promise)`, an async callback to forEach, an async function
      // handed where a void callback is expected. JSX attributes (onFinish={save}, onClick={async () => …}) are left
      // alone: React ignores what a handler returns, the async handlers (34 when this was written) catch their own
      // errors into the screen, and wrapping each in `() => void save()` would add noise, not safety.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      // Type-only imports vanish from the output, so a type from a Node-only module never drags it into a bundle.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // Dead code. A leading underscore marks a name kept on purpose (a parameter a signature needs, a rest sibling).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // App code logs through shared/log.ts (one place to silence or redirect); see the exceptions below.
      'no-console': 'error',
    },
  },

  // --- plain JavaScript (this file, the dev worker entry): not in tsconfig, so no type information ---------------
  {
    name: 'javascript',
    files: JS,
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'error' },
  },

  // --- where printing is the product ------------------------------------------------------------------------------
  {
    // The one logger every app module writes through.
    name: 'console/logger',
    files: ['shared/log.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Command-line entry points: their output on stdout/stderr is what the user asked for (tables, tokens, the URL
    // to open), and the tests read it there. Benchmarks print their figures; build scripts report their progress.
    name: 'console/cli',
    files: ['backend/cli/**', 'backend/web/main.ts', 'server/main.ts', 'scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },

  // --- React ------------------------------------------------------------------------------------------------------
  {
    name: 'react-hooks',
    files: ['renderer/**/*.{ts,tsx}', 'console/**/*.{ts,tsx}', 'shared/**/*.tsx', 'shared/ui/**/*.ts'],
    ignores: BUILD_CONFIGS,
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },

  // --- the layer rule (ARCHITECTURE.md: "Layers and the one rule about imports") ----------------------------------
  // Dependencies point one way: electron → backend → shared, renderer → shared, console → shared, server → shared.
  // test/, bench/ and scripts/ may import anything.
  layer('renderer', ['renderer/**'], ['./renderer', './shared'], {
    ignores: BUILD_CONFIGS,
    forbidden: ['./shared/node'],
    message: 'renderer/ imports only shared/ (not shared/node/) and itself; it reaches the backend through renderer/src/api.ts.',
  }),
  layer('console', ['console/**'], ['./console', './shared'], {
    ignores: BUILD_CONFIGS,
    forbidden: ['./shared/node'],
    message: 'console/ imports only shared/ (not shared/node/) and itself; it reaches the hub through its HTTP API.',
  }),
  // package.json: the app's version (backend/version.ts), one source of truth.
  layer('backend', ['backend/**'], ['./backend', './shared', './package.json'], {
    message: 'backend/ imports only shared/ and itself: never electron/, renderer/, server/, console/ (nor tests, benchmarks, scripts).',
  }),
  layer('electron', ['electron/**'], ['./electron', './backend', './shared'], {
    message: 'electron/ imports only backend/, shared/ and itself.',
  }),
  layer('server', ['server/**'], ['./server', './shared'], {
    message: 'server/ (the hub) imports only shared/ and itself: never backend/ (no sql.js in the hub).',
  }),
  layer('shared/node', ['shared/node/**'], ['./shared'], {
    message: 'shared/node/ imports only shared/.',
  }),
  layer('shared', ['shared/**'], ['./shared'], {
    ignores: ['shared/node/**'],
    forbidden: ['./shared/node'],
    message: 'shared/ is pure TypeScript for Node and the browser: it imports only shared/ (not shared/node/).',
  }),
  {
    name: 'layers/shared-is-pure',
    files: ['shared/**'],
    ignores: ['shared/node/**'],
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
  {
    name: 'layers/plain-node',
    files: ['backend/**', 'server/**', 'shared/node/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON], patterns: [NO_UI] }] },
  },
  {
    name: 'layers/no-electron',
    files: ['shared/**'],
    ignores: ['shared/node/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }] },
  },
  {
    name: 'layers/browser-only',
    files: ['renderer/**', 'console/**'],
    ignores: BUILD_CONFIGS,
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }],
    },
  },

  prettier,
);
