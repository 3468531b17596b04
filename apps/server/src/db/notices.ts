import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** What a listener hears on its channel (see `Database.listen`). */
export interface NoticeHandlers {
  /** A notice's payload, delivered once the transaction that sent it has committed. */
  notice(payload: string): void;
  /** Listening (again): notices sent from now on arrive. Any sent while down are lost. */
  up(): void;
  /** Not listening (the connection dropped): notices sent meanwhile will never arrive. */
  down(): void;
}

/** Stops listening. */
export type StopListening = () => Promise<void>;

/** How long a dropped PostgreSQL listener waits before it connects again. */
export const RELISTEN_MS = 1000;
/**
 * How often a listener checks that its connection still answers: a connection lost without a
 * word (a network partition) would otherwise look alive while its notices go nowhere.
 */
export const LISTENER_HEARTBEAT_MS = 5000;

/**
 * Listens on `channel` over a connection of its own (a pooled one would hand the LISTEN to
 * whichever query takes it next), reconnecting every `RELISTEN_MS` while PostgreSQL is away.
 */
export function listenPostgres(
  url: string,
  channel: string,
  handlers: NoticeHandlers,
): StopListening {
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  const heartbeat = setInterval(() => {
    const current = client;
    current?.query('select 1').catch(() => lost(current));
  }, LISTENER_HEARTBEAT_MS).unref();
  const lost = (dropped: pg.Client) => {
    if (client !== dropped) return;
    client = undefined;
    handlers.down();
    void dropped.end().catch(() => undefined);
    if (!stopped) retry = setTimeout(connect, RELISTEN_MS).unref();
  };
  const connect = () => {
    const next = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: 3000,
      query_timeout: 2000,
      keepAlive: true,
    });
    client = next;
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.notice(message.payload ?? '');
    });
    next
      .connect()
      .then(() => next.query(`LISTEN ${pg.escapeIdentifier(channel)}`))
      .then(() => {
        if (client === next && !stopped) handlers.up();
      })
      .catch(() => lost(next));
  };
  connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    clearInterval(heartbeat);
    const last = client;
    client = undefined;
    await last?.end().catch(() => undefined);
  };
}

/** The embedded database's notices: one process, so it never drops. */
export async function listenPglite(
  pglite: PGlite,
  channel: string,
  handlers: NoticeHandlers,
): Promise<StopListening> {
  const unsubscribe = await pglite.listen(channel, handlers.notice);
  handlers.up();
  return unsubscribe;
}
