import type { SandboxFaults } from '../faults.js';
import type { SandboxState } from '../state.js';
import type { SandboxWebhooks } from '../webhooks.js';

/** What an operation works with. */
export interface SandboxContext {
  state: SandboxState;
  webhooks: SandboxWebhooks;
  faults: SandboxFaults;
  /** `async`: a deposit answers `pending` and settles after `settlementDelayMs`. */
  settlement: 'immediate' | 'async';
  settlementDelayMs: number;
  /** Deposits waiting to settle (cleared on close). */
  settling: Map<string, { timer: NodeJS.Timeout; done: Promise<void> }>;
}
