import { pinyin } from 'pinyin-pro';

/** Lower-case pinyin initials of a name (东风村 → dfc); digits and Latin letters kept as they are. */
export function pinyinInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
