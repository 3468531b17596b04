import { ru as activity } from './activity/messages';
import { ru as contributions } from './contributions/messages';
import { ru as virtualCards } from './virtual-cards/messages';
import { ru as meetings } from './meetings/messages';
import { ru as recommendations } from './recommendations/messages';
// The `member` namespace (the member's home, /member): Russian, the source of its keys.
export const ru = {
  home: {
    title: 'Кабинет',
    lead: 'Ваша карта, аккаунты в кооперативах и кто читал ваши данные — на одной странице.',
    retry: 'Повторить',
    loading: 'Загрузка…',
    edit: 'Изменить карту',
    card: {
      title: 'Моя карта',
      none: 'Карты пока нет. Выпустите её один раз — и передавайте кооперативам с вашего согласия.',
      issue: 'Выпустить карту',
      loadFailed: 'Карта не загрузилась',
      kind: 'Вид карты',
      completeness: 'Заполнена',
      complete: 'Все поля карты заполнены.',
      missing: 'Не заполнено: {{fields}}',
      more: 'и ещё {{count}}',
      updated: 'Последнее изменение',
    },
    accounts: {
      title: 'Аккаунты в кооперативах',
      none: 'Аккаунтов пока нет. Откройте аккаунт в кооперативе или подайте заявку на его сайте.',
      loadFailed: 'Аккаунты не загрузились',
      awaiting: 'ожидает подтверждения',
      confirmed: 'членство подтверждено',
      closed: 'закрыт',
      manage: 'Все аккаунты',
    },
    reads: {
      title: 'Кто читал мои данные',
      none: 'Ни один кооператив ещё не читал ваши данные.',
      loadFailed: 'Доступы не загрузились',
      read: 'Последнее чтение: {{date}}',
      count_one: '{{count}} раз',
      count_few: '{{count}} раза',
      count_many: '{{count}} раз',
      count_other: '{{count}} раза',
      manage: 'Все доступы',
    },
    security: {
      title: 'Последние события безопасности',
      none: 'Событий пока нет.',
      loadFailed: 'История не загрузилась',
      manage: 'Вся история',
    },
    links: {
      title: 'Быстрые ссылки',
      card: 'Карта пайщика',
      accounts: 'Аккаунты в кооперативах',
      access: 'Доступы к данным',
      security: 'Безопасность',
      activity: 'Активность и входы',
      admin: 'Администрирование платформы',
      business: 'Бизнес-панель кооператива',
      help: 'Помощь',
    },
  },
  tour: {
    label: 'Знакомство с CARD.COOP',
    step: 'Шаг {{step}} из {{total}}',
    next: 'Дальше',
    back: 'Назад',
    done: 'Готово',
    skip: 'Пропустить',
    card: {
      title: 'Ваша карта пайщика',
      text: 'Карта — это ваши данные для кооперативов: ФИО, паспорт, адрес. Она зашифрована на вашем устройстве, сервер не может её прочитать. Заполните её один раз.',
    },
    kit: {
      title: 'Набор восстановления',
      text: 'Набор восстановления — единственный способ вернуть карту, если вы забудете пароль. Храните его отдельно от пароля: без него забытый пароль означает потерю карты.',
    },
    sharing: {
      title: 'Передача и отзыв',
      text: 'Кооператив получает только те поля, на которые вы согласились. На странице «Доступы» видно, кто и когда читал данные; отзыв доступа удаляет переданную копию.',
    },
    security: {
      title: 'Безопасность',
      text: 'Включите двухфакторную защиту, проверяйте сеансы и историю входов. Если увидите незнакомое устройство — завершите его сеанс и смените пароль.',
    },
  },
  meetings,
  contributions,
  virtualCards,
  activity,
  recommendations,
};
