// @ts-check
import { appendCookie, parseCookies, serializeCookie } from './sessions.js';

/** @typedef {'ru' | 'en'} Lang */

export const LANG_COOKIE = 'coopsite_lang';

/**
 * @typedef {{ title: string; text: string }} ErrorText
 */

const ru = {
  htmlLang: 'ru',
  skip: 'К содержанию',
  langNav: 'Язык',
  otherLang: /** @type {Lang} */ ('en'),
  otherLangName: 'English',
  lead:
    'Пример сайта потребительского кооператива. Вступите через card.coop: данные вашей карточки ' +
    'пайщика шифруются на вашем устройстве ключом кооператива, card.coop их не видит.',
  join: 'Вступить в кооператив через card.coop',
  joinHint:
    'Вы перейдёте на card.coop, увидите, какие данные просит кооператив, и решите, передавать ли их.',
  widget: {
    heading: 'Или не уходя с сайта',
    hint:
      'card.coop откроется в отдельном окне — там виден его настоящий адрес, поэтому так надёжнее — ' +
      'или прямо на этой странице.',
    popup: 'Вступить через всплывающее окно',
    iframe: 'Вступить во встроенном окне',
    waiting: 'Продолжите в окне card.coop…',
    received: 'Данные получены, открываем их…',
    closed: 'Окно card.coop закрыто, данные не переданы. Можно начать заново.',
    blocked:
      'Браузер не дал открыть окно. Разрешите всплывающие окна для этого сайта или вступите во встроенном окне.',
    failed: 'Не получилось начать вступление. Обновите страницу и попробуйте ещё раз.',
  },
  aboutHeading: 'О кооперативе',
  coopname: 'Аккаунт кооператива',
  fingerprint: 'Отпечаток ключа данных',
  fingerprintHint: 'Сверьте его с отпечатком на экране согласия card.coop.',
  server: 'Сервер card.coop',
  membersHeading: 'Пайщики, вступившие через сайт',
  membersEmpty: 'Пока никого — станьте первым.',
  name: 'Имя',
  account: 'Аккаунт',
  joinedAt: 'Вступил(а)',
  /** @param {string} name */
  welcome: (name) => (name ? `Добро пожаловать, ${name}!` : 'Добро пожаловать!'),
  welcomeLead:
    'Кооператив получил ваши данные через card.coop, расшифровал их своим ключом и проверил ' +
    'вашу подпись. Вы приняты: card.coop теперь знает вас как пайщика.',
  testShareTitle: 'Проверка подключения card.coop',
  testShareLead:
    'Это тестовая передача из бизнес-панели card.coop: данные тестового пайщика получены, ' +
    'расшифрованы и проверены, как при настоящем вступлении. Никто не принят.',
  receivedHeading: 'Полученные данные',
  username: 'Имя аккаунта (username)',
  memberKey: 'Открытый ключ пайщика',
  signedAt: 'Подписано',
  home: 'На главную',
  again: 'Начать заново',
  errorCode: 'Код',
  footer:
    'Пример интеграции card.coop. Данные пайщиков лежат в .state/members.json; настоящий ' +
    'кооператив хранит их в своей базе.',
  /** @type {Record<string, string>} */
  fields: {
    last_name: 'Фамилия',
    first_name: 'Имя',
    middle_name: 'Отчество',
    birthdate: 'Дата рождения',
    phone: 'Телефон',
    email: 'Эл. почта',
    full_address: 'Адрес',
  },
  errors: {
    declined: {
      title: 'Вы отказались передавать данные',
      text: 'Кооператив ничего не получил. Вступить можно в любой момент.',
    },
    state_mismatch: {
      title: 'Ответ не относится к вашему запросу',
      text: 'Параметр state не совпал с выданным этим сайтом. Начните вступление заново.',
    },
    session_expired: {
      title: 'Запрос на вступление не найден',
      text: 'Он действует 15 минут и используется один раз, и для него нужны cookie. Начните заново.',
    },
    bad_callback: {
      title: 'Неполный ответ card.coop',
      text: 'В адресе нет билета (ticket) или параметра state.',
    },
    invalid_grant: {
      title: 'Билет card.coop недействителен',
      text: 'Он уже использован, истёк (билет живёт 2 минуты) или выдан другому запросу.',
    },
    untrusted: {
      title: 'Данные не прошли проверку',
      text: 'Они не открылись ключом кооператива, или подпись пайщика не сходится. Мы их не сохранили.',
    },
    refused: {
      title: 'card.coop отклонил запрос кооператива',
      text: 'Проверьте регистрацию кооператива и его ключ клиента (перезапуск сайта их обновит).',
    },
    cardcoop_error: {
      title: 'card.coop сообщил об ошибке',
      text: 'Вступление не завершено. Попробуйте ещё раз.',
    },
    unreachable: { title: 'card.coop недоступен', text: 'Попробуйте чуть позже.' },
    not_found: { title: 'Страница не найдена', text: 'Такой страницы на сайте нет.' },
    method: { title: 'Метод не поддерживается', text: 'Этот адрес не принимает такой запрос.' },
    bad_request: {
      title: 'Запрос не разобран',
      text: 'Сайт ждал форму с билетом card.coop (не больше 8 КБ).',
    },
    starting: { title: 'Сайт запускается', text: 'Обновите страницу через несколько секунд.' },
    internal: {
      title: 'Что-то пошло не так',
      text: 'Ошибка записана в журнал. Попробуйте ещё раз.',
    },
  },
};

/** @type {typeof ru} */
const en = {
  htmlLang: 'en',
  skip: 'Skip to content',
  langNav: 'Language',
  otherLang: 'ru',
  otherLangName: 'Русский',
  lead:
    "An example consumer cooperative's site. Join with card.coop: your member card's data is " +
    "encrypted on your device to the cooperative's key; card.coop cannot read it.",
  join: 'Join the cooperative with card.coop',
  joinHint:
    'You go to card.coop, see which data the cooperative asks for, and decide whether to share it.',
  widget: {
    heading: 'Or without leaving this site',
    hint:
      'card.coop opens in a separate window — where you see its real address, which is safer — ' +
      'or right on this page.',
    popup: 'Join in a popup window',
    iframe: 'Join in an embedded window',
    waiting: 'Carry on in the card.coop window…',
    received: 'Data received, opening it…',
    closed: 'The card.coop window was closed; nothing was shared. You can start again.',
    blocked:
      'The browser blocked the window. Allow popups for this site, or join in the embedded window.',
    failed: 'Joining could not start. Reload the page and try again.',
  },
  aboutHeading: 'About the cooperative',
  coopname: 'Cooperative account',
  fingerprint: 'Data key fingerprint',
  fingerprintHint: "Compare it with the fingerprint on card.coop's consent screen.",
  server: 'card.coop server',
  membersHeading: 'Members who joined through this site',
  membersEmpty: 'Nobody yet — be the first.',
  name: 'Name',
  account: 'Account',
  joinedAt: 'Joined',
  welcome: (name) => (name ? `Welcome, ${name}!` : 'Welcome!'),
  welcomeLead:
    'The cooperative received your data through card.coop, decrypted it with its own key and ' +
    'checked your signature. You are admitted: card.coop now knows you as a member.',
  testShareTitle: 'card.coop connection test',
  testShareLead:
    "A test share from card.coop's business panel: the test member's data was received, " +
    'decrypted and checked as on a real application. Nobody was admitted.',
  receivedHeading: 'Data received',
  username: 'Account name (username)',
  memberKey: "Member's public key",
  signedAt: 'Signed at',
  home: 'Home',
  again: 'Start again',
  errorCode: 'Code',
  footer:
    "A card.coop integration example. Members' data is kept in .state/members.json; a real " +
    'cooperative keeps it in its own database.',
  fields: {
    last_name: 'Last name',
    first_name: 'First name',
    middle_name: 'Middle name',
    birthdate: 'Date of birth',
    phone: 'Phone',
    email: 'E-mail',
    full_address: 'Address',
  },
  errors: {
    declined: {
      title: 'You declined to share your data',
      text: 'The cooperative received nothing. You can join any time.',
    },
    state_mismatch: {
      title: 'This answer is not for your request',
      text: 'Its state does not match the one this site issued. Please start again.',
    },
    session_expired: {
      title: 'No join request found',
      text: 'A request lasts 15 minutes, is answered once and needs cookies. Please start again.',
    },
    bad_callback: {
      title: 'Incomplete answer from card.coop',
      text: 'The address has no ticket or no state.',
    },
    invalid_grant: {
      title: 'The card.coop ticket is not valid',
      text: 'It was used already, expired (tickets last 2 minutes) or belongs to another request.',
    },
    untrusted: {
      title: 'The data failed verification',
      text: "It did not open with the cooperative's key, or the member's signature does not match. Nothing was saved.",
    },
    refused: {
      title: "card.coop refused the cooperative's request",
      text: "Check the cooperative's registration and client secret (restarting the site renews them).",
    },
    cardcoop_error: {
      title: 'card.coop reported an error',
      text: 'Joining did not complete. Please try again.',
    },
    unreachable: { title: 'card.coop is unreachable', text: 'Please try again shortly.' },
    not_found: { title: 'Page not found', text: 'There is no such page on this site.' },
    method: { title: 'Method not allowed', text: 'This address does not take such a request.' },
    bad_request: {
      title: 'Request not understood',
      text: 'The site expected a form with a card.coop ticket (8 KB at most).',
    },
    starting: { title: 'The site is starting', text: 'Reload the page in a few seconds.' },
    internal: { title: 'Something went wrong', text: 'The error was logged. Please try again.' },
  },
};

/** @typedef {typeof ru} Messages */
/** @typedef {keyof Messages['errors']} ErrorKey */

/** @type {Record<Lang, Messages>} */
export const MESSAGES = { ru, en };

/**
 * Russian first: `?lang=` (remembered in a cookie), then that cookie, then Accept-Language.
 *
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 * @param {URL} url
 * @param {boolean} secureCookie
 * @returns {Lang}
 */
export function chooseLang(request, response, url, secureCookie) {
  const asked = url.searchParams.get('lang');
  if (asked === 'ru' || asked === 'en') {
    appendCookie(
      response,
      serializeCookie(LANG_COOKIE, asked, { maxAgeSeconds: 365 * 86_400, secure: secureCookie }),
    );
    return asked;
  }
  const remembered = parseCookies(request.headers.cookie)[LANG_COOKIE];
  if (remembered === 'ru' || remembered === 'en') return remembered;
  return preferredLang(request.headers['accept-language']);
}

/**
 * The first of ru/en in Accept-Language by quality; Russian when neither is there.
 *
 * @param {string | undefined} header
 * @returns {Lang}
 */
export function preferredLang(header) {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q === undefined ? 1 : Number(q.slice(2)) || 0, index };
    })
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'ru' || tag.startsWith('ru-')) return 'ru';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'ru';
}
