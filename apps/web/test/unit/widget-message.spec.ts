import { describe, expect, it } from 'vitest';
import { FRAME_HEIGHT, readMessage } from '../../widget/message.js';

const CARDCOOP = 'https://id.card.coop';
// Stand-ins for windows: the widget compares them by identity only.
const frame = {} as MessageEventSource;
const other = {} as MessageEventSource;
const expected = { origin: CARDCOOP, source: frame, state: 'state-of-the-request' };
const from = (data: unknown, origin = CARDCOOP, source: MessageEventSource | null = frame) => ({
  origin,
  source,
  data,
});

describe('the widget reading card.coop messages', () => {
  it('takes the frame height from its own frame at card.coop, rounded up', () => {
    expect(readMessage(from({ type: 'cardcoop:resize', height: 511.2 }), expected)).toEqual({
      kind: 'resize',
      height: 512,
    });
  });

  it.each([
    ['another origin', from({ type: 'cardcoop:resize', height: 500 }, 'https://evil.example')],
    [
      'another window at card.coop',
      from({ type: 'cardcoop:resize', height: 500 }, CARDCOOP, other),
    ],
    ['no window', from({ type: 'cardcoop:resize', height: 500 }, CARDCOOP, null)],
  ])('ignores a height from %s', (_case, event) => {
    expect(readMessage(event, expected)).toBeUndefined();
  });

  it('ignores anything while it has no window of its own yet', () => {
    const message = from({ type: 'cardcoop:resize', height: 500 });
    expect(readMessage(message, { ...expected, source: null })).toBeUndefined();
  });

  it.each([['500'], [Number.NaN], [Number.POSITIVE_INFINITY], [null], [undefined], [{}]])(
    'ignores the height %j',
    (height) => {
      expect(readMessage(from({ type: 'cardcoop:resize', height }), expected)).toBeUndefined();
    },
  );

  it.each([
    [-40, FRAME_HEIGHT.min],
    [0, FRAME_HEIGHT.min],
    [120, 200],
    [2000, 2000],
    [5000, 5000],
    [99_999, FRAME_HEIGHT.max],
  ])('clamps the height %d to %d', (height, clamped) => {
    expect(readMessage(from({ type: 'cardcoop:resize', height }), expected)).toEqual({
      kind: 'resize',
      height: clamped,
    });
  });

  it('takes the ticket and the refusal of this request only', () => {
    const ticket = { type: 'cardcoop:ticket', ticket: 't1', state: expected.state };
    expect(readMessage(from(ticket), expected)).toEqual({
      kind: 'ticket',
      ticket: 't1',
      state: expected.state,
    });
    const refusal = { type: 'cardcoop:error', error: 'access_denied', state: expected.state };
    expect(readMessage(from(refusal), expected)).toEqual({ kind: 'error' });
    expect(readMessage(from({ ...ticket, state: 'another' }), expected)).toBeUndefined();
    expect(readMessage(from({ ...refusal, state: 'another' }), expected)).toBeUndefined();
    expect(readMessage(from(ticket, 'https://evil.example'), expected)).toBeUndefined();
    expect(readMessage(from(ticket, CARDCOOP, other), expected)).toBeUndefined();
    expect(readMessage(from({ ...ticket, ticket: 42 }), expected)).toBeUndefined();
  });

  it.each([
    ['a string'],
    [null],
    [42],
    [{ type: 'cardcoop:other', state: 'state-of-the-request' }],
  ])('ignores %j', (data) => {
    expect(readMessage(from(data), expected)).toBeUndefined();
  });
});
