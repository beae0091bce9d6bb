/**
 * The signed-in user as the screens see it. Roles decide which buttons appear; the backend checks every call
 * anyway, so hiding a button is about not offering what would be refused, never about security.
 */
import { createContext, useContext } from 'react';
import { contract, type OpName } from '../../../shared/contract';
import type { Role, UserInfo } from '../../../shared/domain';

export interface Session {
  user: UserInfo;
  /** Minutes without mouse or keyboard before the screen locks (branch setting). */
  idleMinutes: number;
  lock(): void;
  logout(): void;
  /** Reads the log-in state again (after a settings change or a new password). */
  refresh(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession 只能在登录后的页面中使用');
  return s;
}

export function roleMayCall(role: Role, op: OpName): boolean {
  return contract[op].public === true || contract[op].roles.includes(role);
}

/** Whether the signed-in user's role may call the operation; false when nobody is signed in. */
export function useCan(op: OpName): boolean {
  const s = useContext(SessionContext);
  return s ? roleMayCall(s.user.role, op) : false;
}
