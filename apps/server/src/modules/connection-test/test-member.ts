import { PrivateKey } from '@wharfkit/antelope';
import { TEST_MEMBER_USERNAME } from '@cardcoop/contracts';
import type { DataKeyCertificate, ShareEnvelope } from '@cardcoop/contracts';
import { sealSignedShare } from '@cardcoop/sdk/coop';

/**
 * The test member's card: obviously made-up values that pass the card's own checks (checksums of
 * INN, SNILS, OGRN and bank accounts are real), so a cooperative's validation of shared data
 * runs as it would on a member's. Every kind's fields are here: the share carries those the
 * cooperative requests.
 */
const TEST_CARD: Readonly<Record<string, unknown>> = {
  kind: 'individual',
  last_name: 'Тестов',
  first_name: 'Тест',
  middle_name: 'Тестович',
  birthdate: '1990-01-01',
  full_address: 'г. Москва, ул. Тестовая, д. 1 (тестовые данные card.coop)',
  phone: '+79990000000',
  email: 'test-member@card.coop.invalid',
  inn: '500100732259',
  snils: '11223344595',
  passport: {
    series: '4509',
    number: '123456',
    issued_by: 'Тестовые данные card.coop',
    issued_at: '2010-01-01',
    code: '772-053',
  },
  country: 'RU',
  city: 'Москва',
  details: { inn: '500100732259', ogrn: '304500116000157' },
  bank_account: {
    currency: 'RUB',
    bank_name: 'Тестовый банк',
    account_number: '40702810938000000001',
    details: { bik: '044525225', corr: '30101810400000000225' },
  },
};

export interface TestShare {
  envelope: ShareEnvelope;
  memberPublicKey: string;
  fields: string[];
}

/**
 * Signs the test member's values of the requested fields with a one-off K1 key and seals them to
 * the cooperative's certified data key, exactly as a member's device seals a share.
 */
export async function sealTestShare(
  coopname: string,
  requestedFields: readonly string[],
  certificate: DataKeyCertificate,
  signedAt: Date,
): Promise<TestShare> {
  const fields = Object.fromEntries(
    requestedFields
      .filter((field) => Object.hasOwn(TEST_CARD, field))
      .map((f) => [f, TEST_CARD[f]]),
  );
  const key = PrivateKey.generate('K1');
  const envelope = await sealSignedShare({
    payload: {
      coopname,
      username: TEST_MEMBER_USERNAME,
      fields,
      signed_at: signedAt.toISOString(),
    },
    privateKeyWif: key.toWif(),
    recipient: { publicKey: certificate.payload.public_key, kid: certificate.payload.kid },
  });
  return { envelope, memberPublicKey: key.toPublic().toString(), fields: Object.keys(fields) };
}
