import type { Backend, Session } from '../../backend/host/backend';
import type { Api, OpInput, OpName, OpOutput } from '../../shared/contract';
import { AppError } from '../../shared/errors';

export const CLERK: Session = { actor: '测试营业员', role: 'clerk' };

/** The contract as a UI would call it, over an in-process backend. */
export function apiOf(backend: Backend, session: Session = CLERK): Api {
  return new Proxy({} as Api, {
    get: (_t, name: string) => async (input: unknown) => {
      const env = await backend.call(name, input, session);
      if (!env.ok) throw AppError.fromPayload(env.error);
      return env.value;
    },
  });
}

export async function call<K extends OpName>(b: Backend, name: K, input: OpInput<K>, session: Session = CLERK): Promise<OpOutput<K>> {
  return (apiOf(b, session)[name] as (i: OpInput<K>) => Promise<OpOutput<K>>)(input);
}
