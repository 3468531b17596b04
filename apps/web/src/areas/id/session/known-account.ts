import { transact } from './trusted-device';

/**
 * The e-mail the member typed to sign in, kept on this device beside the trusted-device data
 * while the session lives, so the header and the locked screen can name the account after a
 * reload. The server is never asked for it.
 */
interface KnownAccount {
  userId: string;
  email: string;
}

const RECORD = 'account';

export async function rememberAccount(userId: string, email: string): Promise<void> {
  const account: KnownAccount = { userId, email };
  await transact('readwrite', (store) => store.put(account, RECORD));
}

/** The e-mail remembered for this member; nothing for another one. */
export async function rememberedEmail(userId: string): Promise<string | undefined> {
  const account = await transact<KnownAccount | undefined>('readonly', (store) =>
    store.get(RECORD),
  );
  return account?.userId === userId ? account.email : undefined;
}

export async function forgetAccount(): Promise<void> {
  await transact('readwrite', (store) => store.delete(RECORD));
}
