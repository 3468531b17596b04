import type { ru } from './ru';

import type { Messages } from './messages';

export type Resources = Messages<typeof ru>;

export const en: Resources = {
  app: {
    name: 'CARD.COOP',
    tagline: 'Member cards for consumer cooperatives',
    skipToContent: 'Skip to content',
    loading: 'Loading…',
    retry: 'Try again',
    loadFailed: 'Did not load',
  },
  nav: {
    label: 'Main navigation',
    home: 'Home',
    signedInAs: 'Signed in as',
    openMenu: 'Open menu',
    closeMenu: 'Close menu',
    help: 'Help',
    helpAbout: 'Help: {{section}}',
    notifications: 'Notifications, none unread',
    notificationsUnread_one: 'Notifications, {{count}} unread',
    notificationsUnread_few: 'Notifications, {{count}} unread',
    notificationsUnread_many: 'Notifications, {{count}} unread',
    notificationsUnread_other: 'Notifications, {{count}} unread',
    newNotification: 'New notification',
    member: {
      home: 'Home',
      card: 'Card',
      accounts: 'Accounts',
      contributions: 'Contributions',
      virtualCards: 'Virtual cards',
      meetings: 'Meetings',
      access: 'Access',
      security: 'Security',
    },
  },
  settings: {
    language: 'Interface language',
    switchToDark: 'Switch to dark theme',
    switchToLight: 'Switch to light theme',
  },
  home: {
    title: 'One member card for every cooperative',
    lead: 'CARD.COOP keeps your personal data in one encrypted member card: the server never sees your password, your keys or what the card contains. A cooperative receives your data only with your explicit consent, and you can see who has it and revoke access at any time.',
    areasTitle: 'Platform areas',
    register: 'Create a card',
    login: 'Sign in',
  },
  areas: {
    sectionsTitle: 'Sections',
    sectionsLabel: 'Sections: {{area}}',
    soon: 'soon',
    id: {
      title: 'My card',
      summary: 'Sign-in that never sends your password, and your member card vault.',
      description:
        'The zero-knowledge sign-in service and member card vault. Here you register with a code sent by e-mail, sign in, issue and edit your member card, consent to sharing data with a cooperative, and manage access grants and security settings: sessions, devices, two-factor authentication, password and Recovery Kit. It runs on its own, inside a frame on a cooperative’s site, or as a sign-in page that returns you to the cooperative’s site.',
      sections: {
        register: 'Registration',
        login: 'Sign in',
        card: 'Member card',
        grants: 'Access grants',
        security: 'Security',
      },
    },
    member: {
      title: 'Member dashboard',
      summary: 'Your card, cooperative accounts, contributions and meetings.',
      description:
        'The member’s dashboard: card overview, cooperative accounts with the cooperative’s name (where membership is confirmed), balances, sessions and devices, sign-in history, notification centre, quick entry to cooperative sites, a calendar of general meetings and events with iCal export, share contributions, reminders and an activity summary. Everything updates in real time.',
      sections: {
        overview: 'Card overview',
        accounts: 'Cooperative accounts',
        contributions: 'Contributions',
        meetings: 'Meetings and events',
        notifications: 'Notifications',
        sessions: 'Sessions and devices',
      },
    },
    business: {
      title: 'Business panel',
      summary: 'Connect your cooperative, see statistics, issue Aifory cards.',
      description:
        'The panel for cooperatives: integration settings (sites allowed to embed sign-in, callback URLs, client credentials, data encryption key), integration docs with copy-paste snippets, and registration and data-sharing statistics. At the extended level: an application to the payment-system operator, Aifory limits and issued cards, and financial reports. For the operator: reviewing applications and the master account.',
      sections: {
        integration: 'Integration',
        docs: 'Documentation',
        statistics: 'Statistics',
        aifory: 'Aifory cards',
        operator: 'Payment-system operator',
      },
    },
  },
  stepUp: {
    title: 'Confirm it is you',
    text: 'This action hands out secrets or changes rights. Enter the code from your authenticator app or a backup code.',
    passwordText:
      'This action hands out secrets or changes rights. Two-factor protection is off — enter your password.',
    password: 'Password',
    passwordRequired: 'Enter your password.',
    usePassword: 'Two-factor protection off? Confirm with the password',
    useCode: 'Confirm with a code',
    checking: 'Checking…',
    submit: 'Confirm',
    cancel: 'Cancel',
  },
  // A secret shown once (client secrets, webhook secrets): the business panel and /admin.
  secretOnce: {
    warning:
      'The secret is shown once. Copy it into your server’s secret store now — later it can only be replaced with a new one.',
    copy: 'Copy',
    copied: 'Copied',
    copyLabel: 'Copy: {{what}}',
  },
  maintenance: {
    label: 'Planned maintenance',
    upcoming: 'Planned maintenance',
    now: 'Maintenance in progress',
    when: 'From {{start}} to {{end}}. The service may be unavailable.',
    dismiss: 'Hide the maintenance notice',
  },
  notFound: {
    title: 'Page not found',
    text: 'There is no such page. The link may be out of date or the address may have a typo.',
    home: 'Go home',
  },
  error: {
    title: 'Something went wrong',
    text: 'The page failed to load. Reload it; if the error persists, try again later.',
    reload: 'Reload page',
    details: 'Details (shown in development only)',
  },
};
