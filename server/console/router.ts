/** The shape of a console API route: its method and path, whether only a 市局管理员 may call it, and its answer. */
import type http from 'node:http';
import type { Hlc } from '../../shared/hlc';
import type { HubDb } from '../db';
import type { SignedIn } from './accounts';

export interface RouteCtx {
  req: http.IncomingMessage;
  url: URL;
  /** The path's captured parts, in order. */
  params: string[];
  user: SignedIn;
  db: HubDb;
  now: () => Date;
  clock: Hlc;
  /** The request's JSON body (read once, on demand). */
  body(): Promise<unknown>;
  /** Names what a changing request acted on (a branch, a campaign, an account) for the audit trail. */
  subject(name: string): void;
}

export type Answer = { json: unknown } | { file: Buffer; fileName: string; type: string };

interface RouteBase {
  /** Matched against the path after /console/api. */
  path: RegExp;
  /** Only a 市局管理员 (register, revoke and reissue branches; manage accounts). */
  adminOnly?: boolean;
  run(ctx: RouteCtx): Promise<Answer>;
}

/** Every request that changes something says what it does in Chinese, so none escapes the audit trail. */
export type Route = (RouteBase & { method: 'GET' }) | (RouteBase & { method: 'POST'; audit: string });

export const json = (value: unknown): Answer => ({ json: value });
