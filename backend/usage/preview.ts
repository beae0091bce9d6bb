/** What the clerk sees of a prepared extract before anything is written. */
import type { UsageImportPreview } from '../../shared/usage';
import type { Reader } from '../db/handles';
import { EXTRACT_FIELD_NAMES, EXTRACT_FIELDS } from './extractHeaders';
import type { PreparedUsageImport } from './prepare';

export function usagePreviewOf(r: Reader, jobId: string, p: PreparedUsageImport): UsageImportPreview {
  const count = (pred: (row: PreparedUsageImport['rows'][number]) => boolean) => p.rows.filter(pred).length;
  const sampleRows = p.rows.slice(0, 20);
  const ids = sampleRows.flatMap((x) =>
    x.outcome.kind === 'matched' ? [x.outcome.customerId] : x.outcome.kind === 'discarded' ? [] : x.outcome.candidates.slice(0, 1).map((c) => c.id),
  );
  const names = new Map(
    ids.length
      ? r.all<{ id: string; name: string }>(`SELECT id, name FROM customers WHERE id IN (${ids.map(() => '?').join(',')})`, ids).map((c) => [c.id, c.name])
      : [],
  );
  return {
    jobId,
    fileName: p.fileName,
    sheetName: p.sheetName,
    headerRow: p.headerRow,
    headers: p.headers,
    mapping: p.mapping,
    fieldLabels: Object.fromEntries(EXTRACT_FIELD_NAMES.map((f) => [f, EXTRACT_FIELDS[f].label])) as UsageImportPreview['fieldLabels'],
    line: p.line,
    asOf: p.asOf,
    dataRows: p.dataRows,
    matched: count((x) => x.outcome.kind === 'matched'),
    decidedBefore: count((x) => x.outcome.kind === 'matched' && x.outcome.decided),
    queued: count((x) => x.outcome.kind === 'queued'),
    unmatched: count((x) => x.outcome.kind === 'unmatched'),
    discardedBefore: count((x) => x.outcome.kind === 'discarded'),
    problems: p.problems.slice(0, 500),
    problemRows: new Set(p.problems.map((x) => x.row)).size,
    sample: sampleRows.map((x) => {
      const o = x.outcome;
      const top = o.kind === 'matched' ? { id: o.customerId, score: o.candidates[0]?.score ?? 100 } : o.kind === 'discarded' ? null : (o.candidates[0] ?? null);
      return {
        row: x.row,
        name: x.name,
        phone: x.phone,
        idNumber: x.idNumber,
        place: [x.villageText, x.address].filter(Boolean).join(' ') || null,
        product: x.product,
        outcome: o.kind,
        customerName: top ? (names.get(top.id) ?? null) : null,
        score: top?.score ?? 0,
      };
    }),
  };
}
