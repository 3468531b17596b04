import { LANGUAGES } from '../../../lib/i18n';
import type { Language } from '../../../lib/i18n';
import { KIT_TEXT } from './recovery-kit-text';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; color: #000; background: #fff; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 1.5rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 0.5rem; }
.key { font: 700 1.7rem/1.4 ui-monospace, "DejaVu Sans Mono", monospace; letter-spacing: 0.08em; border: 2px solid #000; padding: 1rem; margin: 1rem 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
@media print { body { margin: 0; } }
`;

/** The kit's text in one language, for a bilingual page. */
function part(language: Language, email: string, created: Date) {
  const text = KIT_TEXT[language];
  const date = created.toLocaleString(language, { dateStyle: 'long', timeStyle: 'short' });
  const steps = text.instructions.split('\n');
  return `<section lang="${language}">
<h2>${escape(text.title)}</h2>
<dl><dt>${escape(text.account)}</dt><dd>${escape(email)}</dd>
<dt>${escape(text.created)}</dt><dd>${escape(date)}</dd></dl>
<ol>${steps.map((step) => `<li>${escape(step)}</li>`).join('')}</ol>
</section>`;
}

/**
 * The printable Recovery Kit: a self-contained HTML page (no script, nothing loaded from
 * elsewhere) with the key in groups, the account, the date and what to do with it, in Russian
 * and English.
 */
export function recoveryKitDocument(recoveryKey: string, email: string, created: Date): Blob {
  const groups = recoveryKey.split('-').map((group) => `<span>${escape(group)}</span>`);
  const title = LANGUAGES.map((language) => KIT_TEXT[language].title).join(' · ');
  const html = `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p class="key">${groups.join(' ')}</p>
${LANGUAGES.map((language) => part(language, email, created)).join('\n')}
</body>
</html>
`;
  return new Blob([html], { type: 'text/html;charset=utf-8' });
}

/** Saves the kit as `cardcoop-recovery-key-<date>.html` through a download link. */
export function downloadRecoveryKit(recoveryKey: string, email: string): void {
  const created = new Date();
  const url = URL.createObjectURL(recoveryKitDocument(recoveryKey, email, created));
  const link = document.createElement('a');
  link.href = url;
  link.download = `cardcoop-recovery-key-${created.toISOString().slice(0, 10)}.html`;
  link.click();
  // The browser has read the blob by then; the URL must not outlive the page's need of it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
