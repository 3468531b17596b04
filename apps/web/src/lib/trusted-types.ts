// The CSP enforces Trusted Types (`require-trusted-types-for 'script'; trusted-types default`).
// Mantine renders its CSS variables, breakpoint classes and AppShell media queries as <style>
// elements through dangerouslySetInnerHTML, and AppShell cannot opt out, so a string reaches an
// innerHTML sink. The `default` policy lets through only HTML with no `<`: such a string parses
// to text alone and cannot create elements or attributes. Script and script-URL sinks get no
// callbacks, so every attempt to use them is still blocked and reported.

interface TrustedTypePolicyFactory {
  createPolicy(name: string, rules: { createHTML?: (input: string) => string }): unknown;
}

const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;

factory?.createPolicy('default', {
  createHTML(input) {
    if (input.includes('<')) throw new TypeError('Trusted Types: markup is not allowed here');
    return input;
  },
});
