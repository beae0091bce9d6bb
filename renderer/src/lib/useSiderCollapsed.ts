import { useCallback, useEffect, useState } from 'react';

/** Below this window width the main menu starts folded to its icons, leaving the screen to the tables. */
export const SIDER_FOLD_BELOW = 1100;
const KEY = 'shell:siderCollapsed';

function stored(): boolean | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === '1' ? true : v === '0' ? false : null;
  } catch {
    return null;
  }
}

const narrow = () => window.innerWidth < SIDER_FOLD_BELOW;

/**
 * Whether the main menu is folded: what the clerk chose last (kept in localStorage, so a reload or the next day
 * keeps it), else folded on a narrow window (1024×768) and open on a wide one, following the window until the clerk
 * chooses.
 */
export function useSiderCollapsed(): [boolean, (collapsed: boolean) => void] {
  const [collapsed, setCollapsed] = useState<boolean>(() => stored() ?? narrow());
  useEffect(() => {
    const follow = () => {
      if (stored() === null) setCollapsed(narrow());
    };
    window.addEventListener('resize', follow);
    return () => window.removeEventListener('resize', follow);
  }, []);
  const choose = useCallback((c: boolean) => {
    setCollapsed(c);
    try {
      localStorage.setItem(KEY, c ? '1' : '0');
    } catch {
      // Not remembered; the menu still folds.
    }
  }, []);
  return [collapsed, choose];
}
