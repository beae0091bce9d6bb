import { contract, isOpName, type OpName, type OpParsed } from './contract';
import { AppError } from './errors';

/**
 * Parses a payload against its operation's schema, at every trust boundary (IPC, HTTP, worker).
 * Problems come back per field, in Chinese, for the form that sent them.
 */
export function parseInput<K extends OpName>(name: K, raw: unknown): OpParsed<K> {
  const res = contract[name].input.safeParse(raw ?? {});
  if (res.success) return res.data as OpParsed<K>;
  const problems = res.error.issues.map((i) => ({
    field: i.path.map(String).join('.'),
    message: i.code === 'unrecognized_keys' ? '包含不允许的字段' : /[\u4e00-\u9fff]/.test(i.message) ? i.message : `格式不正确（${i.message}）`,
  }));
  const first = problems[0];
  throw new AppError('VALIDATION', first ? `输入有误：${first.field ? first.field + ' ' : ''}${first.message}` : '输入有误', problems);
}

export function assertOpName(name: string): OpName {
  if (!isOpName(name)) throw new AppError('UNKNOWN_OPERATION', `未知的操作：${name}`);
  return name;
}
