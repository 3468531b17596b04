import type { Messages } from '../../../lib/i18n/messages';

export const ru = {
  connect: {
    title: 'Передача данных кооперативу',
    heading: 'Кооператив просит данные вашей карты',
    lead: 'Вы увидите, какие именно данные просит кооператив, и сами решите, передавать ли их. Без вашего согласия он ничего не получит.',
    checking: 'Проверяем запрос кооператива…',
    cancel: 'Отказаться и вернуться в кооператив',
  },
  signIn: {
    heading: 'Войдите в card.coop',
    choose: 'Вход или регистрация',
    login: 'У меня есть карта',
    register: 'Я здесь впервые',
    embedNote:
      'Во встроенном окне вход не запоминается, поэтому войти нужно при каждом визите. Пароль не покидает ваше устройство.',
  },
  steps: {
    'reading-card': 'Открываем вашу карту на этом устройстве…',
    'creating-account':
      'Создаём ваш аккаунт в кооперативе: ключ подписи появляется на этом устройстве и хранится только в зашифрованном виде…',
    'checking-key': 'Проверяем ключ шифрования кооператива…',
    sharing: 'Подписываем данные вашим ключом и шифруем их ключом кооператива…',
  },
  noCard: {
    heading: 'Сначала выпустите карту пайщика',
    text: 'Кооператив получает данные из карты пайщика, а у вас её ещё нет. Заполните карту — после сохранения вы вернётесь сюда.',
    embedText:
      'Кооператив получает данные из карты пайщика, а у вас её ещё нет. Выпустите карту на card.coop в новой вкладке, затем вернитесь сюда и нажмите «Проверить снова».',
    create: 'Выпустить карту',
    createInNewTab: 'Выпустить карту на card.coop (в новой вкладке)',
    retry: 'Проверить снова',
  },
  notMember: {
    heading: 'Вы не пайщик этого кооператива',
    text: 'Этот кооператив принимает данные только от подтверждённых пайщиков. Чтобы вступить, обратитесь в кооператив: после подтверждения членства вы сможете передать данные.',
  },
  failed: {
    heading: 'Не получилось подготовить передачу',
    retry: 'Попробовать снова',
  },
  consent: {
    heading: 'Что получит кооператив',
    applicantTitle: 'Вы вступаете как заявитель',
    applicant:
      'Вы ещё не пайщик этого кооператива. Кооператив рассмотрит переданные данные и решит, принять ли вас.',
    fingerprint: 'Отпечаток ключа кооператива',
    fingerprintHint:
      'Данные будут зашифрованы на этом устройстве ключом кооператива: прочитать их сможет только он, card.coop — нет. Отпечаток должен совпадать с указанным на сайте кооператива.',
    fields: 'Данные из вашей карты',
    fieldsHint: 'Снимите отметку с того, чем не хотите делиться.',
    missing:
      'Кооператив просит также: {{fields}}. Этого нет в вашей карте, поэтому не будет передано.',
    noneChosen: 'Отметьте хотя бы одно поле — или откажитесь от передачи.',
    nothingToShare: 'В вашей карте нет ни одного из запрошенных полей: передавать нечего.',
    account: 'Ваш аккаунт в кооперативе',
    accept: 'Передать отмеченное',
    decline: 'Отказаться',
  },
  done: {
    shared: 'Данные переданы',
    declined: 'Вы отказались',
    redirect: 'Возвращаем вас на сайт кооператива…',
    popup: 'Окно закроется само. Если нет — закройте его и вернитесь на сайт кооператива.',
    embed: 'Продолжайте на сайте кооператива.',
  },
  refusal: {
    title: 'Запрос не принят',
    malformed:
      'Ссылка на эту страницу неполная или повреждена — скорее всего, это ошибка на сайте кооператива.',
    invalid: 'Неверные или отсутствующие параметры: {{params}}.',
    noOpener:
      'Эта страница должна работать во всплывающем окне сайта кооператива, но связи с его окном нет. Закройте это окно и начните заново на сайте кооператива.',
    notFramed: 'Эта страница работает только во встроенном окне на сайте кооператива.',
    unregisteredCallback:
      'Кооператив {{coopname}} не регистрировал адрес возврата, на который просят отправить ваши данные. Ничего отправлено не будет.',
    unregisteredOrigin:
      'Кооператив {{coopname}} не регистрировал сайт, который просит ваши данные. Ничего отправлено не будет.',
    unknown: 'Кооператив {{coopname}} не найден на card.coop или его работа приостановлена.',
    address: 'Адрес из запроса:',
    phishing:
      'Если вы пришли сюда с сайта кооператива, сообщите ему об ошибке. Если по ссылке из письма или сообщения — возможно, кто-то пытается получить ваши данные.',
    retry: 'Повторить',
    home: 'Перейти в card.coop',
  },
  params: {
    coopname: 'кооператив (coopname)',
    callback: 'адрес возврата (callback)',
    origin: 'адрес сайта (origin)',
    state: 'state',
    code_challenge: 'code_challenge',
    code_challenge_method: 'code_challenge_method (нужен S256)',
    response_mode: 'response_mode',
  },
  page: {
    title: 'Доступы к данным',
    lead: 'Кооперативы, которым вы передали данные своей карты. Если отозвать доступ, переданная копия удаляется с card.coop и кооператив больше не сможет её получить. То, что кооператив уже получил, остаётся у него по договору с пайщиками.',
    empty: 'Вы ещё никому не передавали данные.',
    retry: 'Попробовать снова',
    sharedAt: 'Переданы',
    lastRead: 'Последнее чтение кооперативом',
    neverRead: 'ещё не читал',
    reads: 'Сколько раз прочитаны',
    account: 'Ваш аккаунт · кооператив',
    revoke: 'Отозвать доступ',
    revokeNamed: 'Отозвать доступ: {{cooperative}}',
    confirmTitle: 'Отозвать доступ?',
    confirmText:
      '{{cooperative}} больше не сможет получить ваши данные с card.coop: переданная копия будет удалена. Чтобы снова поделиться данными, понадобится новое согласие.',
    confirm: 'Отозвать',
    revoked: 'Доступ отозван: {{cooperative}}.',
  },
};

export const en: Messages<typeof ru> = {
  connect: {
    title: 'Sharing data with a cooperative',
    heading: 'A cooperative asks for your card data',
    lead: 'You will see exactly which data the cooperative asks for, and decide yourself whether to share it. Without your consent it receives nothing.',
    checking: 'Checking the cooperative’s request…',
    cancel: 'Decline and return to the cooperative',
  },
  signIn: {
    heading: 'Sign in to card.coop',
    choose: 'Sign in or register',
    login: 'I have a card',
    register: 'I am new here',
    embedNote:
      'Signing in is not remembered inside an embedded window, so sign in on every visit. Your password never leaves your device.',
  },
  steps: {
    'reading-card': 'Opening your card on this device…',
    'creating-account':
      'Creating your account in the cooperative: its signing key is made on this device and stored only encrypted…',
    'checking-key': 'Checking the cooperative’s encryption key…',
    sharing: 'Signing the data with your key and encrypting it to the cooperative’s key…',
  },
  noCard: {
    heading: 'Issue your member card first',
    text: 'The cooperative receives data from your member card, and you do not have one yet. Fill in your card — once it is saved you will come back here.',
    embedText:
      'The cooperative receives data from your member card, and you do not have one yet. Issue your card on card.coop in a new tab, then come back here and press “Check again”.',
    create: 'Issue a card',
    createInNewTab: 'Issue a card on card.coop (in a new tab)',
    retry: 'Check again',
  },
  notMember: {
    heading: 'You are not a member of this cooperative',
    text: 'This cooperative accepts data from confirmed members only. To join, contact the cooperative: once your membership is confirmed you can share your data.',
  },
  failed: {
    heading: 'Could not prepare the sharing',
    retry: 'Try again',
  },
  consent: {
    heading: 'What the cooperative will receive',
    applicantTitle: 'You are applying to join',
    applicant:
      'You are not a member of this cooperative yet. The cooperative will review the data you share and decide whether to admit you.',
    fingerprint: 'Cooperative’s key fingerprint',
    fingerprintHint:
      'Your data is encrypted on this device to the cooperative’s key: only the cooperative can read it, card.coop cannot. The fingerprint should match the one shown on the cooperative’s site.',
    fields: 'Data from your card',
    fieldsHint: 'Untick anything you do not want to share.',
    missing:
      'The cooperative also asks for: {{fields}}. Your card does not have these, so they will not be sent.',
    noneChosen: 'Tick at least one field — or decline.',
    nothingToShare: 'Your card has none of the requested fields: there is nothing to share.',
    account: 'Your account in the cooperative',
    accept: 'Share what is ticked',
    decline: 'Decline',
  },
  done: {
    shared: 'Your data was shared',
    declined: 'You declined',
    redirect: 'Taking you back to the cooperative’s site…',
    popup:
      'This window closes by itself. If it does not, close it and return to the cooperative’s site.',
    embed: 'Carry on on the cooperative’s site.',
  },
  refusal: {
    title: 'Request refused',
    malformed:
      'The link to this page is incomplete or damaged — most likely a mistake on the cooperative’s site.',
    invalid: 'Invalid or missing parameters: {{params}}.',
    noOpener:
      'This page should run in a popup of the cooperative’s site, but it has no connection to that window. Close this window and start again on the cooperative’s site.',
    notFramed: 'This page only works inside an embedded window on a cooperative’s site.',
    unregisteredCallback:
      'The cooperative {{coopname}} has not registered the return address your data is asked to go to. Nothing will be sent.',
    unregisteredOrigin:
      'The cooperative {{coopname}} has not registered the site asking for your data. Nothing will be sent.',
    unknown: 'The cooperative {{coopname}} is not on card.coop, or it is suspended.',
    address: 'Address in the request:',
    phishing:
      'If you came here from the cooperative’s site, tell them about the error. If you followed a link from an e-mail or a message, someone may be trying to get your data.',
    retry: 'Retry',
    home: 'Go to card.coop',
  },
  params: {
    coopname: 'cooperative (coopname)',
    callback: 'return address (callback)',
    origin: 'site address (origin)',
    state: 'state',
    code_challenge: 'code_challenge',
    code_challenge_method: 'code_challenge_method (S256 required)',
    response_mode: 'response_mode',
  },
  page: {
    title: 'Access to your data',
    lead: 'The cooperatives you shared your card data with. Revoking access deletes the shared copy from card.coop, and the cooperative can no longer fetch it. Whatever the cooperative has already received stays with it under the members’ agreement.',
    empty: 'You have not shared your data with anyone yet.',
    retry: 'Try again',
    sharedAt: 'Shared',
    lastRead: 'Last read by the cooperative',
    neverRead: 'not read yet',
    reads: 'Times read',
    account: 'Your account · cooperative',
    revoke: 'Revoke access',
    revokeNamed: 'Revoke access: {{cooperative}}',
    confirmTitle: 'Revoke access?',
    confirmText:
      '{{cooperative}} will no longer be able to fetch your data from card.coop: the shared copy will be deleted. To share again, you will need to consent again.',
    confirm: 'Revoke',
    revoked: 'Access revoked: {{cooperative}}.',
  },
};
