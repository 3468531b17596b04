import type { Messages } from '../../../lib/i18n/messages';
import type { ru } from './messages';

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
    'checking-key': 'Checking the cooperative’s encryption key…',
    sharing: 'Signing the data with your key and encrypting it to the cooperative’s key…',
    renewing:
      'You have already consented: sending the cooperative fresh values of the same fields and signing you in…',
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
    heading: 'Consent to share personal data',
    lead: 'You decide which data from your card the cooperative receives. Read the terms and untick anything you do not want to share.',
    applicantTitle: 'You are applying to join',
    applicant:
      'You are not a member of this cooperative yet. The cooperative will review the data you share and decide whether to admit you.',
    terms: 'Terms of the consent',
    recipient: 'Who receives the data',
    purpose: 'Purpose',
    defaultPurpose: 'membership application and the member register',
    actions: 'What the cooperative may do with it',
    actionsValue:
      'collect, record, organise, store, update, use and erase it — within the purpose only',
    term: 'Valid',
    termValue: 'until you revoke it',
    revocation: 'How to revoke',
    revocationText: 'At any time, with no reason needed, on the',
    revocationLink: 'Access page of card.coop',
    revocationEffect:
      'The copy shared through card.coop is deleted, and the cooperative can no longer fetch it.',
    fingerprint: 'Cooperative’s key fingerprint',
    fingerprintHint:
      'Your data is encrypted on this device to the cooperative’s key: only the cooperative can read it, card.coop cannot. The fingerprint should match the one shown on the cooperative’s site.',
    fields: 'Data from your card',
    fieldsHint: 'Untick anything you do not want to share.',
    missing:
      'The cooperative also asks for: {{fields}}. Your card does not have these, so they will not be sent.',
    noneChosen:
      'Nothing is ticked, so there is nothing to share: tick at least one field — or decline.',
    nothingToShare: 'Your card has none of the requested fields: there is nothing to share.',
    account: 'Your account in the cooperative',
    newAccountTitle: 'An account in the cooperative will be opened',
    newAccount:
      'You have no account in this cooperative yet. When you press “Share what is ticked”, card.coop opens one: your username in the cooperative and its signing key are made on this device. If you decline, nothing is created.',
    accountOpenedMeanwhile:
      'While you were reading, your account in this cooperative was opened in another tab or on another device. Nothing was shared: check the terms and press “Share what is ticked” again.',
    declaration:
      'By pressing “Share what is ticked” you consent to the recipient processing the ticked personal data on these terms.',
    logoAlt: 'Logo of {{name}}',
    site: 'Cooperative’s site',
    about: 'About the cooperative',
    reason: 'Why: {{reason}}',
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
    redirect_uri: 'return address (redirect_uri)',
    origin: 'site address (origin)',
    state: 'state',
    code_challenge: 'code_challenge',
    code_challenge_method: 'code_challenge_method (S256 required)',
    response_mode: 'response_mode',
    prompt: 'prompt (only none is allowed)',
  },
  page: {
    title: 'Access to your data',
    lead: 'The cooperatives you shared your card data with, and what exactly they received. Revoking access deletes the shared copy from card.coop, and the cooperative can no longer fetch it. Whatever the cooperative has already received stays with it under the members’ agreement. Revoked access stays listed as history.',
    empty: 'You have not shared your data with anyone yet.',
    retry: 'Try again',
    live: 'Have access now',
    noneLive: 'No cooperative has access to your data now.',
    history: 'Revoked access',
    revokedBadge: 'Revoked',
    fields: 'Data the cooperative holds',
    notRecorded: 'not recorded (shared before card.coop kept this)',
    sharedAt: 'Shared',
    revokedAt: 'Access revoked',
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
  accounts: {
    open: 'Open',
    openNamed: 'Open the “{{name}}” site',
    close: 'Close account',
    closeNamed: 'Close account in “{{name}}”',
    confirmTitle: 'Close the account in “{{name}}”?',
    confirmText:
      'The cooperative’s access to your data will be revoked, and the cooperative is told the account is closed. The username {{username}} will never be used again — by you or anyone else. Closing cannot be undone.',
    confirm: 'Close account',
    closed:
      'The account in “{{name}}” is closed; the cooperative’s access to your data is revoked.',
    closedBadge: 'Closed',
    closedAt: 'Closed',
    closedText:
      'The account is closed: the cooperative no longer receives your data, and the username will not be used again.',
  },
};
