import { CARD_KINDS, CARD_SCHEMA, normalizePhone } from '@cardcoop/contracts';
import type { CardData, CardFormatName } from '@cardcoop/contracts';

export type CardKind = (typeof CARD_KINDS)[number];

/** One input of the card form, read from the card's JSON Schema. */
export interface FieldSpec {
  type: 'field';
  /** Dotted path in the card, as the SDK's validation issues name it: `passport.series`. */
  path: string;
  /** The property name: `series`. */
  name: string;
  /** Required within its object. */
  required: boolean;
  format?: CardFormatName;
  maxLength?: number;
  /** The allowed values of an enum (the organization's legal form, the currency). */
  options?: readonly string[];
  /** What the card gets when the member leaves the field as it is (the currency: RUB). */
  default?: string;
}

/** A nested object of the card (passport, details, represented_by, bank_account): a fieldset. */
export interface GroupSpec {
  type: 'group';
  path: string;
  name: string;
  required: boolean;
  children: CardSpec[];
}

export type CardSpec = FieldSpec | GroupSpec;

/** The form's values by path, as the card stores them; empty means absent. */
export type CardValues = Record<string, string>;

interface SchemaNode {
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  required?: readonly string[];
  format?: string;
  maxLength?: number;
  enum?: readonly string[];
  default?: string;
}

const DEFS: Record<string, SchemaNode> = CARD_SCHEMA.$defs;

function resolve(node: SchemaNode): SchemaNode {
  const name = node.$ref?.replace('#/$defs/', '');
  return name === undefined ? node : (DEFS[name] ?? node);
}

function specsOf(node: SchemaNode, parent: string): CardSpec[] {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {})
    .filter(([name]) => !(parent === '' && name === 'kind'))
    .map(([name, child]): CardSpec => {
      const schema = resolve(child);
      const path = parent === '' ? name : `${parent}.${name}`;
      if (schema.type === 'object') {
        return {
          type: 'group',
          path,
          name,
          required: required.has(name),
          children: specsOf(schema, path),
        };
      }
      return {
        type: 'field',
        path,
        name,
        required: required.has(name),
        format: schema.format as CardFormatName | undefined,
        maxLength: schema.maxLength,
        options: schema.enum,
        default: schema.default,
      };
    });
}

/** The form of each kind of card, in the schema's order. */
export const CARD_FORMS: Record<CardKind, CardSpec[]> = Object.fromEntries(
  CARD_KINDS.map((kind) => [kind, specsOf(DEFS[kind] ?? {}, '')]),
) as Record<CardKind, CardSpec[]>;

/** Every field of a form, depth first: the order the member meets them in. */
export function fieldsOf(specs: CardSpec[]): FieldSpec[] {
  return specs.flatMap((spec) => (spec.type === 'field' ? [spec] : fieldsOf(spec.children)));
}

/** The value a field shows: what the member typed or chose, else its default. */
export function valueOf(field: FieldSpec, values: CardValues): string {
  return values[field.path] ?? field.default ?? '';
}

/** Whether the member filled any field of the group (a default alone does not count). */
export function hasValues(group: GroupSpec, values: CardValues): boolean {
  return fieldsOf(group.children).some((field) => {
    const value = (values[field.path] ?? '').trim();
    return value !== '' && value !== field.default;
  });
}

/** The organization's addresses: the actual one is the legal one unless the member says not. */
export const LEGAL_ADDRESS = 'full_address';
export const FACT_ADDRESS = 'fact_address';

/**
 * The form's values with the actual address copied from the legal one when the organization
 * works there (`same`): the card keeps MONO's two fields, the member types one.
 */
export function withFactAddress(values: CardValues, same: boolean): CardValues {
  return same ? { ...values, [FACT_ADDRESS]: values[LEGAL_ADDRESS] ?? '' } : values;
}

/** Whether a stored organization works at its legal address; a new card says so by default. */
export function isSameAddress(card: CardData | undefined): boolean {
  return card?.kind !== 'organization' || card.fact_address === card.full_address;
}

/**
 * What a field's typed value is stored as: trimmed, a phone number in E.164 when it reads as one
 * (`8 916 123-45-67` → `+79161234567`); one that does not stays as typed, for the validator to
 * refuse.
 */
export function storedValue(field: FieldSpec, typed: string): string {
  const value = typed.trim();
  if (field.format === 'phone' && value !== '') return normalizePhone(value) ?? value;
  return value;
}

/**
 * The card the form describes: stored values (see {@link storedValue}), empty ones left out, an optional group left out
 * when nothing in it is filled. A required group is always there, so its missing fields get
 * issues of their own.
 */
export function cardFromValues(kind: CardKind, values: CardValues): CardData {
  const build = (specs: CardSpec[]): Record<string, unknown> => {
    const object: Record<string, unknown> = {};
    for (const spec of specs) {
      if (spec.type === 'group') {
        if (spec.required || hasValues(spec, values)) object[spec.name] = build(spec.children);
        continue;
      }
      const value = storedValue(spec, valueOf(spec, values));
      if (value !== '') object[spec.name] = value;
    }
    return object;
  };
  // Checked by validateCard before it leaves the form.
  return { kind, ...build(CARD_FORMS[kind]) } as CardData;
}

/** The form values of a stored card. */
export function valuesFromCard(card: CardData): CardValues {
  const values: CardValues = {};
  const walk = (object: object, parent: string) => {
    for (const [name, value] of Object.entries(object)) {
      const path = parent === '' ? name : `${parent}.${name}`;
      if (typeof value === 'string') values[path] = value;
      else if (typeof value === 'object' && value !== null) walk(value, path);
    }
  };
  walk(card, '');
  delete values.kind;
  return values;
}

/** The DOM id of a field's input, so a failed save can move focus to it. */
export function fieldId(path: string): string {
  return `card-field-${path.replace(/\./g, '-')}`;
}
