// The data bench/mix.js and bench/scale.js load: `members` members seeded straight into the
// database with two accounts, a card, notifications and the rest of a member's home
// (seed.js, dashboard-seed.js), their access tokens and their grants' cooperative tokens minted
// with the server's key (tokens.js); plus `loginMembers` members registered through the API
// (OPAQUE, as a browser does), logged in `tokensEach` times for the refresh tokens the mix spends.
import { inParallel, login, register } from './auth-client.js';
import { seedDashboards } from './dashboard-seed.js';
import { emailSealer } from './secrets.js';
import { COOPERATIVES, seedMembers } from './seed.js';
import { createMinter } from './tokens.js';

export const MIX_ISSUER = 'https://mix-bench.card.coop.invalid';

export async function prepareMixFixture({
  url,
  database,
  secrets,
  members,
  loginMembers,
  tokensEach = 4,
  lifetimeSeconds,
}) {
  const seeded = await seedMembers(database.url, members, {
    accounts: 2,
    sealEmail: await emailSealer(secrets),
  });
  const coopnames = Array.from({ length: COOPERATIVES }, (_, i) => `benchcoop${i + 1}`);
  await seedDashboards(database.url, coopnames);
  const minter = await createMinter(secrets.jwtPrivateKey, MIX_ISSUER);
  const memberTokens = await Promise.all(
    seeded.members.map(async (member) => ({
      authorization: `Bearer ${await minter.member(member, lifetimeSeconds)}`,
    })),
  );
  const grants = await Promise.all(
    seeded.grants.map(async (grant) => ({
      path: `/api/v1/access/get-encrypted-data/${grant.username}/${grant.coopname}`,
      authorization: `Bearer ${await minter.coop(grant, lifetimeSeconds)}`,
    })),
  );
  // Shares are made on the members' confirmed accounts that have no grant yet: sharing again
  // renews a grant, which would stop the minted tokens of the reads above.
  const granted = new Set(seeded.grants.map((g) => `${g.userId}:${g.coopname}`));
  const cooperatives = new Map(seeded.cooperatives.map((c) => [c.coopname, c]));
  const shares = seeded.members.flatMap((member, i) =>
    member.accounts
      .filter((a) => a.confirmed && !granted.has(`${member.userId}:${a.coopname}`))
      .map((a) => ({
        authorization: memberTokens[i].authorization,
        cooperative: cooperatives.get(a.coopname),
      })),
  );
  const stamp = Date.now().toString(36);
  const loginEmails = Array.from(
    { length: loginMembers },
    (_, i) => `mix${stamp}-${i}@coop.example`,
  );
  await inParallel(4, loginEmails, (email) => register(url, email));
  const refreshTokens = [];
  await inParallel(
    4,
    loginEmails.flatMap((email) => Array(tokensEach).fill(email)),
    async (email) => {
      refreshTokens.push((await login(url, email)).refreshToken);
    },
  );
  return {
    members: memberTokens,
    grants,
    shares,
    loginEmails,
    refreshTokens,
    summary: {
      members,
      grants: grants.length,
      shareTargets: shares.length,
      loginMembers,
      refreshTokens: refreshTokens.length,
    },
  };
}
