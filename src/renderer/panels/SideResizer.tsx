import type { KeyboardEvent, PointerEvent } from 'react';
import { uiStore, useUi } from '../stores/appStores';

/** The side panel's narrowest and (as a share of the window) widest. */
const MIN_WIDTH = 260;
const MAX_SHARE = 0.7;
/** Pixels an arrow key moves the edge. */
const STEP = 24;

const clamp = (width: number) =>
  Math.round(Math.min(Math.max(width, MIN_WIDTH), window.innerWidth * MAX_SHARE));

/**
 * The side panel's left edge, to drag wider or narrower: a window splitter as WAI-ARIA has it
 * (a focusable separator; Left and Right move it, Home and End go to the extremes, Enter puts
 * back the layout's own width).
 */
export function SideResizer() {
  const chosen = useUi((s) => s.sideWidth);
  const setWidth = (width: number | undefined) => uiStore.getState().setSideWidth(width);
  const current = () =>
    chosen ?? document.querySelector('.side-panel')?.getBoundingClientRect().width ?? 340;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => setWidth(clamp(window.innerWidth - e.clientX));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, () => number | undefined> = {
      ArrowLeft: () => clamp(current() + STEP),
      ArrowRight: () => clamp(current() - STEP),
      Home: () => clamp(Number.POSITIVE_INFINITY),
      End: () => clamp(0),
      Enter: () => undefined,
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    setWidth(move());
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: an <hr> cannot take the focus or be dragged
    <div
      className="side-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Side panel width"
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={Math.round(window.innerWidth * MAX_SHARE)}
      aria-valuenow={Math.round(current())}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => setWidth(undefined)}
    />
  );
}
