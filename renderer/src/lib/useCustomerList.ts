import { useCallback, useEffect, useRef, useState } from 'react';
import type { Customer, CustomerPage, CustomerRow } from '../../../shared/domain';
import type { Grade } from '../../../shared/grading';
import { api } from '../api';
import { CUSTOMER_PAGE_SIZE } from './constants';
import { errorText } from './errors';
import { useLatestOnly } from './latestOnly';

/** A customer as a line of the list. */
export const rowOf = (c: Customer): CustomerRow => ({
  id: c.id,
  code: c.code,
  name: c.name,
  phone: c.phone,
  idNumber: c.idNumber,
  villageName: c.villageName,
  address: c.address,
  householdType: c.householdType,
  grade: c.grade,
  updatedAt: c.updatedAt,
});

interface ListState {
  rows: CustomerRow[];
  total: number;
}

/**
 * The customer list for one search and village filter, fetched page by page as the table scrolls. Each new
 * search bumps a generation so a slow answer to an older query can never overwrite a newer one.
 */
export function useCustomerList(query: string, villageId: string | undefined, grade: Grade | undefined) {
  const [state, setState] = useState<ListState>({ rows: [], total: 0 });
  const [loading, setLoading] = useState(false);
  // Separate from `loading`: fetching the next page must not cover the rows being read with a spinner.
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const moreInFlight = useRef(false);

  const params = useCallback(
    (offset: number) => ({
      ...(query.trim() ? { query: query.trim() } : {}),
      ...(villageId ? { villageId } : {}),
      ...(grade ? { grade } : {}),
      offset,
      limit: CUSTOMER_PAGE_SIZE,
    }),
    [query, villageId, grade],
  );

  // The first page for the newest search: one request at a time, so typing never queues one per key.
  const paramsRef = useRef(params);
  paramsRef.current = params;
  const firstPages = useLatestOnly<ReturnType<typeof params>, CustomerPage>(
    (p) => api['customers.list'](p),
    (_p, outcome) => {
      if (outcome.ok) {
        setState({ rows: outcome.value.rows, total: outcome.value.total });
        setError(null);
      } else setError(errorText(outcome.error));
      setLoading(false);
    },
  );

  const reload = useCallback(async () => {
    // Pages still loading belong to the old search; their answers must not land on the new one.
    ++generation.current;
    moreInFlight.current = false;
    setLoadingMore(false);
    setLoading(true);
    firstPages.ask(paramsRef.current(0));
  }, [firstPages]);

  useEffect(() => {
    void reload();
  }, [reload, params]);

  const loadMore = useCallback(async () => {
    const { rows, total } = stateRef.current;
    if (moreInFlight.current || rows.length >= total) return;
    const gen = generation.current;
    moreInFlight.current = true;
    setLoadingMore(true);
    try {
      const page = await api['customers.list'](params(rows.length));
      if (gen !== generation.current) return;
      // Rows can shift between pages when someone saves meanwhile; never show one twice.
      setState((s) => {
        const seen = new Set(s.rows.map((r) => r.id));
        return { rows: [...s.rows, ...page.rows.filter((r) => !seen.has(r.id))], total: page.total };
      });
    } catch (e) {
      if (gen === generation.current) setError(errorText(e));
    } finally {
      if (gen === generation.current) {
        moreInFlight.current = false;
        setLoadingMore(false);
      }
    }
  }, [params]);

  /** Shows a customer just saved (the record the save returned) in its line, without fetching the list again. */
  const replace = useCallback((c: Customer) => {
    setState((s) => ({ ...s, rows: s.rows.map((r) => (r.id === c.id ? rowOf(c) : r)) }));
  }, []);

  return { rows: state.rows, total: state.total, loading, loadingMore, error, reload, loadMore, replace };
}
