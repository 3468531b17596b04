/* global window, document */
// External twin of Mantine's ColorSchemeScript (the CSP forbids inline scripts): applies the
// stored scheme before React mounts so the page never flashes the wrong colours.
// The key must match COLOR_SCHEME_KEY in src/app/providers.tsx.
(function () {
  var scheme = 'auto';
  try {
    var stored = window.localStorage.getItem('cardcoop.color-scheme');
    if (stored === 'light' || stored === 'dark' || stored === 'auto') scheme = stored;
  } catch {
    // Storage can be blocked (privacy mode); fall back to the system preference.
  }
  if (scheme === 'auto') {
    scheme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
})();
