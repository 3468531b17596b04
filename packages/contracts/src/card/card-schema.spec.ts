import { describe, expect, it } from 'vitest';
import { CARD_KINDS } from '../card.js';
import { CARD_FORMATS } from './card-formats.js';
import { CARD_CURRENCIES, CARD_SCHEMA, CARD_SCHEMA_ID } from './card-schema.js';
import type {
  CardBankAccount,
  CardPassport,
  EntrepreneurCard,
  IndividualCard,
  OrganizationCard,
  OrganizationType,
} from './card-schema.js';

/**
 * Each property of T, flagged required or optional. An object literal of this type must name
 * every property of T with the right flag and nothing else, so the compiler holds these lists to
 * the hand-written types and the tests below hold them to the schema.
 */
type Flags<T> = { [K in keyof T]-?: undefined extends T[K] ? 'optional' : 'required' };

interface SchemaObject {
  type?: string;
  required?: readonly string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean;
}
interface SchemaNode extends SchemaObject {
  $ref?: string;
  maxLength?: number;
  format?: string;
  enum?: readonly string[];
  const?: string;
}

const defs = CARD_SCHEMA.$defs as unknown as Record<string, SchemaObject>;

function resolve(node: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  const name = node.$ref.replace('#/$defs/', '');
  const target = defs[name];
  if (!target) throw new Error(`unresolved ${node.$ref}`);
  return target;
}

function child(object: SchemaObject, property: string): SchemaNode {
  const node = object.properties?.[property];
  if (!node) throw new Error(`no property ${property}`);
  return resolve(node);
}

function expectMatches(object: SchemaObject, flags: Record<string, 'required' | 'optional'>) {
  expect(Object.keys(object.properties ?? {}).sort()).toEqual(Object.keys(flags).sort());
  const required = Object.keys(flags).filter((key) => flags[key] === 'required');
  expect([...(object.required ?? [])].sort()).toEqual(required.sort());
}

const passport: Flags<CardPassport> = {
  series: 'required',
  number: 'required',
  issued_by: 'required',
  issued_at: 'required',
  code: 'required',
  birthplace: 'optional',
};
const bankAccount: Flags<CardBankAccount> = {
  currency: 'required',
  card_number: 'optional',
  bank_name: 'required',
  account_number: 'required',
  details: 'required',
};
const bankDetails: Flags<CardBankAccount['details']> = {
  bik: 'required',
  corr: 'required',
};
const individual: Flags<IndividualCard> = {
  kind: 'required',
  first_name: 'required',
  last_name: 'required',
  middle_name: 'optional',
  birthdate: 'required',
  full_address: 'required',
  phone: 'required',
  email: 'required',
  inn: 'optional',
  snils: 'optional',
  passport: 'optional',
};
const entrepreneur: Flags<EntrepreneurCard> = {
  kind: 'required',
  first_name: 'required',
  last_name: 'required',
  middle_name: 'optional',
  birthdate: 'required',
  phone: 'required',
  email: 'required',
  country: 'required',
  city: 'required',
  full_address: 'required',
  details: 'required',
  bank_account: 'optional',
};
const entrepreneurDetails: Flags<EntrepreneurCard['details']> = {
  inn: 'required',
  ogrn: 'required',
};
const organization: Flags<OrganizationCard> = {
  kind: 'required',
  type: 'required',
  short_name: 'required',
  full_name: 'required',
  represented_by: 'required',
  country: 'required',
  city: 'required',
  full_address: 'required',
  fact_address: 'required',
  phone: 'required',
  email: 'required',
  details: 'required',
  bank_account: 'optional',
};
const representative: Flags<OrganizationCard['represented_by']> = {
  first_name: 'required',
  last_name: 'required',
  middle_name: 'optional',
  position: 'required',
  based_on: 'required',
};
const organizationDetails: Flags<OrganizationCard['details']> = {
  inn: 'required',
  ogrn: 'required',
  kpp: 'required',
};
const organizationTypes: Record<OrganizationType, true> = {
  coop: true,
  ooo: true,
  oao: true,
  zao: true,
  pao: true,
  ao: true,
};

describe('card schema and TypeScript types', () => {
  it('has a versioned $id and the draft 2020-12 dialect', () => {
    expect(CARD_SCHEMA.$id).toBe(CARD_SCHEMA_ID);
    expect(CARD_SCHEMA_ID).toMatch(/^https:\/\/card\.coop\/schemas\/card\/v\d+\.json$/);
    expect(CARD_SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('offers exactly the kinds of card metadata, discriminated by `kind`', () => {
    expect(CARD_SCHEMA.discriminator).toEqual({ propertyName: 'kind' });
    const kinds = CARD_SCHEMA.oneOf.map((branch) => child(resolve(branch), 'kind').const);
    expect(kinds).toEqual([...CARD_KINDS]);
  });

  it('has the properties and required fields of the types, at every level', () => {
    expectMatches(defs.individual!, individual);
    expectMatches(child(defs.individual!, 'passport'), passport);
    expectMatches(defs.entrepreneur!, entrepreneur);
    expectMatches(child(defs.entrepreneur!, 'details'), entrepreneurDetails);
    expectMatches(child(defs.entrepreneur!, 'bank_account'), bankAccount);
    expectMatches(defs.organization!, organization);
    expectMatches(child(defs.organization!, 'represented_by'), representative);
    expectMatches(child(defs.organization!, 'details'), organizationDetails);
    expectMatches(child(defs.organization!, 'bank_account'), bankAccount);
    expectMatches(child(child(defs.organization!, 'bank_account'), 'details'), bankDetails);
    const typeEnum = defs.organization!.properties?.type?.enum;
    expect([...(typeEnum ?? [])].sort()).toEqual(Object.keys(organizationTypes).sort());
  });

  it('closes every object, bounds every string and uses only known formats', () => {
    const seen = { objects: 0, strings: 0 };
    const walk = (node: SchemaNode, path: string): void => {
      if (node.$ref !== undefined) return;
      if (node.type === 'object') {
        seen.objects++;
        expect(node.additionalProperties, path).toBe(false);
        for (const [key, value] of Object.entries(node.properties ?? {})) {
          walk(value, `${path}.${key}`);
        }
      } else {
        expect(node.type, path).toBe('string');
        seen.strings++;
        if (node.const === undefined && node.enum === undefined) {
          expect(node.maxLength, path).toBeGreaterThan(0);
        }
        if (node.format !== undefined)
          expect(Object.keys(CARD_FORMATS), path).toContain(node.format);
      }
    };
    for (const [name, def] of Object.entries(defs)) walk(def, name);
    expect(seen.objects).toBe(9);
    expect(seen.strings).toBe(52);
  });

  it('writes names фамилия, имя, отчество, as the form shows them', () => {
    const order = (object: SchemaObject) =>
      Object.keys(object.properties ?? {}).filter((key) => key.endsWith('_name'));
    expect(order(defs.individual!)).toEqual(['last_name', 'first_name', 'middle_name']);
    expect(order(defs.entrepreneur!)).toEqual(['last_name', 'first_name', 'middle_name']);
    expect(order(child(defs.organization!, 'represented_by'))).toEqual([
      'last_name',
      'first_name',
      'middle_name',
    ]);
  });

  it('chooses the currency from CARD_CURRENCIES, RUB by default, and the country by its code', () => {
    const currency = child(child(defs.organization!, 'bank_account'), 'currency') as SchemaNode & {
      default?: string;
    };
    expect(currency.enum).toEqual([...CARD_CURRENCIES]);
    expect(currency.default).toBe('RUB');
    expect(child(defs.entrepreneur!, 'country').format).toBe('country-code');
    expect(child(defs.organization!, 'country').format).toBe('country-code');
  });
});
