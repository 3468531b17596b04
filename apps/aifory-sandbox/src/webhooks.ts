import { randomUUID } from 'node:crypto';
import { aiforySignature } from '@cardcoop/contracts';
import type { AiforyWebhook, AiforyWebhookType } from '@cardcoop/contracts';
import type { SandboxFaults } from './faults.js';
import type { SandboxLog } from './log.js';
import { sleep } from './sleep.js';

export interface WebhookAttempt {
  at: string;
  /** The HTTP status answered, if any. */
  status?: number;
  error?: string;
}

/** One delivery of one event (a duplicated event has two, with the same event_id). */
export interface WebhookDelivery {
  event: AiforyWebhook;
  body: string;
  signature: string;
  /** `skipped`: no webhookUrl configured. */
  state: 'pending' | 'delivered' | 'failed' | 'skipped';
  attempts: WebhookAttempt[];
}

export interface WebhookOptions {
  url?: string;
  secret: string;
  clock: () => Date;
  faults: SandboxFaults;
  log: SandboxLog;
  /** The waits before each retry; its length is the number of retries. */
  backoffMs: number[];
  timeoutMs: number;
}

/** Signs and POSTs events one after another, retrying a failure after a short backoff. */
export class SandboxWebhooks {
  private readonly records: WebhookDelivery[] = [];
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private readonly abort = new AbortController();

  constructor(private readonly options: WebhookOptions) {}

  emit<T extends AiforyWebhookType>(
    type: T,
    data: Extract<AiforyWebhook, { type: T }>['data'],
  ): AiforyWebhook {
    const event = {
      event_id: `evt_${randomUUID()}`,
      type,
      created_at: this.options.clock().toISOString(),
      data: structuredClone(data),
    } as AiforyWebhook;
    const body = JSON.stringify(event);
    const copies = this.options.faults.take(['duplicate_webhook'], type) ? 2 : 1;
    for (let copy = 0; copy < copies; copy += 1) {
      const record: WebhookDelivery = {
        event,
        body,
        signature: '',
        state: this.options.url ? 'pending' : 'skipped',
        attempts: [],
      };
      this.records.push(record);
      this.pending += 1;
      this.queue = this.queue
        .then(() => this.deliver(record))
        .catch(() => {
          record.state = 'failed';
        })
        .finally(() => {
          this.pending -= 1;
        });
    }
    return event;
  }

  deliveries(): WebhookDelivery[] {
    return this.records.map((record) => ({ ...record, attempts: [...record.attempts] }));
  }

  /** Resolves when every event emitted so far has been delivered or given up. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.idle();
  }

  private async deliver(record: WebhookDelivery): Promise<void> {
    record.signature = await aiforySignature(record.body, this.options.secret);
    const url = this.options.url;
    if (!url) return;
    const waits = [0, ...this.options.backoffMs];
    for (const wait of waits) {
      if (this.abort.signal.aborted) break;
      if (wait > 0) await sleep(wait, this.abort.signal);
      const attempt: WebhookAttempt = { at: this.options.clock().toISOString() };
      record.attempts.push(attempt);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Signature: record.signature },
          body: record.body,
          signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.timeoutMs)]),
        });
        attempt.status = response.status;
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) {
          record.state = 'delivered';
          this.log(record, attempt);
          return;
        }
      } catch (error) {
        attempt.error = error instanceof Error ? error.message : String(error);
      }
      this.log(record, attempt);
    }
    record.state = 'failed';
  }

  private log(record: WebhookDelivery, attempt: WebhookAttempt): void {
    this.options.log('webhook', {
      event_id: record.event.event_id,
      type: record.event.type,
      status: attempt.status,
      error: attempt.error,
    });
  }
}
