import { type RefObject, useEffect } from 'react';

/**
 * Folds an open popup (a menu, a disclosure) when the pointer goes down outside `area` or Escape
 * is pressed, as menus everywhere do.
 */
export function useDismiss(
  open: boolean,
  area: RefObject<HTMLElement | null>,
  close: () => void,
): void {
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!area.current?.contains(e.target as Node)) close();
    };
    const onEscape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', onEscape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', onEscape);
    };
  }, [open, area, close]);
}
