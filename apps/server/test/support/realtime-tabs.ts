import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { MEMBER_EVENT_NAME, REALTIME_PATH } from '@cardcoop/contracts';
import type { MemberEvent } from '@cardcoop/contracts';

/** What the server put in a refused handshake's connect_error. */
export type Refusal = Error & { data?: { code?: string; retry_after?: number } };

const opened: Socket[] = [];

/**
 * A member's tab: a socket on `url` that records every event it hears. `opened` rejects with
 * the refusal's code as message (and its `data`) when the server refuses the handshake.
 */
export function connect(url: string, token: string, headers: Record<string, string> = {}) {
  const socket = io(url, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    auth: { token },
    extraHeaders: headers,
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
  });
  opened.push(socket);
  const heard: MemberEvent[] = [];
  socket.on(MEMBER_EVENT_NAME, (event: MemberEvent) => heard.push(event));
  const ready = new Promise<void>((resolve, reject) => {
    const refused = (error: Refusal) => {
      socket.close();
      reject(Object.assign(new Error(error.data?.code ?? error.message), { data: error.data }));
    };
    socket.once('connect_error', refused);
    socket.once('connect', () => {
      socket.off('connect_error', refused);
      resolve();
    });
  });
  return { socket, heard, opened: ready };
}

/** Closes every socket `connect` opened (afterAll). */
export function closeTabs(): void {
  for (const socket of opened.splice(0)) socket.close();
}

export async function until(condition: () => boolean, withinMs = 1000): Promise<number> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - start;
}

export async function nextDisconnect(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}
