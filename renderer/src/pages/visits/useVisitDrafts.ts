import { useCallback, useEffect, useRef, useState } from 'react';
import { newDraft, type VisitDraft } from './visitDraft';

export type Drafts = Record<string, VisitDraft>;

function read(key: string): Drafts {
  try {
    const raw = sessionStorage.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as Drafts) : {};
    // A save cut short by the reload is just a draft again; its visit id stays, so the retry records once.
    for (const d of Object.values(parsed)) if (d.status === 'saving') d.status = 'editing';
    return parsed;
  } catch {
    return {};
  }
}

/**
 * The rows being typed, by target id: in the component, and mirrored to sessionStorage (per user) so that a
 * window reload brings back everything not yet saved.
 */
export function useVisitDrafts(userId: string) {
  const key = `visitDrafts:v1:${userId}`;
  const [drafts, setDrafts] = useState<Drafts>(() => read(key));
  const latest = useRef(drafts);
  latest.current = drafts;

  useEffect(() => {
    try {
      sessionStorage.setItem(key, JSON.stringify(drafts));
    } catch {
      // Storage full or disabled: the rows still live in the page.
    }
  }, [key, drafts]);

  /** Changes one row, creating its draft (and its visit id) on first touch. */
  const update = useCallback((targetId: string, change: (d: VisitDraft) => VisitDraft) => {
    setDrafts((all) => ({ ...all, [targetId]: change(all[targetId] ?? newDraft()) }));
  }, []);

  const get = useCallback((targetId: string): VisitDraft | undefined => latest.current[targetId], []);

  return { drafts, update, get };
}
