/**
 * Session tokens per window. The backend issues a token at log-in; the main process keeps it here, keyed by
 * the sending webContents, and strips it from what the page receives — so page scripts never hold it, and
 * a second window must log in on its own.
 */
export class SenderTokens {
  private readonly tokens = new Map<number, string>();

  get(senderId: number): string | null {
    return this.tokens.get(senderId) ?? null;
  }

  /** null ends the window's session (log-out, window closed). */
  set(senderId: number, token: string | null): void {
    if (token) this.tokens.set(senderId, token);
    else this.tokens.delete(senderId);
  }
}
