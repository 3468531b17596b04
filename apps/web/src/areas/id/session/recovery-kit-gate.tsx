import type { MemberClient } from '@cardcoop/sdk';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { PageLoader } from '../../../components/page-loader';

// Loaded only for a member who has to save a kit, with the app's query cache and its words.
const SaveKitScreen = lazy(async () => {
  const [{ SaveKitScreen: Screen }, { withQueries }] = await Promise.all([
    import('../security/save-kit-screen'),
    import('../../../lib/queries'),
    import('../messages').then(({ idMessages }) => idMessages(['security'])),
  ]);
  return { default: withQueries(Screen) };
});

/**
 * Until the member confirmed holding the current Recovery Kit (a reload on the kit screen, a
 * closed popup), every unlock and sign-in leads to "save your Recovery Kit" first: a new kit
 * replaces the unsaved one. When the status cannot be read the app goes on (the next unlock
 * asks again).
 */
export function RecoveryKitGate({
  member,
  children,
}: {
  member: MemberClient;
  children: ReactNode;
}) {
  const [confirmed, setConfirmed] = useState<{ of: MemberClient; value: boolean }>();
  useEffect(() => {
    let live = true;
    member.recoveryKit.status().then(
      (status) => live && setConfirmed({ of: member, value: status.confirmed }),
      () => live && setConfirmed({ of: member, value: true }),
    );
    return () => {
      live = false;
    };
  }, [member]);
  if (confirmed?.of !== member) return <PageLoader />;
  if (confirmed.value) return children;
  return (
    <Suspense fallback={<PageLoader />}>
      <SaveKitScreen onDone={() => setConfirmed({ of: member, value: true })} />
    </Suspense>
  );
}
