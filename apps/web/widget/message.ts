// What the widget hears from card.coop's window, checked in one place: only card.coop's own
// window (the popup it opened or its iframe's contentWindow), at card.coop's origin.

/**
 * The frame's height is kept within these bounds, whatever card.coop's page reports. The consent
 * screen is the tallest step: about 2300 px at 360 px wide with six fields.
 */
export const FRAME_HEIGHT = { min: 200, max: 5000 };

/** A message the widget acts on. */
export type WidgetMessage =
  | { kind: 'ticket'; ticket: string; state: string }
  | { kind: 'error' }
  | { kind: 'resize'; height: number };

/** Who may speak: card.coop's origin, its window, and the request's `state`. */
export interface Expected {
  origin: string;
  source: MessageEventSource | null;
  state: string;
}

/**
 * Reads a `message` event: the ticket or the refusal of this request (`state` must match), or
 * the height of card.coop's iframe content (`cardcoop:resize`, clamped to {@link FRAME_HEIGHT}).
 * Anything else, or anything from another origin or window, is `undefined`.
 *
 * @example
 * ```ts
 * readMessage(event, { origin: 'https://id.card.coop', source: frame.contentWindow, state });
 * // { kind: 'resize', height: 512 } for { type: 'cardcoop:resize', height: 511.5 }
 * ```
 */
export function readMessage(
  event: Pick<MessageEvent, 'origin' | 'source' | 'data'>,
  expected: Expected,
): WidgetMessage | undefined {
  const data: unknown = event.data;
  if (event.origin !== expected.origin || !expected.source || event.source !== expected.source)
    return undefined;
  if (typeof data !== 'object' || data === null) return undefined;
  const { type, ticket, state, height } = data as Record<string, unknown>;
  if (type === 'cardcoop:resize') {
    if (typeof height !== 'number' || !Number.isFinite(height)) return undefined;
    const clamped = Math.min(FRAME_HEIGHT.max, Math.max(FRAME_HEIGHT.min, Math.ceil(height)));
    return { kind: 'resize', height: clamped };
  }
  if (state !== expected.state) return undefined;
  if (type === 'cardcoop:ticket' && typeof ticket === 'string')
    return { kind: 'ticket', ticket, state };
  if (type === 'cardcoop:error') return { kind: 'error' };
  return undefined;
}
