/**
 * What part of the customer base a caller may read, and how they may search it: a carrier only the customers
 * on their own open rounds (campaigns/rounds.ts); a role without full ID view finds a customer by the whole ID
 * number only, since a search that answers to a run of digits confirms a guessed birth date or county.
 */
import { seesFullIds } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { onRound, roundCustomerIds, roundCustomersSql, type SqlPart } from '../campaigns/rounds';
import type { Reader } from '../db/handles';
import type { CallContext } from './context';

export interface CustomerScope {
  idFragments: boolean;
  /** The carrier whose rounds bound what is read; null = the whole base. '' = a carrier session without a user (reads nothing). */
  carrierId: string | null;
  now: Date;
}

export function customerScope(ctx: CallContext): CustomerScope {
  return { idFragments: seesFullIds(ctx.role), carrierId: ctx.role === 'carrier' ? (ctx.userId ?? '') : null, now: ctx.now };
}

/** `c.id IN (…)` for SQL over customers (alias c), or null when the scope is the whole base. */
export function scopeCondition(scope: CustomerScope): SqlPart | null {
  if (scope.carrierId === null) return null;
  const q = roundCustomersSql(scope.carrierId, scope.now);
  return { sql: `c.id IN (${q.sql})`, params: q.params };
}

export function scopeIds(r: Reader, scope: CustomerScope): ReadonlySet<string> | null {
  return scope.carrierId === null ? null : roundCustomerIds(r, scope.carrierId, scope.now);
}

/** Out of scope reads exactly like a customer that does not exist, so an id cannot be probed. */
export function assertInScope(r: Reader, scope: CustomerScope, customerId: string): void {
  if (scope.carrierId !== null && !onRound(r, scope.carrierId, customerId, scope.now)) throw new AppError('NOT_FOUND', '该客户不存在或已被删除');
}
