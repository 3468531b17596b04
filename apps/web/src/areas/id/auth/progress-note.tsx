import { Group, Loader, Text } from '@mantine/core';

/**
 * What a long step is doing, announced politely. The live region stays in the page, so screen
 * readers notice when the text appears.
 */
export function ProgressNote({ text }: { text?: string }) {
  return (
    <div role="status" aria-live="polite">
      {text && (
        <Group gap="xs" wrap="nowrap">
          <Loader size="xs" aria-hidden="true" />
          <Text size="sm">{text}</Text>
        </Group>
      )}
    </div>
  );
}
