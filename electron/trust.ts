/**
 * Which pages count as "ours". Used by the IPC sender check and by navigation blocking, so both agree.
 *
 * Production loads exactly one file, out/renderer/index.html. A file: URL's origin is the opaque "null" for
 * every file on disk, so comparing origins would trust any local HTML file; we compare the path instead.
 * In development electron-vite serves the renderer over http and we trust that one origin.
 */
import { pathToFileURL } from 'node:url';

export interface TrustPolicy {
  isTrustedUrl(url: string): boolean;
  isTrustedFrame(frame: { readonly url: string } | null | undefined): boolean;
}

export interface TrustOptions {
  /** Absolute path of the built renderer's index.html. */
  indexHtmlPath: string;
  /** electron-vite's dev server URL; only pass it when the app is not packaged. */
  devServerUrl?: string | undefined;
  /** Windows paths compare case-insensitively. */
  platform?: NodeJS.Platform;
}

function parse(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** Decoded so that "%E9%82%AE" and "邮" (an install folder named in Chinese) compare equal. */
function filePathKey(url: URL, caseInsensitive: boolean): string | undefined {
  let p: string;
  try {
    p = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  return caseInsensitive ? p.toLowerCase() : p;
}

export function createTrustPolicy(options: TrustOptions): TrustPolicy {
  const caseInsensitive = (options.platform ?? process.platform) === 'win32';
  const index = pathToFileURL(options.indexHtmlPath);
  const indexKey = filePathKey(index, caseInsensitive);
  const dev = options.devServerUrl ? parse(options.devServerUrl) : undefined;
  const devOrigin = dev && (dev.protocol === 'http:' || dev.protocol === 'https:') ? dev.origin : undefined;

  const isTrustedUrl = (raw: string): boolean => {
    const url = parse(raw);
    if (!url) return false;
    if (devOrigin !== undefined) return url.origin === devOrigin;
    // Query and fragment are ignored: the UI may use hash routes (#/customers).
    return url.protocol === 'file:' && url.host === index.host && indexKey !== undefined && filePathKey(url, caseInsensitive) === indexKey;
  };

  return {
    isTrustedUrl,
    isTrustedFrame: (frame) => (frame ? isTrustedUrl(frame.url) : false),
  };
}
