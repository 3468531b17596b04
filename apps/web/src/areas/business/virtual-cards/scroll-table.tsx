import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on a narrow screen instead of squeezing: a named, focusable
 * region (keyboard users scroll it too) around a table with its caption.
 */
export function ScrollTable({
  caption,
  minWidth = 560,
  testId,
  children,
}: {
  caption: string;
  minWidth?: number;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      style={{ overflowX: 'auto', maxWidth: '100%' }}
      data-testid={testId}
    >
      <Table miw={minWidth} striped highlightOnHover={false} verticalSpacing={6}>
        <caption
          style={{
            captionSide: 'top',
            textAlign: 'start',
            position: 'absolute',
            width: 1,
            height: 1,
            overflow: 'hidden',
            clip: 'rect(0 0 0 0)',
          }}
        >
          {caption}
        </caption>
        {children}
      </Table>
    </div>
  );
}
