// js-yaml (a dependency of ESLint, in node_modules) ships no types; the two calls the deploy
// checks use.
declare module 'js-yaml' {
  export function load(source: string): unknown;
  export function loadAll(source: string): unknown[];
  export function dump(value: unknown, options?: { lineWidth?: number }): string;
  const yaml: { load: typeof load; loadAll: typeof loadAll; dump: typeof dump };
  export default yaml;
}
