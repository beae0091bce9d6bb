/**
 * Preload for the sandboxed renderer. Built as CommonJS (out/preload/preload.cjs) because sandboxed
 * preloads are evaluated as classic scripts; everything it imports is bundled in, since a sandboxed
 * preload can require nothing but a few electron modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { PRELOAD_API_KEY, SHELL_API_KEY } from '../shared/preloadApi';
import { buildShellApi } from './pickers';
import { buildPreloadApi } from './preloadApi';

contextBridge.exposeInMainWorld(PRELOAD_API_KEY, buildPreloadApi(ipcRenderer));
contextBridge.exposeInMainWorld(SHELL_API_KEY, buildShellApi(ipcRenderer));
