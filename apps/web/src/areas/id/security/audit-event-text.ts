import type { TFunction } from 'i18next';
import type { AuditEvent } from '@cardcoop/contracts';
import { ru } from './messages';

type Events = typeof ru.history.events;
/** `login.succeeded`, `grant.read`, …: the event types the log has words for. */
export type KnownEventType = {
  [G in keyof Events & string]: `${G}.${keyof Events[G] & string}`;
}[keyof Events & string];

/** Events that may mean someone else is trying the account. */
const ALARMING = new Set<string>([
  'login.failed',
  'session.refresh_reuse',
  'recovery.wrong_key',
  'totp.locked',
]);

const WORDS: Record<string, Record<string, string> | undefined> = ru.history.events;

export function isKnownEvent(event: AuditEvent): event is AuditEvent & { type: KnownEventType } {
  const [group = '', name = '', ...rest] = event.type.split('.');
  return rest.length === 0 && name in (WORDS[group] ?? {});
}

export const isAlarming = (event: AuditEvent) => ALARMING.has(event.type);

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** What happened, in a sentence: "Кооператив ПК «Восход» прочитал переданные ему данные". */
export function eventTitle(
  event: AuditEvent & { type: KnownEventType },
  t: TFunction<'id'>,
): string {
  return t(`security.history.events.${event.type}`, {
    // The cooperative's name when the server knows it, its chain account otherwise.
    coopname: event.display_name ?? text(event.data.coopname),
    username: text(event.data.username),
  });
}

/** The circumstances the event records: a second factor, a lockout, how many sessions ended. */
export function eventDetails(
  event: AuditEvent,
  t: TFunction<'id'>,
  formatDate: (date: string) => string,
): string[] {
  const { data } = event;
  const details: string[] = [];
  if (data.mfa === true) details.push(t('security.history.details.mfa'));
  if (data.locked === true) details.push(t('security.history.details.locked'));
  const ended = typeof data.sessions_ended === 'number' ? data.sessions_ended : data.count;
  if (typeof ended === 'number' && ended > 0)
    details.push(t('security.history.details.sessionsEnded', { number: ended }));
  if (typeof data.due === 'string')
    details.push(t('security.history.details.due', { date: formatDate(data.due) }));
  return details;
}
