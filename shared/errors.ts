/**
 * Errors that cross the UI–backend boundary. They travel as plain data ({code, message, details}) because
 * Electron's ipcMain.handle rewrites thrown errors into an English wrapper; the message is always Chinese and
 * written for a clerk, the code is for programs.
 */
export type ErrorCode =
  | 'VALIDATION' // input failed the contract's schema or a domain rule
  | 'NOT_FOUND'
  | 'CONFLICT' // duplicate or stale write
  | 'FORBIDDEN' // role may not call the operation, or foreign IPC sender
  | 'UNAUTHENTICATED' // no log-in: show the log-in screen
  | 'LOCKED' // the session was idle too long: ask for the password again
  | 'STORAGE' // the change could not be made durable; nothing was saved
  | 'DAMAGED' // the database files are damaged; nothing was opened in their place
  | 'OFFLINE' // the city hub could not be reached; nothing is lost, sync tries again later
  | 'UNKNOWN_OPERATION'
  | 'INTERNAL';

export interface FieldProblem {
  /** Dotted path of the input field, e.g. "phone". */
  field: string;
  message: string;
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  problems?: FieldProblem[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly problems: FieldProblem[] | undefined;

  constructor(code: ErrorCode, message: string, problems?: FieldProblem[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.problems = problems;
  }

  toPayload(): ErrorPayload {
    return this.problems ? { code: this.code, message: this.message, problems: this.problems } : { code: this.code, message: this.message };
  }

  static fromPayload(p: ErrorPayload): AppError {
    return new AppError(p.code, p.message, p.problems);
  }
}

/** What every transport returns: never a thrown error across a process boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  return { code: 'INTERNAL', message: '内部错误：' + (err instanceof Error ? err.message : String(err)) };
}
