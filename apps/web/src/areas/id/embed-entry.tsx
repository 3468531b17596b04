import { Box } from '@mantine/core';
import { changeLanguage, isLanguage } from '../../lib/i18n';
import { EmbedPage } from './access/embed-page';
import { flowMessages } from './flow-messages';

// `lang` (from the widget: the cooperative page's language) is applied before the first render,
// so the frame never shows the other language first; see router.tsx.
const lang = new URLSearchParams(window.location.search).get('lang');
export const messages = Promise.all([
  flowMessages(),
  isLanguage(lang) ? changeLanguage(lang) : undefined,
]);

// Lazy route module for /id/embed: the connect flow in a cooperative's iframe, without the
// app's header and navigation, and a smaller bundle.
export function Component() {
  return (
    <Box p="sm" component="main" id="main-content">
      <EmbedPage />
    </Box>
  );
}

Component.displayName = 'IdEmbed';
