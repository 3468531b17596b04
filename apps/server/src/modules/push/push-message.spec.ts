import { describe, expect, it } from 'vitest';
import type { MailNotice } from '../notifications/notice-mail.js';
import { pushMessage } from './push-message.js';
import { isPushServiceHost } from './push-subscriptions.service.js';

const meeting = {
  type: 'meeting.announced',
  data: { meeting_id: 'm-1', title: 'Общее собрание', starts_at: '2026-12-20T12:00:00+03:00' },
  display_name: 'ПК Восход',
} as MailNotice;

describe('push messages', () => {
  it('say what the notice’s e-mail says, in the member’s language, and open the centre', () => {
    expect(pushMessage(meeting, 'ru')).toEqual({
      type: 'meeting.announced',
      title: 'CARD.COOP',
      body: 'Кооператив «ПК Восход» назначил собрание «Общее собрание» на 20 декабря 2026 г. в 09:00 UTC.',
      url: '/member/notifications',
    });
    expect(pushMessage(meeting, 'en').body).toBe(
      'ПК Восход called the meeting "Общее собрание" for December 20, 2026 at 9:00 AM UTC.',
    );
  });

  it('title security notices as such', () => {
    const notice = { type: 'security.email_changed', data: {}, display_name: null } as MailNotice;
    expect(pushMessage(notice, 'ru')).toMatchObject({
      title: 'CARD.COOP: безопасность',
      body: 'Адрес почты изменён.',
    });
  });
});

describe('push service hosts', () => {
  const allowed = ['fcm.googleapis.com', 'notify.windows.com'];
  it('allows the hosts listed and their subdomains only', () => {
    expect(isPushServiceHost('fcm.googleapis.com', allowed)).toBe(true);
    expect(isPushServiceHost('wns2-db5p.notify.windows.com', allowed)).toBe(true);
    expect(isPushServiceHost('evilfcm.googleapis.com.example', allowed)).toBe(false);
    expect(isPushServiceHost('xnotify.windows.com', allowed)).toBe(false);
    expect(isPushServiceHost('127.0.0.1', allowed)).toBe(false);
  });
});
