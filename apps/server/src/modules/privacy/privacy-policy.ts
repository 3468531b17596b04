import type { PrivacyPolicy } from '@cardcoop/contracts';

/**
 * The privacy policy in force. A new version gets a new `version`; registration requires
 * consent to the current one, and every consent records the version it was given to.
 */
export const CURRENT_PRIVACY_POLICY: PrivacyPolicy = {
  version: '2026-11-01',
  published_at: '2026-11-01T00:00:00.000Z',
  documents: {
    ru: {
      title: 'Политика конфиденциальности CARD.COOP',
      body: [
        'CARD.COOP хранит карту пайщика в зашифрованном виде. Шифрование выполняется на вашем устройстве ключом, который знаете только вы; сервер не получает ни пароль, ни ключи, ни содержимое карты.',
        'Сервер хранит: адрес электронной почты (в зашифрованном виде и в виде хеша для поиска), зашифрованные IP-адреса входов, журнал событий безопасности и данные, которые вы сами передали кооперативам (зашифрованные ключом кооператива).',
        'Данные передаются кооперативу только с вашего явного согласия. Вы видите, у кого есть доступ, и можете отозвать его в любой момент.',
        'Вы можете удалить учётную запись; после этого карта, доступы и ключи удаляются безвозвратно.',
      ].join('\n\n'),
    },
    en: {
      title: 'CARD.COOP privacy policy',
      body: [
        'CARD.COOP stores your member card encrypted. Encryption happens on your device with a key only you know; the server never receives your password, your keys or the card contents.',
        'The server keeps: your e-mail address (encrypted, plus a hash for lookup), encrypted sign-in IP addresses, a security event log, and the data you chose to share with cooperatives (encrypted to the cooperative’s key).',
        'Data reaches a cooperative only with your explicit consent. You see who has access and can revoke it at any time.',
        'You can delete your account; the card, grants and keys are then deleted for good.',
      ].join('\n\n'),
    },
  },
};
