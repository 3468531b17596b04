import type { Locale } from '../../common/i18n/locale.js';

/** Mails to a member about their claim of a cooperative (the platform admin's decision). */
export type ClaimMailTemplate =
  | { kind: 'claim-approved'; coopname: string; displayName: string }
  | { kind: 'claim-rejected'; coopname: string; displayName: string; reason: string };

export function renderClaimMail(
  template: ClaimMailTemplate,
  locale: Locale,
): { subject: string; text: string } {
  const coop = `«${template.displayName}» (${template.coopname})`;
  if (locale === 'ru') {
    return template.kind === 'claim-approved'
      ? {
          subject: `Владение кооперативом ${template.coopname} подтверждено`,
          text: `Администратор платформы CARD.COOP подтвердил, что кооператив ${coop} ваш. Теперь подключение работает не только с localhost: укажите в бизнес-панели настоящие адреса сайта и адреса возврата.`,
        }
      : {
          subject: `Заявка на кооператив ${template.coopname} отклонена`,
          text: `Администратор платформы CARD.COOP отклонил заявку на владение кооперативом ${coop}.\n\nПричина: ${template.reason}\n\nВы можете подать заявку снова или доказать владение подписью ключа аккаунта кооператива.`,
        };
  }
  return template.kind === 'claim-approved'
    ? {
        subject: `Ownership of cooperative ${template.coopname} confirmed`,
        text: `The CARD.COOP platform administrator confirmed that the cooperative ${coop} is yours. The integration now works beyond localhost: set your site's real origins and return addresses in the business panel.`,
      }
    : {
        subject: `Your claim of cooperative ${template.coopname} was rejected`,
        text: `The CARD.COOP platform administrator rejected your claim of the cooperative ${coop}.\n\nReason: ${template.reason}\n\nYou may ask again, or prove ownership with a signature of the cooperative account's key.`,
      };
}
