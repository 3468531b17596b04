import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ru } from './ru';
import type { IdMessages } from '../../areas/id/messages';
import type { ru as admin } from '../../areas/admin/messages';
import type { ru as adminVirtualCards } from '../../areas/admin/virtual-cards/messages';
import type { ru as business } from '../../areas/business/messages';
import type { BusinessParts } from '../../areas/business/business-parts';
import type { ru as help } from '../../areas/help/messages';
import type { ru as member } from '../../areas/member/messages';
import type { ru as notifications } from '../../areas/member/notifications/messages';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Russian: the default, the source of every key, and the fallback of the other languages. */
const FALLBACK: Language = 'ru';
const STORAGE_KEY = 'cardcoop.lang';

type Namespace = 'translation' | 'id' | 'member' | 'help' | 'business' | 'admin';

declare module 'i18next' {
  interface CustomTypeOptions {
    // Areas bring their own namespaces with their lazily loaded code (see areas/id/messages.ts).
    resources: {
      translation: typeof ru;
      id: IdMessages;
      member: typeof member & { notifications: typeof notifications };
      help: typeof help;
      business: typeof business & BusinessParts;
      admin: typeof admin & { virtualCards: typeof adminVirtualCards };
    };
  }
}

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : FALLBACK;
  } catch {
    return FALLBACK; // storage blocked: Russian is the default
  }
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not persisted when storage is blocked; the switch still works for this visit
  }
});

// Only the Russian of the shell is bundled; the code of an area brings its own messages, and
// every other language is fetched when it is first needed (see `addMessages`).
const initial = storedLanguage();
void i18n.use(initReactI18next).init({
  resources: { [FALLBACK]: { translation: ru } },
  lng: initial,
  fallbackLng: FALLBACK,
  supportedLngs: LANGUAGES,
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

/** Fetches one language of a message source. */
export type MessageLoaders = Record<Language, () => Promise<object>>;

interface MessageSource {
  ns: Namespace;
  /** The top-level key of the namespace the source fills; the whole namespace when absent. */
  part: string | undefined;
  load: MessageLoaders;
}

const sources = new Map<string, MessageSource>();
/** Per language and source: settles once the messages are in i18next's store. */
const loads = new Map<string, Promise<void>>();
/** The language on screen, or the one a switch is fetching messages for. */
let wanted: Language = initial;

const sourceKey = (ns: Namespace, part: string | undefined) => `${ns}:${part ?? ''}`;
const loadKey = (language: Language, source: MessageSource) =>
  `${language}:${sourceKey(source.ns, source.part)}`;

function store(language: Language, source: MessageSource, messages: object) {
  const bundle = source.part === undefined ? messages : { [source.part]: messages };
  i18n.addResourceBundle(language, source.ns, bundle, true, true);
  loads.set(loadKey(language, source), Promise.resolve());
}

function ensure(language: Language, source: MessageSource): Promise<void> {
  const key = loadKey(language, source);
  let done = loads.get(key);
  if (!done) {
    done = source.load[language]().then((messages) => store(language, source, messages));
    loads.set(key, done);
    // A failed fetch (offline, a new release) is tried again the next time it is needed.
    done.catch(() => loads.delete(key));
  }
  return done;
}

/**
 * Makes a source of messages available: the `bundled` ones (the Russian that came with the
 * code) at once, the language on screen fetched if it is not there yet. Resolves once the
 * source can be rendered without a missing or fallback key; render its users only then. Later
 * language switches (`changeLanguage`) fetch the source too.
 */
export function addMessages(
  ns: Namespace,
  part: string | undefined,
  load: MessageLoaders,
  bundled?: object,
): Promise<void> {
  const key = sourceKey(ns, part);
  let source = sources.get(key);
  if (!source) {
    source = { ns, part, load };
    sources.set(key, source);
  }
  if (bundled && !loads.has(loadKey(FALLBACK, source))) store(FALLBACK, source, bundled);
  const languages = new Set([FALLBACK, wanted]);
  return Promise.all([...languages].map((language) => ensure(language, source))).then(
    () => undefined,
  );
}

/**
 * Switches the language once the messages of everything loaded so far are there in it, so no
 * screen shows a missing key or a mix of languages. The last switch asked for wins.
 */
export async function changeLanguage(language: Language): Promise<void> {
  wanted = language;
  await Promise.all([...sources.values()].map((source) => ensure(language, source)));
  if (wanted === language) await i18n.changeLanguage(language);
}

// The shell's own messages. `i18nReady` settles once they are there in the stored language
// (Russian if they cannot be fetched): render only then (main.tsx). Changing to the language
// again once its messages are in lets i18next take it as the resolved language.
const shell: MessageLoaders = {
  ru: () => Promise.resolve(ru),
  en: async () => (await import('./en')).en,
};
void addMessages('translation', undefined, shell, ru).catch(() => undefined);
export const i18nReady: Promise<void> = changeLanguage(initial).catch(() =>
  changeLanguage(FALLBACK),
);

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : FALLBACK;
}

export { i18n };
