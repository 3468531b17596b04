import type { Messages } from '../../lib/i18n/messages';
import type { ru } from './messages';

export const en: Messages<typeof ru> = {
  title: 'Help',
  lead: 'Answers to common questions about the member card, how it is protected and how data reaches cooperatives.',
  contents: 'Questions',
  tour: {
    title: 'Getting to know CARD.COOP',
    text: 'A short overview: the card, the Recovery Kit, sharing and revoking, security.',
    replay: 'Replay the tour',
  },
  topics: {
    card: {
      question: 'What is the member card?',
      answer:
        'Your personal data in one encrypted card: name, passport, addresses, bank details. You fill it in once, then share it with cooperatives, only when you agree and only the fields they need. There are three kinds of card: an individual, a sole proprietor and an organization.',
    },
    zeroKnowledge: {
      question: 'What does "zero-knowledge" mean?',
      answer:
        'Your password never leaves your device: sign-in is checked in a way that does not tell the server the password. The card is encrypted on the device with a key derived from the password, so the server keeps only encrypted data it cannot read. Not even the service administrator sees what is in the card.',
    },
    recoveryKit: {
      question: 'Why do I need the Recovery Kit?',
      answer:
        'Since the server does not know your password, it cannot reset it and give the card back. The Recovery Kit is a key that opens the card without the password. Save it when you register (print it or write it down) and keep it apart from the password. Lost it? Issue a new one on the Security page.',
    },
    sharing: {
      question: 'How do I share data with a cooperative, and revoke it?',
      answer:
        'A cooperative asks for data from its site; you see which fields it asks for and why, and confirm. The data is encrypted with that cooperative’s key. The Access page shows who read your data, when and how many times. Revoking deletes the copy the cooperative was given; it can no longer read it.',
    },
    closeAccount: {
      question: 'How do I close an account in a cooperative?',
      answer:
        'On the Accounts page, press "Close account" next to the cooperative. Its access to your data is revoked at the same time. A closed account stays listed with the date it was closed; its name is never given to anyone else.',
    },
    deleteAccount: {
      question: 'How do I delete my account?',
      answer:
        'On the Security page, ask for deletion and confirm it with the code from the e-mail. Deletion is not immediate: you can cancel it during the waiting period. Then the card, access grants and keys are erased, and your accounts in cooperatives are closed.',
    },
    twoFactor: {
      question: 'What is two-factor protection?',
      answer:
        'Besides the password, signing in needs a code from an authenticator app on your phone. Turn it on on the Security page and keep the backup codes: they let you in when the phone is not at hand.',
    },
    serverSees: {
      question: 'What does the server see?',
      answer:
        'The server sees your e-mail address, when you signed in and from which devices, which cooperatives you have accounts in and whom you shared data with. It does not see the password, the keys, or what is in the card and the shared copies: they are encrypted.',
    },
  },
};
