/**
 * The password rule every account is held to — a branch's users and the city hub's alike — so a 市局 password
 * is never weaker than a clerk's. Pure: hashing stays with each side (the branch's sql.js worker, the hub's
 * server), the rule is what they must agree on.
 */

const COMMON = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  'password',
  'password1',
  'qwertyui',
  'abcd1234',
  'a1234567',
  '11111111',
  '88888888',
  '66666666',
  'admin123',
  'admin888',
  'iloveyou',
  '1qaz2wsx',
  'abc12345',
  'aa123456',
  'zxcvbnm1',
  'chinapost',
  'youzheng',
]);

/** Null when acceptable, otherwise the reason in Chinese. */
export function passwordProblem(password: string, login: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (password.length > 128) return '密码不能超过 128 位';
  const kinds = [/[a-zA-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (kinds < 2) return '密码需包含字母、数字、符号中的至少两类';
  if (/^(.)\1+$/.test(password)) return '密码不能是同一个字符重复';
  if (COMMON.has(password.toLowerCase())) return '密码过于常见，请换一个';
  if (login && password.toLowerCase().includes(login.toLowerCase())) return '密码不能包含登录名';
  return null;
}
