import type { Locale } from '../../common/i18n/locale.js';
import { renderCoopMail } from '../mail/coop-mail.js';
import type { CoopMailRenderers, RenderedMail } from '../mail/coop-mail.js';

/** What an operator-application mail tells: to the operator's reviewers, or to the owners. */
export interface ApplicationMailTemplate {
  kind: 'operator-application';
  event: 'submitted' | 'changes_requested' | 'approved' | 'rejected';
  coopname: string;
  displayName: string;
  reason: string | null;
}

const render: CoopMailRenderers<ApplicationMailTemplate> = {
  ru: (t, coop) => {
    const because = t.reason ? `\n\nКомментарий оператора: ${t.reason}` : '';
    switch (t.event) {
      case 'submitted':
        return {
          subject: `Новая заявка оператору: ${coop}`,
          text: `Кооператив ${coop} отправил заявку на расширенный уровень (выпуск виртуальных карт Aifory). Рассмотрите её в разделе «Заявки» администрирования CARD.COOP.`,
        };
      case 'changes_requested':
        return {
          subject: `Заявка оператору: нужны исправления (${coop})`,
          text: `Оператор платёжной системы просит исправить заявку кооператива ${coop}. Внесите изменения в бизнес-панели и отправьте заявку снова.${because}`,
        };
      case 'approved':
        return {
          subject: `Заявка оператору одобрена (${coop})`,
          text: `Оператор платёжной системы одобрил заявку кооператива ${coop}: расширенный уровень подключён, раздел виртуальных карт Aifory доступен в бизнес-панели.`,
        };
      case 'rejected':
        return {
          subject: `Заявка оператору отклонена (${coop})`,
          text: `Оператор платёжной системы отклонил заявку кооператива ${coop}. Вы можете подать новую заявку в бизнес-панели.${because}`,
        };
    }
  },
  en: (t, coop) => {
    const because = t.reason ? `\n\nThe operator's comment: ${t.reason}` : '';
    switch (t.event) {
      case 'submitted':
        return {
          subject: `New operator application: ${coop}`,
          text: `The cooperative ${coop} applied for the extended level (Aifory virtual cards). Review it under "Applications" in the CARD.COOP administration.`,
        };
      case 'changes_requested':
        return {
          subject: `Operator application: changes requested (${coop})`,
          text: `The payment-system operator asks for changes to the application of ${coop}. Edit it in the business panel and submit it again.${because}`,
        };
      case 'approved':
        return {
          subject: `Operator application approved (${coop})`,
          text: `The payment-system operator approved the application of ${coop}: the extended level is on, and the Aifory virtual cards section is open in the business panel.`,
        };
      case 'rejected':
        return {
          subject: `Operator application rejected (${coop})`,
          text: `The payment-system operator rejected the application of ${coop}. You may submit a new application in the business panel.${because}`,
        };
    }
  },
};

export function renderApplicationMail(
  template: ApplicationMailTemplate,
  locale: Locale,
): RenderedMail {
  return renderCoopMail(render, template, locale);
}
