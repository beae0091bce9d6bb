/**
 * What the Electron preload puts on `window`: one method per contract operation, each resolving to an
 * Envelope (the IPC handler never throws, because Electron rewrites thrown errors into English text).
 * Type-only apart from the key, so the renderer can import it without pulling in electron or zod.
 */
import type { OpInput, OpName, OpOutput } from './contract';
import type { Envelope } from './errors';

export type PreloadApi = { [K in OpName]: (input: OpInput<K>) => Promise<Envelope<OpOutput<K>>> };

/** The global name the preload exposes through contextBridge. */
export const PRELOAD_API_KEY = 'postalApi';

/** The operating system's dialogs (main process only); each resolves to the chosen path, or null if cancelled. */
export interface PostalShell {
  pickBackupFolder(): Promise<Envelope<string | null>>;
  pickBackupFile(): Promise<Envelope<string | null>>;
}

export const SHELL_API_KEY = 'postalShell';

declare global {
  interface Window {
    /** Present only inside the Electron shell; the browser test mode talks HTTP instead. */
    postalApi?: PreloadApi;
    /** Likewise; browser mode types paths and uploads files instead. */
    postalShell?: PostalShell;
  }
}
