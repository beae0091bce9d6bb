/** Password hashing (scrypt, salted) and the strength rule users are held to. */
import crypto from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
// scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly that, which it refuses.
const MAXMEM = 64 * 1024 * 1024;

export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password, salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = crypto.scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM });
  return crypto.timingSafeEqual(actual, expected);
}

const COMMON = new Set(['12345678', '123456789', '1234567890', '87654321', 'password', 'password1', 'qwertyui', 'abcd1234', 'a1234567', '11111111', '88888888', '66666666', 'admin123', 'admin888', 'iloveyou', '1qaz2wsx', 'abc12345', 'aa123456', 'zxcvbnm1', 'chinapost', 'youzheng']);

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
