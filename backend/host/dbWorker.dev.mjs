// Worker entry when running from TypeScript sources (tests, CLI, browser mode under tsx): registers tsx's
// loader inside the worker, which does not inherit it, then starts the real worker module.
import { register } from 'tsx/esm/api';

register();
await import('./dbWorker.ts');
