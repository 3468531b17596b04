import type { IndividualCard } from '@cardcoop/contracts';
import type { CoopCredentials } from '../coop/client-credentials.js';
import type { MemberClient } from '../member/member-client.js';
import { registerCooperative, registeredMember, startServer } from './member-fixture.js';
import type { TestApp } from './member-fixture.js';
import { fixtureMember } from './sharing-scene.js';

/** A real server with the cooperative ПК ВОСХОД and one member signed in through the SDK. */
export interface CoopScene {
  server: TestApp;
  /** The cooperative's client credentials, for the cooperative SDK. */
  voskhod: CoopCredentials;
  member: MemberClient;
  /** Signs the member out and stops the server (afterAll). */
  close(): Promise<void>;
}

/** Starts the scene: the cooperative `voskhod` registered, a member with `card` issued. */
export async function coopScene(card: IndividualCard): Promise<CoopScene> {
  const server = await startServer();
  const voskhod: CoopCredentials = {
    baseUrl: server.url,
    coopname: 'voskhod',
    clientSecret: await registerCooperative(server, {
      coopname: 'voskhod',
      display_name: 'ПК ВОСХОД',
    }),
  };
  const fixture = await registeredMember(server);
  const member = fixtureMember(server, fixture);
  await member.card.issue(card);
  return {
    server,
    voskhod,
    member,
    close: async () => {
      member.session.close();
      await server.close();
    },
  };
}
