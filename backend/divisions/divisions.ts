/**
 * Access to the shipped division resource for one backend: the county names (small, loaded on first use)
 * and the full village index (large, loaded only when a set-up or a country-wide search needs it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/errors';
import { DivisionIndex } from './divisionIndex';

/** resources/divisions beside the code: the repo in development, app.asar in a packaged app. */
export function defaultDivisionsDir(): string {
  return fileURLToPath(new URL('../../resources/divisions/', import.meta.url));
}

export class Divisions {
  private index: DivisionIndex | undefined;
  private counties: { edition: string; counties: Record<string, string> } | undefined;

  constructor(readonly dir: string = defaultDivisionsDir()) {}

  full(): DivisionIndex {
    this.index ??= DivisionIndex.load(path.join(this.dir, 'divisions.txt.gz'));
    return this.index;
  }

  private countyTable() {
    if (!this.counties) {
      const file = path.join(this.dir, 'counties.json');
      if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `缺少行政区划数据文件：${file}（请运行 npm run build:divisions）`);
      this.counties = JSON.parse(fs.readFileSync(file, 'utf8')) as { edition: string; counties: Record<string, string> };
    }
    return this.counties;
  }

  get edition(): string {
    return this.countyTable().edition;
  }

  /** Full county name for the first six digits of an ID number, or undefined for a retired/unknown code. */
  countyName(code: string): string | undefined {
    return this.countyTable().counties[code];
  }
}
