/** What the sync engine needs of a hub: the HTTP client in production, sync files offline, fakes in tests. */
import type { PullResponse, PushRequest, PushResponse } from '../../shared/syncProtocol';

export interface PushReply extends PushResponse {
  /** Outbox entries the hub has (applied, duplicate or refused): drop exactly these. */
  acked: string[];
}

export interface Transport {
  push(req: PushRequest): Promise<PushReply>;
  /**
   * `node`: this installation, so the hub can leave out rows whose every value it wrote itself; `pending`: the
   * changes still waiting here, shown on the hub's 网点 page.
   */
  pull(since: number, limit: number, node?: string, pending?: number): Promise<PullResponse>;
}
