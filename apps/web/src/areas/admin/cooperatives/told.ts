import type { TFunction } from 'i18next';

/** What the page tells after an action, put into words in the language on screen when shown. */
export type Told = (t: TFunction<'admin'>) => string;
