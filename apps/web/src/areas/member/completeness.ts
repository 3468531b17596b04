import type { CardData } from '@cardcoop/contracts';
import { CARD_FORMS, fieldsOf, valuesFromCard } from '../id/card/card-fields';
import type { FieldSpec } from '../id/card/card-fields';

export interface Completeness {
  /** 0–100: the share of the form's fields (for the card's kind) that hold a value. */
  percent: number;
  /** The fields without one, in the form's order. */
  missing: FieldSpec[];
}

/** How much of its kind's form a card fills, read from the card schema's fields. */
export function completenessOf(card: CardData): Completeness {
  const fields = fieldsOf(CARD_FORMS[card.kind]);
  const values = valuesFromCard(card);
  const missing = fields.filter((field) => (values[field.path] ?? '').trim() === '');
  const percent =
    fields.length === 0
      ? 100
      : Math.floor((100 * (fields.length - missing.length)) / fields.length);
  return { percent, missing };
}
