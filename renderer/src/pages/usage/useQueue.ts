import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueDecision, QueueDetail, QueuePage, QueueRow } from '../../../../shared/usage';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { useSingleFlight } from '../../lib/useSingleFlight';

export type QueueView = 'pending' | 'ambiguous' | 'unmatched' | 'resolved';
export interface QueueFilter {
  view: QueueView;
  line: string | undefined;
  query: string;
}

/** Rows per call: the first screen opens at once however long the queue; more arrive as the clerk nears the end. */
const PAGE = 1000;
/** Fetch the next page when the selection is this close to the last loaded row. */
const AHEAD = 100;

function queryOf(f: QueueFilter) {
  return {
    status: f.view === 'resolved' ? ('resolved' as const) : ('pending' as const),
    ...(f.view === 'ambiguous' || f.view === 'unmatched' ? { kind: f.view } : {}),
    ...(f.line ? { line: f.line } : {}),
    ...(f.query.trim() ? { query: f.query.trim() } : {}),
    limit: PAGE,
  };
}

/**
 * The list, the selected entry and its detail. A decision removes the entry at once and keeps the selection at
 * the same position (the next entry); when it resolved other rows of the same person the list is read again.
 */
export function useQueue(filter: QueueFilter) {
  const [page, setPage] = useState<QueuePage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [detail, setDetail] = useState<QueueDetail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const { busy, run } = useSingleFlight();
  const gen = useRef(0);

  const more = useRef(false);

  const load = useCallback(async () => {
    const g = ++gen.current;
    setLoading(true);
    try {
      const p = await api['usage.queue'](queryOf(filter));
      if (g !== gen.current) return;
      setPage(p);
      setIndex((i) => Math.min(i, Math.max(p.rows.length - 1, 0)));
      setError(null);
    } catch (e) {
      if (g === gen.current) setError(errorText(e));
    } finally {
      if (g === gen.current) setLoading(false);
    }
  }, [filter]);

  useEffect(() => {
    setIndex(0);
    void load();
  }, [load]);

  const rows = page?.rows ?? [];
  const current: QueueRow | undefined = rows[index];
  const currentId = current?.id;

  useEffect(() => {
    if (!currentId) return setDetail(null);
    let live = true;
    setDetailError(null);
    api['usage.queueEntry']({ id: currentId }).then(
      (d) => live && setDetail(d),
      (e: unknown) => live && setDetailError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [currentId]);

  /** The next page, appended; rows already shown (the queue may have changed meanwhile) are not shown twice. */
  const loadMore = useCallback(async () => {
    if (!page || page.rows.length >= page.total || more.current) return;
    more.current = true;
    const g = gen.current;
    try {
      const next = await api['usage.queue']({ ...queryOf(filter), offset: page.rows.length });
      if (g !== gen.current) return;
      setPage((p) => {
        if (!p) return p;
        const seen = new Set(p.rows.map((r) => r.id));
        return { ...next, rows: [...p.rows, ...next.rows.filter((r) => !seen.has(r.id))] };
      });
    } catch (e) {
      setError(errorText(e));
    } finally {
      more.current = false;
    }
  }, [page, filter]);

  useEffect(() => {
    if (rows.length - index < AHEAD) void loadMore();
  }, [index, rows.length, loadMore]);

  const move = (delta: number) => setIndex((i) => Math.max(0, Math.min(rows.length - 1, i + delta)));

  /** The counts on the view buttons, read again after a decision (one row is all it costs). */
  const refreshCounts = useCallback(async () => {
    const g = gen.current;
    try {
      const p = await api['usage.queue']({ status: 'pending', limit: 1 });
      if (g === gen.current) setPage((prev) => (prev ? { ...prev, counts: p.counts } : prev));
    } catch {
      // The counts stay as they were; 刷新 reads them again.
    }
  }, []);

  /** Runs one decision; a second key press while the first is saving is ignored, never applied twice. */
  const decide = async (fn: (id: string) => Promise<QueueDecision>): Promise<QueueDecision | null> => {
    if (!current) return null;
    let decided: QueueDecision | null = null;
    // A failure is the caller's to show: run only keeps one decision at a time and lets the error through.
    await run(async () => {
      const d = await fn(current.id);
      setPage((p) => (p ? { ...p, rows: p.rows.filter((r) => r.id !== current.id), total: p.total - 1 } : p));
      setIndex((i) => Math.min(i, Math.max(rows.length - 2, 0)));
      if (d.alsoResolved > 0) void load();
      else void refreshCounts();
      decided = d;
    });
    return decided;
  };

  return {
    page,
    rows,
    loading,
    error,
    index,
    setIndex,
    move,
    loadMore,
    current,
    detail: detail && detail.entry.id === currentId ? detail : null,
    detailError,
    busy,
    decide,
    reload: load,
  };
}

export type QueueState = ReturnType<typeof useQueue>;
