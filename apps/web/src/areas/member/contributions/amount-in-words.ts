/** The noun's form for `n`: one (1, 21, 101), few (2–4, 22–24), many (0, 5–20, 11–14, 25…). */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

const UNITS_MASCULINE = [
  '',
  'один',
  'два',
  'три',
  'четыре',
  'пять',
  'шесть',
  'семь',
  'восемь',
  'девять',
];
const UNITS_FEMININE = ['', 'одна', 'две', ...UNITS_MASCULINE.slice(3)];
const TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
];
const TENS = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
];
const HUNDREDS = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
];

/** Thousands are feminine (одна тысяча, две тысячи); the larger scales masculine. */
const SCALES: { forms: [string, string, string]; feminine: boolean }[] = [
  { forms: ['тысяча', 'тысячи', 'тысяч'], feminine: true },
  { forms: ['миллион', 'миллиона', 'миллионов'], feminine: false },
  { forms: ['миллиард', 'миллиарда', 'миллиардов'], feminine: false },
  { forms: ['триллион', 'триллиона', 'триллионов'], feminine: false },
];

/** 1–999 in words. */
function triad(n: number, feminine: boolean): string[] {
  const words = [HUNDREDS[Math.floor(n / 100)]!];
  const rest = n % 100;
  if (rest >= 10 && rest < 20) words.push(TEENS[rest - 10]!);
  else
    words.push(
      TENS[Math.floor(rest / 10)]!,
      (feminine ? UNITS_FEMININE : UNITS_MASCULINE)[rest % 10]!,
    );
  return words.filter(Boolean);
}

/** A whole number of rubles in words, masculine: 0 → «ноль», 1 201 → «одна тысяча двести один». */
function numberInWords(n: number): string {
  if (n === 0) return 'ноль';
  const words: string[] = [];
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  for (let scale = groups.length - 1; scale >= 0; scale -= 1) {
    const group = groups[scale]!;
    if (group === 0) continue;
    const named = scale > 0 ? SCALES[scale - 1]! : undefined;
    words.push(...triad(group, named?.feminine ?? false));
    if (named) words.push(pluralRu(group, ...named.forms));
  }
  return words.join(' ');
}

/**
 * An amount in kopecks as a Russian payment document writes it: rubles in words, kopecks in
 * two digits, each noun in its plural form. 120 050 → «Одна тысяча двести рублей 50 копеек».
 *
 * @example
 * ```ts
 * rublesInWords(2_101); // 'Двадцать один рубль 01 копейка'
 * ```
 */
export function rublesInWords(kopecks: number): string {
  const rubles = Math.floor(kopecks / 100);
  const rest = kopecks % 100;
  const words = numberInWords(rubles);
  const ruble = pluralRu(rubles, 'рубль', 'рубля', 'рублей');
  const kopeck = pluralRu(rest, 'копейка', 'копейки', 'копеек');
  const text = `${words} ${ruble} ${String(rest).padStart(2, '0')} ${kopeck}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
