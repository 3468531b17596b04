export const SANDBOX_FAULT_MODES = [
  'error500',
  'timeout',
  'slow',
  'duplicate_webhook',
  'deposit_failed',
] as const;
export type SandboxFaultMode = (typeof SANDBOX_FAULT_MODES)[number];

/**
 * A fault to inject. `operation` (default: any) is an operation path such as `cards/order`; for
 * `duplicate_webhook` it may name an event type instead. `count` (default 1) is how many
 * requests/events it hits; `delayMs` is the delay of `slow` (default 1000).
 */
export interface SandboxFault {
  mode: SandboxFaultMode;
  operation?: string;
  count?: number;
  delayMs?: number;
}

/** Checks a fault that came over HTTP (no zod here: the sandbox adds no dependencies). */
export function parseSandboxFault(input: unknown): SandboxFault {
  const fault = (input ?? {}) as Record<string, unknown>;
  const known = new Set(['mode', 'operation', 'count', 'delayMs']);
  const wrong: string[] = Object.keys(fault).filter((key) => !known.has(key));
  if (!SANDBOX_FAULT_MODES.includes(fault.mode as SandboxFaultMode)) wrong.push('mode');
  if (fault.operation !== undefined && (typeof fault.operation !== 'string' || !fault.operation)) {
    wrong.push('operation');
  }
  const positive = (value: unknown, min: number) =>
    value === undefined || (Number.isInteger(value) && (value as number) >= min);
  if (!positive(fault.count, 1)) wrong.push('count');
  if (!positive(fault.delayMs, 0)) wrong.push('delayMs');
  if (wrong.length > 0) throw new Error(`invalid fault: ${wrong.join(', ')}`);
  return fault as unknown as SandboxFault;
}

export interface ActiveFault {
  mode: SandboxFaultMode;
  operation: string | null;
  remaining: number;
  delayMs: number;
}

/**
 * - `error500`: answer 500 without applying the request;
 * - `timeout`: apply the request and never answer (the money moved, the caller does not know);
 * - `slow`: apply and answer after `delayMs`;
 * - `duplicate_webhook`: send the next webhook twice (same event_id);
 * - `deposit_failed`: the next deposit fails (money back on the master, `deposit.failed`).
 */
export class SandboxFaults {
  private active: ActiveFault[] = [];

  inject(fault: SandboxFault): void {
    const parsed = parseSandboxFault(fault);
    this.active.push({
      mode: parsed.mode,
      operation: parsed.operation ?? null,
      remaining: parsed.count ?? 1,
      delayMs: parsed.delayMs ?? 1000,
    });
  }

  clear(): void {
    this.active = [];
  }

  list(): ActiveFault[] {
    return this.active.map((fault) => ({ ...fault }));
  }

  /** Consumes one hit of the first fault of one of `modes` that matches `target`. */
  take(modes: readonly SandboxFaultMode[], target: string): ActiveFault | undefined {
    const fault = this.active.find(
      (candidate) =>
        modes.includes(candidate.mode) &&
        (candidate.operation === null || candidate.operation === target),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.active = this.active.filter((other) => other !== fault);
    return { ...fault };
  }
}
