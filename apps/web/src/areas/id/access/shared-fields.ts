/** A requested card field the member's card has, with the value that would leave. */
export interface SharedField {
  name: string;
  value: unknown;
}

const isFilled = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * Splits the cooperative's requested fields into those the card holds (offered for consent,
 * with their values) and those it lacks (named, so the member knows they will not be sent).
 *
 * @example
 * ```ts
 * sharedFields({ kind: 'individual', first_name: 'Анна', middle_name: '' }, ['first_name', 'middle_name']);
 * // { present: [{ name: 'first_name', value: 'Анна' }], missing: ['middle_name'] }
 * ```
 */
export function sharedFields(
  card: object,
  requested: readonly string[],
): { present: SharedField[]; missing: string[] } {
  const present: SharedField[] = [];
  const missing: string[] = [];
  for (const name of new Set(requested)) {
    const value: unknown = Object.hasOwn(card, name) ? Reflect.get(card, name) : undefined;
    if (isFilled(value)) present.push({ name, value });
    else missing.push(name);
  }
  return { present, missing };
}
