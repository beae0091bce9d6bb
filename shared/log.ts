/**
 * The one place app code writes to the console: `log.info/warn/error(message, ...details)`. ESLint's no-console
 * forbids console.* everywhere else except the command-line entry points (eslint.config.js), so a test can silence
 * or capture every message with setLogSink. Pure TypeScript: the same module serves Node (backend, electron, the
 * hub) and the browser (renderer, console). info goes to stdout (console.log), warn and error to stderr.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type LogSink = (level: LogLevel, message: string, details: readonly unknown[]) => void;

/** Where messages go unless a test says otherwise. */
export const consoleSink: LogSink = (level, message, details) => {
  if (level === 'info') console.log(message, ...details);
  else if (level === 'warn') console.warn(message, ...details);
  else console.error(message, ...details);
};

/** Drops everything. */
export const silentSink: LogSink = () => undefined;

let sink: LogSink = consoleSink;

export const log = {
  info: (message: string, ...details: unknown[]): void => sink('info', message, details),
  warn: (message: string, ...details: unknown[]): void => sink('warn', message, details),
  error: (message: string, ...details: unknown[]): void => sink('error', message, details),
};

/** Sends messages to `next` (null: back to the console) and returns the sink it replaces, for restoring. */
export function setLogSink(next: LogSink | null): LogSink {
  const previous = sink;
  sink = next ?? consoleSink;
  return previous;
}
