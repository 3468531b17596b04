/** Same tree as the Russian source with string leaves: a missing or extra key fails typecheck. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
