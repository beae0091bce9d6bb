import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** The app's version, from package.json (one source of truth for CLI, browser mode and Electron). */
export const VERSION: string = (require('../package.json') as { version: string }).version;
