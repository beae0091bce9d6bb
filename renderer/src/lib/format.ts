import dayjs from 'dayjs';

/** Every date on screen reads YYYY-MM-DD, in the clerk's local time zone. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD') : '';
}

export const SEX_LABELS = { M: '男', F: '女' } as const;

/** Empty strings from inputs become null so "cleared" and "never set" look the same to the backend. */
export function blankToNull(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

/** Date and time for history lists: YYYY-MM-DD HH:mm. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : '';
}

/** A share (0.834) as a percentage with one decimal (83.4%). */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(1)}%`;
}
