/**
 * The national division list (620k villages) in memory, searchable by name, short name, pinyin initials or
 * code in a few milliseconds. All villages live in one string ("name\tinitials\tcode\n" each) so a search is
 * a native indexOf over it plus a binary search from offset to village — compact, and no per-village
 * objects for the garbage collector.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { AppError } from '../../shared/errors';
import type { DivisionHit } from '../../shared/domain';
import { normaliseVillageName } from '../import/villageResolver';

interface Town {
  code: string;
  name: string;
  countyCode: string;
  first: number;
  count: number;
}

export class DivisionIndex {
  private constructor(
    readonly edition: string,
    readonly source: string,
    private readonly provinces: Map<string, string>,
    private readonly cities: Map<string, string>,
    private readonly counties: Map<string, string>,
    private readonly towns: Town[],
    private readonly townByCode: Map<string, number>,
    private readonly hay: string,
    private readonly offsets: Int32Array,
    private readonly villageTown: Int32Array,
  ) {}

  static load(file: string): DivisionIndex {
    if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `缺少行政区划数据文件：${file}（请运行 npm run build:divisions）`);
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
    const sep = text.indexOf('\n--\n');
    if (sep < 0) throw new AppError('DAMAGED', `行政区划数据文件格式不对：${file}（请重新运行 npm run build:divisions）`);
    let edition = '';
    let source = '';
    const provinces = new Map<string, string>();
    const cities = new Map<string, string>();
    const counties = new Map<string, string>();
    const towns: Town[] = [];
    const townByCode = new Map<string, number>();
    let first = 0;
    for (const line of text.slice(0, sep).split('\n')) {
      const f = line.split('\t');
      if (f[0] === 'T') {
        const count = Number(f[4]);
        townByCode.set(f[1]!, towns.length);
        towns.push({ code: f[1]!, name: f[2]!, countyCode: f[1]!.slice(0, 6), first, count });
        first += count;
      } else if (f[0] === 'A') counties.set(f[1]!, f[2]!);
      else if (f[0] === 'C') cities.set(f[1]!, f[2]!);
      else if (f[0] === 'P') provinces.set(f[1]!, f[2]!);
      else if (f[0] === 'E') {
        edition = f[1]!;
        source = f[2] ?? '';
      }
    }
    const hay = text.slice(sep + 4);
    const offsets = new Int32Array(first);
    const villageTown = new Int32Array(first);
    let pos = 0;
    for (let v = 0; v < first; v++) {
      offsets[v] = pos;
      pos = hay.indexOf('\n', pos) + 1;
    }
    towns.forEach((t, i) => villageTown.fill(i, t.first, t.first + t.count));
    return new DivisionIndex(edition, source, provinces, cities, counties, towns, townByCode, hay, offsets, villageTown);
  }

  get villageCount(): number {
    return this.offsets.length;
  }

  /** "山东省德州市德城区"; municipalities' placeholder city names (市辖区, 县) are left out. */
  countyFullName(code: string): string | undefined {
    const county = this.counties.get(code);
    if (!county) return undefined;
    const city = this.cities.get(code.slice(0, 4));
    const province = this.provinces.get(code.slice(0, 2)) ?? '';
    return province + (city && city !== '市辖区' && city !== '县' ? city : '') + county;
  }

  searchCounties(query: string, limit = 30): { code: string; name: string; fullName: string }[] {
    const q = query.trim();
    const out: { code: string; name: string; fullName: string }[] = [];
    for (const [code] of this.counties) {
      const full = this.countyFullName(code)!;
      if (!q || code.startsWith(q) || full.includes(q)) out.push({ code, name: this.counties.get(code)!, fullName: full });
      if (out.length >= limit) break;
    }
    return out;
  }

  townsOf(countyCode: string): { code: string; name: string; villages: number }[] {
    if (!this.counties.has(countyCode)) throw new AppError('NOT_FOUND', `区县代码 ${countyCode} 不存在（${this.edition} 年版区划）`);
    return this.towns.filter((t) => t.countyCode === countyCode).map((t) => ({ code: t.code, name: t.name, villages: t.count }));
  }

  town(code: string): { code: string; name: string; countyCode: string } | undefined {
    const i = this.townByCode.get(code);
    return i === undefined ? undefined : this.towns[i];
  }

  villagesOf(townCode: string): DivisionHit[] {
    const i = this.townByCode.get(townCode);
    if (i === undefined) throw new AppError('NOT_FOUND', `乡镇/街道代码 ${townCode} 不存在（${this.edition} 年版区划）`);
    const t = this.towns[i]!;
    const out: DivisionHit[] = [];
    for (let v = t.first; v < t.first + t.count; v++) out.push(this.hit(v));
    return out;
  }

  village(code: string): DivisionHit | undefined {
    const t = this.townByCode.get(code.slice(0, 9));
    if (t === undefined) return undefined;
    const town = this.towns[t]!;
    for (let v = town.first; v < town.first + town.count; v++) if (this.codeAt(v) === code) return this.hit(v);
    return undefined;
  }

  /**
   * Matches a name (东风村委会 → 东风…), a short name, pinyin initials (dfc) or a code prefix. Exact short-name
   * matches come first, then prefixes, then the rest, each in list order.
   */
  search(query: string, limit = 50): { hits: DivisionHit[]; more: boolean } {
    const raw = query.trim().toLowerCase();
    if (!raw) return { hits: [], more: false };
    const q = /^[\da-z]+$/.test(raw) ? raw : normaliseVillageName(raw) || raw;
    const found: number[] = [];
    const cap = 5000;
    let from = 0;
    for (;;) {
      const at = this.hay.indexOf(q, from);
      if (at < 0) break;
      const v = this.villageAt(at);
      if (found[found.length - 1] !== v) found.push(v);
      if (found.length >= cap) break;
      from = this.offsets[v + 1] ?? this.hay.length;
    }
    const rank = (v: number) => {
      const name = this.nameAt(v);
      const short = normaliseVillageName(name);
      if (short === q || name === q || this.codeAt(v) === q) return 0;
      if (name.startsWith(q) || this.initialsAt(v).startsWith(q) || this.codeAt(v).startsWith(q)) return 1;
      return 2;
    };
    const ranked = found.map((v) => [rank(v), v] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return { hits: ranked.slice(0, limit).map(([, v]) => this.hit(v)), more: found.length > limit };
  }

  private villageAt(offset: number): number {
    let lo = 0;
    let hi = this.offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private entry(v: number): string[] {
    return this.hay.slice(this.offsets[v]!, (this.offsets[v + 1] ?? this.hay.length) - 1).split('\t');
  }

  private nameAt(v: number): string {
    return this.entry(v)[0]!;
  }

  private initialsAt(v: number): string {
    return this.entry(v)[1]!;
  }

  private codeAt(v: number): string {
    return this.entry(v)[2]!;
  }

  private hit(v: number): DivisionHit {
    const [name, initials, code] = this.entry(v) as [string, string, string];
    const town = this.towns[this.villageTown[v]!]!;
    return {
      code,
      name,
      initials,
      townCode: town.code,
      townName: town.name,
      countyCode: town.countyCode,
      countyName: this.countyFullName(town.countyCode) ?? '',
    };
  }
}
