/** The filter being built, and the tidy copy sent to the backend (no empty lists, no unset fields). */
import { segmentFilter, type SegmentFilter } from '../../../../shared/campaign';

export type { SegmentFilter };
export type FilterPatch = Partial<SegmentFilter>;

export function cleanFilter(f: SegmentFilter): SegmentFilter {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as SegmentFilter;
}

/** A saved segment's filter, if it still reads as one (saved by an older version, it may not). */
export function readSavedFilter(raw: unknown): SegmentFilter | null {
  const parsed = segmentFilter.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** How many conditions are set, for the summary line. */
export function conditionCount(f: SegmentFilter): number {
  return Object.keys(cleanFilter(f)).length;
}
