import type { TestProject } from 'vitest/node';
import { ensureDivisions } from '../scripts/build-divisions';
import { providePostgres } from './helpers/postgresProbe';

/** The division resource is a build product (not committed); build it once if a fresh clone lacks it. */
export default async function setup(project: TestProject): Promise<void> {
  ensureDivisions();
  await providePostgres(project);
}
