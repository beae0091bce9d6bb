import type { InputRef } from 'antd';
import type { RefObject } from 'react';

interface FocusOptions {
  selectAll?: boolean;
}

/** Focuses the field unless the clerk is already typing in another one; true when nothing more is to be done. */
function tryFocus(ref: RefObject<InputRef | null>, options?: FocusOptions): boolean {
  const input = ref.current?.input;
  if (!input) return false;
  const active = document.activeElement;
  if (active === input) return true;
  const panel = input.closest('.ant-modal-wrap, .ant-drawer');
  if (active && panel?.contains(active) && active.matches('input, textarea')) return true;
  ref.current?.focus(options?.selectAll ? { cursor: 'all' } : { cursor: 'end' });
  return document.activeElement === input;
}

/**
 * Puts the caret in a dialog's first field as soon as the dialog is on screen. Dialogs become visible a frame
 * or two after they are told to open, and keystrokes typed while focus sits elsewhere would be lost, so this
 * retries on the next frames (for about half a second) until the field has focus.
 *
 * The first try waits for the next frame too: a call can arrive in the middle of a Tab (the drawer's
 * afterOpenChange did), when the browser has taken focus off one field and not yet given it to the next, and
 * the page body looks like "nothing has focus" — the caret then jumped back to the first field mid-entry.
 */
export function focusField(ref: RefObject<InputRef | null>, options?: FocusOptions): void {
  let frames = 0;
  const step = () => {
    if (tryFocus(ref, options) || ++frames > 30) return;
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}
