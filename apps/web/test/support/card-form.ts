import type { Page } from 'playwright-core';

// Drivers of the card form, shared by the card's browser tests.

/** A label, marked required (` *`) or not. */
const labelled = (label: string) =>
  new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

/** The input with this label. */
export const field = (page: Page, label: string) => page.getByLabel(labelled(label));

/** The searchable list with this label (its options are labelled by it too). */
export const choice = (page: Page, label: string) =>
  page.getByRole('combobox', { name: labelled(label) });

/** The error shown under a field (Mantine links it with aria-describedby as `<id>-error`). */
export async function errorAt(page: Page, label: string): Promise<string> {
  const id = await page
    .locator('input, textarea, select')
    .and(field(page, label))
    .getAttribute('id');
  const error = page.locator(`[id="${id}-error"]`);
  await error.waitFor();
  return (await error.textContent()) ?? '';
}

/** The hint under a field's label (`<id>-description`). */
export async function descriptionAt(page: Page, label: string): Promise<string> {
  const id = await page
    .locator('input, textarea, select')
    .and(field(page, label))
    .getAttribute('id');
  return (await page.locator(`[id="${id}-description"]`).textContent()) ?? '';
}

/** Picks from a searchable list: types part of the name, then clicks the option. */
export async function chooseOption(
  page: Page,
  label: string,
  typed: string,
  option: string | RegExp,
) {
  await choice(page, label).fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A stored `YYYY-MM-DD` as a member types it in the Russian form: `дд.мм.гггг`. */
export const typedDate = (iso: string) => iso.split('-').reverse().join('.');
