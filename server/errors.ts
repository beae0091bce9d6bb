/** An error the hub answers with: an HTTP status and a message a branch clerk can act on, in Chinese. */
export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
