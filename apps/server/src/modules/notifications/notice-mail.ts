import type { Notification, NotificationType } from '@cardcoop/contracts';
import type { Locale } from '../../common/i18n/locale.js';

/** What a notification e-mail says: the type, its payload and the cooperative's name. */
export type MailNotice = Pick<Notification, 'type' | 'data'> & { display_name: string | null };

export type NoticeMailTemplate =
  | { kind: 'notification'; notice: MailNotice }
  | { kind: 'notification-digest'; notices: MailNotice[] };

type Lines = {
  [T in NotificationType]: (
    data: Extract<Notification, { type: T }>['data'],
    coop: string,
  ) => string;
};

const money = (locale: Locale, { amount, currency }: { amount: number; currency: string }) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / 100);
const when = (locale: Locale, iso: string) =>
  new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso)) + ' UTC';

const LINES: Record<Locale, Lines> = {
  ru: {
    'security.new_device': (d) => `Вход с нового устройства «${d.device}».`,
    'security.password_changed': () => 'Пароль изменён.',
    'security.totp_changed': (d) =>
      d.enabled
        ? 'Двухфакторная аутентификация включена.'
        : 'Двухфакторная аутентификация отключена.',
    'security.email_changed': () => 'Адрес почты изменён.',
    'account.deletion_scheduled': (d) => `Учётная запись будет удалена ${when('ru', d.due_at)}.`,
    'grant.shared': (_, coop) => `Вы передали данные карты кооперативу «${coop}».`,
    'grant.read': (_, coop) => `Кооператив «${coop}» прочитал переданные ему данные.`,
    'grant.revoked': (_, coop) => `Доступ кооператива «${coop}» к вашим данным отозван.`,
    'meeting.announced': (d, coop) =>
      `Кооператив «${coop}» назначил собрание «${d.title}» на ${when('ru', d.starts_at)}.`,
    'meeting.soon': (d, coop) =>
      `Собрание «${d.title}» кооператива «${coop}» начнётся ${when('ru', d.starts_at)}.`,
    'meeting.cancelled': (d, coop) =>
      `Кооператив «${coop}» отменил собрание «${d.title}», назначенное на ${when('ru', d.starts_at)}.`,
    'contribution.requested': (d, coop) =>
      `Кооператив «${coop}» выставил взнос ${money('ru', d.amount)}${d.due_date ? ` со сроком до ${d.due_date}` : ''}.`,
    'contribution.due_soon': (d, coop) =>
      `Срок взноса ${money('ru', d.amount)} кооперативу «${coop}» истекает ${d.due_date ?? 'скоро'}.`,
    'contribution.confirmed': (d, coop) =>
      `Кооператив «${coop}» подтвердил получение взноса ${money('ru', d.amount)}.`,
    'balance.changed': (_, coop) => `Изменился ваш баланс в кооперативе «${coop}».`,
    'membership.confirmed': (d, coop) =>
      `Кооператив «${coop}» подтвердил ваше членство (аккаунт ${d.username}).`,
    'recommendation.totp_off': () =>
      'Включите двухфакторную аутентификацию: она защитит аккаунт, даже если пароль узнают.',
    'application.submitted': (_, coop) =>
      `Кооператив «${coop}» отправил заявку оператору на расширенный уровень.`,
    'application.approved': (_, coop) =>
      `Оператор одобрил заявку кооператива «${coop}»: расширенный уровень подключён.`,
    'application.rejected': (d, coop) =>
      `Оператор отклонил заявку кооператива «${coop}»${d.reason ? `: ${d.reason}` : '.'}`,
    'application.changes_requested': (d, coop) =>
      `Оператор просит исправить заявку кооператива «${coop}»${d.reason ? `: ${d.reason}` : '.'}`,
    'webhook.disabled': (d, coop) =>
      `Вебхук кооператива «${coop}» на ${d.host} отключён: ${d.reason === 'gone' ? 'адрес ответил 410 Gone' : 'доставки не проходят несколько дней'}.`,
    'virtual_card.issued': (d, coop) =>
      `Выпущена виртуальная карта •••• ${d.last4} (кооператив «${coop}»).`,
    'virtual_card.topped_up': (d) =>
      `Виртуальная карта •••• ${d.last4} пополнена на ${money('ru', d.amount)}.`,
    'virtual_card.top_up_failed': (d) =>
      `Пополнение виртуальной карты •••• ${d.last4} на ${money('ru', d.amount)} не прошло; средства кооператива не списаны.`,
    'virtual_card.transaction': (d) =>
      d.status === 'declined'
        ? `Отклонена операция ${money('ru', d.amount)} по карте •••• ${d.last4}${d.merchant ? ` (${d.merchant})` : ''}.`
        : `${d.kind === 'refund' ? 'Возврат' : 'Покупка'} ${money('ru', d.amount)} по карте •••• ${d.last4}${d.merchant ? ` (${d.merchant})` : ''}.`,
    'virtual_card.low_balance': (d) =>
      `На виртуальной карте •••• ${d.last4} осталось ${money('ru', d.balance)}.`,
    'virtual_card.frozen': (d) => `Виртуальная карта •••• ${d.last4} заморожена.`,
    'virtual_card.unfrozen': (d) => `Виртуальная карта •••• ${d.last4} разморожена.`,
    'virtual_card.revealed': (d) =>
      `Реквизиты виртуальной карты •••• ${d.last4} были показаны. Если это были не вы, заморозьте карту и смените пароль.`,
    'virtual_card.monthly_report': (d, coop) =>
      `Отчёт по виртуальным картам кооператива «${coop}» за ${d.month} готов в бизнес-панели.`,
  },
  en: {
    'security.new_device': (d) => `New sign-in from "${d.device}".`,
    'security.password_changed': () => 'Your password was changed.',
    'security.totp_changed': (d) =>
      d.enabled
        ? 'Two-factor authentication was turned on.'
        : 'Two-factor authentication was turned off.',
    'security.email_changed': () => 'Your e-mail address was changed.',
    'account.deletion_scheduled': (d) => `Your account will be deleted on ${when('en', d.due_at)}.`,
    'grant.shared': (_, coop) => `You shared your card data with ${coop}.`,
    'grant.read': (_, coop) => `${coop} read the data you shared with it.`,
    'grant.revoked': (_, coop) => `${coop}'s access to your data was revoked.`,
    'meeting.announced': (d, coop) =>
      `${coop} called the meeting "${d.title}" for ${when('en', d.starts_at)}.`,
    'meeting.soon': (d, coop) =>
      `${coop}'s meeting "${d.title}" starts ${when('en', d.starts_at)}.`,
    'meeting.cancelled': (d, coop) =>
      `${coop} cancelled the meeting "${d.title}" of ${when('en', d.starts_at)}.`,
    'contribution.requested': (d, coop) =>
      `${coop} asks for a contribution of ${money('en', d.amount)}${d.due_date ? `, due ${d.due_date}` : ''}.`,
    'contribution.due_soon': (d, coop) =>
      `Your contribution of ${money('en', d.amount)} to ${coop} is due ${d.due_date ?? 'soon'}.`,
    'contribution.confirmed': (d, coop) =>
      `${coop} confirmed receiving your contribution of ${money('en', d.amount)}.`,
    'balance.changed': (_, coop) => `Your balance in ${coop} changed.`,
    'membership.confirmed': (d, coop) =>
      `${coop} confirmed your membership (account ${d.username}).`,
    'recommendation.totp_off': () =>
      'Turn on two-factor authentication: it protects your account even if your password leaks.',
    'application.submitted': (_, coop) => `${coop} applied to the operator for the extended level.`,
    'application.approved': (_, coop) =>
      `The operator approved the application of ${coop}: the extended level is on.`,
    'application.rejected': (d, coop) =>
      `The operator rejected the application of ${coop}${d.reason ? `: ${d.reason}` : '.'}`,
    'application.changes_requested': (d, coop) =>
      `The operator asks for changes to the application of ${coop}${d.reason ? `: ${d.reason}` : '.'}`,
    'webhook.disabled': (d, coop) =>
      `A webhook of ${coop} to ${d.host} was disabled: ${d.reason === 'gone' ? 'the address answered 410 Gone' : 'deliveries have failed for days'}.`,
    'virtual_card.issued': (d, coop) => `Virtual card •••• ${d.last4} was issued (${coop}).`,
    'virtual_card.topped_up': (d) =>
      `Virtual card •••• ${d.last4} was topped up with ${money('en', d.amount)}.`,
    'virtual_card.top_up_failed': (d) =>
      `The ${money('en', d.amount)} top-up of virtual card •••• ${d.last4} failed; the cooperative's funds were not charged.`,
    'virtual_card.transaction': (d) =>
      d.status === 'declined'
        ? `A ${money('en', d.amount)} payment with card •••• ${d.last4} was declined${d.merchant ? ` (${d.merchant})` : ''}.`
        : `${d.kind === 'refund' ? 'Refund' : 'Purchase'} of ${money('en', d.amount)} with card •••• ${d.last4}${d.merchant ? ` (${d.merchant})` : ''}.`,
    'virtual_card.low_balance': (d) =>
      `Virtual card •••• ${d.last4} has ${money('en', d.balance)} left.`,
    'virtual_card.frozen': (d) => `Virtual card •••• ${d.last4} was frozen.`,
    'virtual_card.unfrozen': (d) => `Virtual card •••• ${d.last4} was unfrozen.`,
    'virtual_card.revealed': (d) =>
      `The details of virtual card •••• ${d.last4} were shown. If this was not you, freeze the card and change your password.`,
    'virtual_card.monthly_report': (d, coop) =>
      `${coop}'s virtual card report for ${d.month} is ready in the business panel.`,
  },
};

const FOOTER: Record<Locale, string> = {
  ru: 'Все уведомления и их настройки — в личном кабинете CARD.COOP.',
  en: 'All notifications and their settings are in your CARD.COOP account.',
};

/** One line saying what happened, in the member's language. */
export function noticeLine({ type, data, display_name }: MailNotice, locale: Locale): string {
  const line = LINES[locale][type] as (data: MailNotice['data'], coop: string) => string;
  return line(data, display_name ?? '—');
}

export function renderNoticeMail(
  template: NoticeMailTemplate,
  locale: Locale,
): { subject: string; text: string } {
  if (template.kind === 'notification') {
    const line = noticeLine(template.notice, locale);
    return { subject: `CARD.COOP: ${line}`, text: `${line}\n\n${FOOTER[locale]}` };
  }
  const lines = template.notices.map((notice) => `• ${noticeLine(notice, locale)}`);
  return {
    subject:
      locale === 'ru'
        ? `CARD.COOP: уведомления за день (${lines.length})`
        : `CARD.COOP: today's notifications (${lines.length})`,
    text: `${lines.join('\n')}\n\n${FOOTER[locale]}`,
  };
}
