import { Box } from '@mantine/core';
import { EmbedPage } from './access/embed-page';
import './messages';

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
