/**
 * Which Chromium the end-to-end tests drive, so that `npm install && npm test` works with Node and npm alone:
 *
 * 1. an explicit setting: E2E_BROWSER, else CHROME_PATH (a path that is not an executable file is an error, not a
 *    reason to quietly test with some other browser);
 * 2. a Chrome, Chromium or Edge installed at the usual place for Linux, macOS or Windows, or on PATH
 *    (E2E_BROWSER_SKIP_SYSTEM=1 skips this step, to test step 3 on a machine that has one);
 * 3. on Linux x64, the Chromium that comes from the npm registry inside @sparticuz/chromium (a devDependency),
 *    unpacked once into node_modules/.cache/e2e-browser/.
 *
 * The search runs in globalSetup (which also unpacks step 3 before any test file starts) and again, from the
 * cache, in each test worker.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export interface FoundBrowser {
  executablePath: string;
  /** How it was found, for the log: "E2E_BROWSER", "installed", "npm registry (@sparticuz/chromium 143.0.4)". */
  source: string;
  /** Flags this browser needs besides the ones every test passes. */
  args: string[];
  /** Environment the browser process needs besides the tests' own (libraries and fonts of the registry build). */
  env: Record<string, string>;
}

const require = createRequire(import.meta.url);
const CACHE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/e2e-browser');

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The usual install locations on this platform, and the usual command names to look up on PATH. */
function installed(): { paths: string[]; commands: string[] } {
  if (process.platform === 'win32') {
    const roots = [process.env['PROGRAMFILES'], process.env['PROGRAMFILES(X86)'], process.env['LOCALAPPDATA']].filter((r): r is string => !!r);
    const apps = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return { paths: roots.flatMap((r) => apps.map((a) => path.win32.join(r, a))), commands: ['chrome.exe', 'chromium.exe', 'msedge.exe'] };
  }
  if (process.platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    return {
      paths: ['/Applications', path.join(os.homedir(), 'Applications')].flatMap((r) => apps.map((a) => path.join(r, a))),
      commands: ['chromium', 'google-chrome'],
    };
  }
  return {
    paths: [
      '/usr/bin/chromium',
      '/usr/bin/google-chrome-stable',
      '/usr/bin/google-chrome',
      '/opt/google/chrome/chrome',
      '/usr/bin/microsoft-edge-stable',
      '/opt/microsoft/msedge/msedge',
      '/snap/bin/chromium',
      // Last: on Ubuntu this is only a wrapper that asks for the snap.
      '/usr/bin/chromium-browser',
    ],
    commands: ['chromium', 'google-chrome-stable', 'google-chrome', 'microsoft-edge', 'chromium-browser'],
  };
}

function onPath(commands: string[]): string[] {
  const dirs = (process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean);
  return commands.flatMap((c) => dirs.map((d) => path.join(d, c)));
}

/** Unpacks a brotli-compressed tar of plain files and folders (what @sparticuz/chromium ships its libraries in). */
function untarBrotli(archive: string, into: string): void {
  const tar = zlib.brotliDecompressSync(fs.readFileSync(archive));
  const field = (at: number, len: number) =>
    tar
      .subarray(at, at + len)
      .toString('latin1')
      .replace(/\0.*$/s, '')
      .trim();
  for (let at = 0; at + 512 <= tar.length;) {
    const name = field(at, 100);
    if (!name) break;
    const size = parseInt(field(at + 124, 12) || '0', 8);
    const type = field(at + 156, 1) || '0';
    const target = path.join(into, name);
    if (!target.startsWith(into + path.sep)) throw new Error(`${archive}: entry ${name} points outside the folder`);
    if (type === '5') fs.mkdirSync(target, { recursive: true });
    else if (type === '0') {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, tar.subarray(at + 512, at + 512 + size));
    } else if (type !== 'x' && type !== 'g') throw new Error(`${archive}: entry ${name} of tar type ${type} is not supported`);
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The registry Chromium, unpacked into its own versioned folder: first into a temporary sibling, renamed into
 * place when complete, so a second test process (or a CI run in another checkout) never starts a half-written
 * binary, and an upgrade of the package never reuses an older build.
 */
async function registryChromium(): Promise<FoundBrowser> {
  const entry = require.resolve('@sparticuz/chromium');
  const pkgDir = path.resolve(path.dirname(entry), '../..');
  const version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = path.join(CACHE, `sparticuz-chromium-${version}`);
  const source = `npm registry (@sparticuz/chromium ${version})`;
  const found: FoundBrowser = {
    executablePath: path.join(dir, 'chromium'),
    source,
    // From the package's recommended flags, the ones a container needs; not its --disable-web-security and
    // site-isolation switches (the tests must see the CSP and origin checks a real browser applies), nor
    // --single-process (not needed here, and one crash would take every page down).
    args: ['--no-zygote', '--font-render-hinting=none', '--disable-domain-reliability', '--no-pings'],
    // The binary links NSS and expat dynamically; the package carries them (below) so that no system packages
    // are needed. Fonts: only the ones configured in fonts.conf, the same on every machine.
    env: { LD_LIBRARY_PATH: path.join(dir, 'lib'), FONTCONFIG_FILE: path.join(dir, 'fonts.conf') },
  };
  if (isExecutable(found.executablePath)) return found;

  const { default: chromium } = await import('@sparticuz/chromium');
  fs.mkdirSync(CACHE, { recursive: true });
  const partial = fs.mkdtempSync(`${dir}.partial-`);
  try {
    // executablePath() unpacks into os.tmpdir(), which it reads before its first await: point that at our folder
    // for the call only, and check below that it was honoured.
    const savedTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = partial;
    let unpacking: Promise<string>;
    try {
      unpacking = chromium.executablePath();
    } finally {
      if (savedTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = savedTmp;
    }
    const exe = await unpacking;
    if (exe !== path.join(partial, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${exe}, not into ${partial}`);
    // The package unpacks these libraries only on Amazon Linux; a bare machine needs them anywhere.
    untarBrotli(path.join(pkgDir, 'bin', 'al2023.tar.br'), partial);
    // Latin from the package's Open Sans, Chinese from Noto Sans SC (the font the mail PDFs embed), so pages and
    // screenshots show Chinese text instead of empty boxes.
    const cjk = path.resolve(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
    fs.writeFileSync(
      path.join(partial, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n` +
        `  <dir>${xml(path.join(dir, 'fonts'))}</dir>\n  <dir>${xml(cjk)}</dir>\n  <cachedir>${xml(path.join(dir, 'fontconfig-cache'))}</cachedir>\n</fontconfig>\n`,
    );
    try {
      fs.renameSync(partial, dir);
    } catch (e) {
      // Another process finished first: use its copy.
      if (!isExecutable(found.executablePath)) throw e;
    }
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  return found;
}

async function search(): Promise<FoundBrowser> {
  const tried: string[] = [];
  for (const name of ['E2E_BROWSER', 'CHROME_PATH']) {
    const value = process.env[name];
    if (!value) {
      tried.push(`${name}: not set`);
      continue;
    }
    if (!isExecutable(value))
      throw new Error(`${name}=${value} is not an executable file. Point it at a Chrome, Chromium or Edge binary, or unset it to let the e2e tests search.`);
    return { executablePath: value, source: name, args: [], env: {} };
  }
  if (process.env['E2E_BROWSER_SKIP_SYSTEM'] === '1') tried.push('installed browsers: skipped (E2E_BROWSER_SKIP_SYSTEM=1)');
  else {
    const { paths, commands } = installed();
    const hit = [...paths, ...onPath(commands)].find(isExecutable);
    if (hit) return { executablePath: hit, source: 'installed', args: [], env: {} };
    tried.push(`installed browsers: none at ${paths.join(', ')}`, `on PATH: none of ${commands.join(', ')}`);
  }
  if (process.platform === 'linux' && process.arch === 'x64') {
    try {
      return await registryChromium();
    } catch (e) {
      tried.push(`Chromium from the npm package @sparticuz/chromium: ${e instanceof Error ? e.message : String(e)} (did npm install finish?)`);
    }
  } else tried.push(`Chromium from the npm package @sparticuz/chromium: only built for Linux x64, this is ${process.platform}-${process.arch}`);
  throw new Error(
    `The e2e tests found no browser. Tried, in order:\n- ${tried.join('\n- ')}\nInstall Chrome or Chromium, or set E2E_BROWSER to its executable.`,
  );
}

let found: Promise<FoundBrowser> | undefined;
/** The browser for this process's tests (searched once; a failed search is retried on the next call). */
export function findBrowser(): Promise<FoundBrowser> {
  found ??= search().catch((e: unknown) => {
    found = undefined;
    throw e;
  });
  return found;
}
