import type { Readable } from 'node:stream';
import { antelopeNameSchema, ownershipChallengeSchema } from '@cardcoop/contracts';
import type { ChainOwnershipProof } from '@cardcoop/contracts';
import { signOwnershipProof } from '@cardcoop/sdk/business';

/** The whole of `input` as text (a key piped on stdin). */
async function readAll(input: Readable): Promise<string> {
  let text = '';
  for await (const chunk of input) text += String(chunk);
  return text;
}

/**
 * `npm run coop -- prove <coopname> --challenge <c>`: signs the challenge from the business panel
 * with the cooperative account's K1 private key (WIF `5…` or `PVT_K1_…`), given in
 * COOP_PRIVATE_KEY or on stdin — never as an argument — and returns the proof to paste. The key
 * is neither printed nor sent anywhere.
 */
export async function proveOwnership(
  coopname: string | undefined,
  challenge: string | undefined,
  key: { env: string | undefined; stdin: Readable & { isTTY?: boolean } },
): Promise<ChainOwnershipProof> {
  const name = antelopeNameSchema.parse(coopname);
  const issued = ownershipChallengeSchema.shape.challenge.parse(challenge);
  if (key.env === undefined && key.stdin.isTTY) {
    throw new Error('Give the private key in COOP_PRIVATE_KEY or on stdin (never as an argument).');
  }
  const privateKey = key.env ?? (await readAll(key.stdin)).trim();
  try {
    return signOwnershipProof(name, issued, privateKey);
  } catch {
    // The library's message could quote the input: say only what was wrong.
    throw new Error('Not a K1 private key (WIF 5… or PVT_K1_…).');
  }
}
