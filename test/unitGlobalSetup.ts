import { ensureDivisions } from '../scripts/build-divisions';

/** The division resource is a build product (not committed); build it once if a fresh clone lacks it. */
export default function setup(): void {
  ensureDivisions();
}
