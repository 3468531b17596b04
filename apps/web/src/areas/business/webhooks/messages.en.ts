import type { Messages } from '../../../lib/i18n/messages';
import type { ru } from './messages';

export const en: Messages<typeof ru> = {
  title: 'Webhooks',
  lead: 'CARD.COOP tells the cooperative’s server about events: a member shared data or revoked access, opened or closed an account, a membership changed, a payment was confirmed.',
  readOnly: 'You are a viewer: you see the endpoints and the delivery log but cannot change them.',
  help: {
    title: 'How to verify the signature',
    text: 'Every request is signed per Standard Webhooks: the webhook-id header (the event’s id — the same on retries, dedupe on it), webhook-timestamp and webhook-signature (HMAC-SHA256 under the whsec_… secret), plus x-cardcoop-k1-signature, a K1 signature for MONO. Verify requests with verifyWebhook of @cardcoop/sdk/coop or the standardwebhooks package. Answer 2xx within 10 seconds, or the delivery is retried.',
    docs: 'Details: docs/integration.md, section “Webhooks”, and the API documentation',
  },
  events: {
    label: 'Events',
    'grant.created': 'A member shared data (grant.created)',
    'grant.revoked': 'Access revoked (grant.revoked)',
    'account.opened': 'Account opened (account.opened)',
    'account.closed': 'Account closed (account.closed)',
    'membership.changed': 'Membership changed (membership.changed)',
    'payment.confirmed': 'Payment confirmed (payment.confirmed)',
    required: 'Choose at least one event.',
  },
  url: {
    label: 'URL',
    hint: 'https://… (http:// only for localhost while developing)',
    invalid:
      'The URL must start with https:// (http:// only for localhost), without user or password.',
  },
  create: {
    title: 'New endpoint',
    submit: 'Add endpoint',
    busy: 'Adding the endpoint…',
    limit: 'At most {{max}} endpoints.',
  },
  secret: {
    title: 'Signing secret',
    label: 'Signing secret of {{url}}',
    done: 'I saved the secret',
  },
  list: {
    title: 'Endpoints',
    empty: 'No endpoints yet.',
  },
  status: {
    enabled: 'Enabled',
    disabled: 'Disabled',
    reason: {
      gone: 'the receiver answered 410',
      failing: 'failing for 3 days',
      staff: 'turned off by staff',
    },
  },
  actions: {
    edit: 'Edit',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    enable: 'Enable',
    disable: 'Disable',
    remove: 'Delete',
    rotate: 'New secret',
    rotating: 'Replacing the secret…',
    test: 'Send a test event',
    testing: 'Sending…',
    tested: 'Test event queued: {{id}}',
    deliveries: 'Delivery log',
    hideDeliveries: 'Hide the log',
  },
  remove: {
    title: 'Delete the endpoint?',
    text: 'The endpoint {{url}} and its delivery log will be deleted. No more events will be sent to it.',
  },
  rotate: {
    title: 'Replace the signing secret?',
    text: 'A new secret is issued for {{url}} and the old one stops signing events at once. Update the secret on the cooperative’s server right away.',
    confirm: 'Replace the secret',
  },
  deliveries: {
    title: 'Delivery log: {{url}}',
    empty: 'No deliveries yet.',
    more: 'Show more',
    refresh: 'Refresh',
    event: 'Event',
    type: 'Type',
    status: 'Status',
    attempts: 'Attempts',
    code: 'Status code',
    error: 'Error',
    next: 'Next attempt',
    delivered: 'Delivered',
    redeliver: 'Deliver again',
    redelivered: 'Queued',
    states: {
      pending: 'Queued',
      delivered: 'Delivered',
      failed: 'Not delivered',
    },
  },
};
