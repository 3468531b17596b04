import { useEffect } from 'react';

/** Tells the widget on the cooperative's page how tall the embed's content is. */
export interface FrameHeightMessage {
  type: 'cardcoop:resize';
  height: number;
}

/** The document's own height (not its scrollHeight, which is never below the frame's). */
const contentHeight = () => Math.ceil(document.documentElement.getBoundingClientRect().height);

/**
 * Reports the page's height to the parent window at exactly `origin` (the registered origin the
 * server confirmed for this request; never `*`) whenever it changes, at most once a frame, so
 * the widget can size its iframe to fit. Nothing is reported while `origin` is unknown.
 */
export function useFrameHeight(parent: Window, origin: string | undefined): void {
  useEffect(() => {
    if (!origin) return;
    let reported: number | undefined;
    let frame: number | undefined;
    const report = () => {
      frame = undefined;
      const height = contentHeight();
      if (height === reported) return;
      reported = height;
      const message: FrameHeightMessage = { type: 'cardcoop:resize', height };
      parent.postMessage(message, origin);
    };
    const observer = new ResizeObserver(() => {
      frame ??= requestAnimationFrame(report);
    });
    observer.observe(document.documentElement);
    return () => {
      observer.disconnect();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [parent, origin]);
}
