/**
 * The full postal address of a customer and the reasons a piece must not be printed. A half-addressed letter
 * costs postage and comes back; it is better left out and listed for the clerk to fix.
 */
import { OPT_OUT_REASONS, optedOut, type TargetRow } from './targets';

/** Town + village + 组 + house address, without repeating what the clerk already typed into the address. */
export function fullAddress(t: Pick<TargetRow, 'town_name' | 'village_name' | 'group_name' | 'address'>): string {
  const detail = (t.address ?? '').trim();
  let out = '';
  for (const part of [t.town_name, t.village_name, t.group_name]) {
    const p = (part ?? '').trim();
    if (p && !detail.includes(p) && !out.endsWith(p)) out += p;
  }
  return out + detail;
}

/** Why this target cannot be mailed, or null when the piece can go out. */
export function mailProblem(t: TargetRow): string | null {
  if (t.deleted_at) return '客户已删除';
  if (!t.consent) return '已撤回营销授权';
  if (optedOut(t, 'letter')) return OPT_OUT_REASONS.letter!;
  if (!t.name.trim()) return '缺少姓名';
  const detail = (t.address ?? '').trim();
  if (!t.village_id && !detail) return '缺少地址';
  if (detail && (detail.length < 2 || /^[\d\s\p{P}]+$/u.test(detail))) return `地址格式有误：${detail}`;
  // A rural letter needs at least the 组 or a house address; a city unit (楼栋) is an address by itself.
  if (t.village_id && !detail && !(t.group_name ?? '').trim() && t.village_kind !== 'unit') return '地址不详：只有村名，缺少组或门牌';
  if (t.address_flag) return `地址待核实（${t.address_flag}）`;
  if (!t.postal_code) return '缺少邮政编码';
  if (!/^\d{6}$/.test(t.postal_code)) return `邮政编码有误：${t.postal_code}`;
  return null;
}
