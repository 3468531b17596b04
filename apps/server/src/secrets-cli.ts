import { PrivateKey } from '@wharfkit/antelope';
import { generateSecrets, secretsToEnv } from './infra/secrets/secrets.js';

/**
 * Prints a fresh set of production secrets as environment lines:
 * `npm run secrets -w @cardcoop/server > secrets.env`. Keep them out of the database and its
 * backups; losing OPAQUE_SERVER_SETUP or MASTER_KEYS locks every member out. The webhook K1 key
 * pins the key cooperatives (MONO) verify deliveries with (derived from MASTER_KEYS without it).
 */
const env = {
  ...secretsToEnv(await generateSecrets()),
  WEBHOOK_K1_PRIVATE_KEY: PrivateKey.generate('K1').toString(),
};
for (const [name, value] of Object.entries(env)) process.stdout.write(`${name}=${value}\n`);
