import type { PushSubscriptionInput } from '@cardcoop/contracts';
import type { MemberClient } from '@cardcoop/sdk';
import { useCallback, useEffect, useState } from 'react';
import { serviceWorkerRegistration } from '../../../lib/service-worker';
import { deviceName } from '../../id/auth/device-name';

/**
 * This browser's push: `unsupported` (no service worker, Push API or notifications here),
 * `unavailable` (the server has no VAPID key), `blocked` (the member or browser denied the
 * permission), `dismissed` (the permission prompt was closed), `off`, `on`.
 */
export type PushState =
  'checking' | 'unsupported' | 'unavailable' | 'blocked' | 'dismissed' | 'off' | 'on';

const supported = () =>
  'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** The VAPID key as the bytes `pushManager.subscribe` takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function sameKey(subscription: PushSubscription, key: Uint8Array): boolean {
  const own = subscription.options.applicationServerKey;
  if (!own) return false;
  const bytes = new Uint8Array(own);
  return bytes.length === key.length && bytes.every((byte, index) => byte === key[index]);
}

/** What the server needs of the browser's subscription, and this device's name. */
function toInput(subscription: PushSubscription): PushSubscriptionInput {
  const { keys } = subscription.toJSON();
  const label = deviceName();
  return {
    endpoint: subscription.endpoint,
    keys: { p256dh: keys?.p256dh ?? '', auth: keys?.auth ?? '' },
    ...(label ? { label } : {}),
  };
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/**
 * The push switch of this browser: its state, and `enable` (asks the notification permission —
 * only ever from the member's click — subscribes with the server's key, registers it) and
 * `disable` (forgets it on the server, then in the browser).
 */
export function usePushDevice(member: MemberClient) {
  const [state, setState] = useState<PushState>('checking');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let current = true;
    const check = async (): Promise<PushState> => {
      if (!supported()) return 'unsupported';
      if (Notification.permission === 'denied') return 'blocked';
      if (!(await member.notifications.push.key())) return 'unavailable';
      const subscription = await currentSubscription();
      return Notification.permission === 'granted' && subscription ? 'on' : 'off';
    };
    check().then(
      (next) => current && setState(next),
      (failure: unknown) => {
        if (!current) return;
        setError(failure);
        setState('off');
      },
    );
    return () => {
      current = false;
    };
  }, [member]);

  const run = useCallback(async (work: () => Promise<PushState>) => {
    setBusy(true);
    setError(undefined);
    try {
      setState(await work());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }, []);

  const enable = () =>
    run(async () => {
      const key = await member.notifications.push.key();
      if (!key) return 'unavailable';
      const permission = await Notification.requestPermission();
      if (permission === 'denied') return 'blocked';
      if (permission !== 'granted') return 'dismissed';
      const registration = await serviceWorkerRegistration();
      if (!registration) return 'unsupported';
      await navigator.serviceWorker.ready;
      const applicationServerKey = keyBytes(key);
      let subscription = await registration.pushManager.getSubscription();
      // One made for another key (the server's changed) cannot be pushed to: start over.
      if (subscription && !sameKey(subscription, applicationServerKey)) {
        await subscription.unsubscribe();
        subscription = null;
      }
      subscription ??= await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey,
      });
      await member.notifications.push.subscribe(toInput(subscription));
      return 'on';
    });

  const disable = () =>
    run(async () => {
      const subscription = await currentSubscription();
      if (subscription) {
        await member.notifications.push.unsubscribe(subscription.endpoint);
        await subscription.unsubscribe();
      }
      return 'off';
    });

  return { state, busy, error, enable, disable };
}
