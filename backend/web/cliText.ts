import { AppError } from '../../shared/errors';

/** One line for the terminal: AppErrors are already Chinese sentences; anything else keeps its own text. */
export function errorText(e: unknown): string {
  if (e instanceof AppError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
