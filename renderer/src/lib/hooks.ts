import { useEffect, useState, useSyncExternalStore } from 'react';

/** The value, once it has stopped changing for `ms` milliseconds (search-as-you-type without a query per key). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/**
 * The section named in the URL hash (#/customers). Hash routing needs no router dependency and works the same
 * from file:// (Electron) and http:// (browser mode); a reload keeps the clerk on the same screen.
 */
export function useHashSection(): string {
  return useSyncExternalStore(subscribeHash, () => window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '');
}

export function goToSection(key: string): void {
  window.location.hash = `#/${key}`;
}

/** The part after the section in the hash (#/maintenance/verification → verification), for a page's tabs. */
export function useHashSubPath(): string {
  return useSyncExternalStore(subscribeHash, () => window.location.hash.replace(/^#\/?/, '').split(/[?]/)[0]?.split('/')[1] ?? '');
}

/** Keeps the section and names a place inside it, so a reload returns to the same tab. */
export function goToSubPath(section: string, sub: string): void {
  window.location.hash = `#/${section}/${sub}`;
}

export interface Size {
  width: number;
  height: number;
}

/** Size in pixels of an element, kept current; virtual tables need numbers for scroll.x and scroll.y. */
export function useElementSize(el: HTMLElement | null): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useEffect(() => {
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (!box) return;
      const next = { width: Math.floor(box.width), height: Math.floor(box.height) };
      setSize((prev) => (prev.width === next.width && prev.height === next.height ? prev : next));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return size;
}
