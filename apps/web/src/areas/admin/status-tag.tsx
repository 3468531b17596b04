import type { ReactNode } from 'react';
import classes from './status-tag.module.css';

export type TagColor = 'green' | 'red' | 'orange' | 'indigo' | 'gray';

/** A status as a small outlined tag, readable in both color schemes. */
export function StatusTag({ color, children }: { color: TagColor; children: ReactNode }) {
  return <span className={`${classes.tag} ${classes[color]}`}>{children}</span>;
}
