import { Inject, Injectable } from '@nestjs/common';
import type { ConnectionCheck, ConnectionCheckName, DataKeyCertificate } from '@cardcoop/contracts';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { CLOCK, RANDOM } from '../../infra/clock/clock.js';
import type { Clock, Random } from '../../infra/clock/clock.js';
import { TestSharesRepository } from '../access/test-shares.repository.js';
import { sha256 } from '../access/ticket-binding.js';
import { AuditService } from '../audit/audit.service.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { isPublicTarget } from '../webhooks/webhook-target.js';
import { sealTestShare } from './test-member.js';

export type Outcome = Omit<ConnectionCheck, 'check'>;
export const outcome = (
  status: ConnectionCheck['status'],
  reason: string | null = null,
  target: string | null = null,
  at: Date | null = null,
): Outcome => ({ status, reason, target, at: at?.toISOString() ?? null });

export type LiveSteps = Pick<
  Record<ConnectionCheckName, Outcome>,
  'start_page' | 'ticket_exchanged' | 'data_read' | 'callback_answered'
>;

/** Who runs the test: their audit chain records the test share. */
export interface Tester {
  userId: string;
  ip?: string;
}

const START_TIMEOUT_MS = 10_000;
/** The callback exchanges the ticket and reads the data before it answers: give it time. */
const CALLBACK_TIMEOUT_MS = 20_000;
const TEST_TICKET_SECONDS = 120;
const CONNECT_PATH = '/id/connect';
const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export const skipped = (): Outcome => outcome('skipped', 'earlier_step_failed');

/** Where the start page sent the test member: the connect request's parameters, checked. */
type Started =
  | { ok: true; redirectUri: string; state: string; challenge: string; cookies: string }
  | { ok: false; start: Outcome };

/**
 * The live part of "Test connection": the share a member makes, made by the test member through
 * the cooperative's own pages. The server opens the entry page (as the member's browser would),
 * checks the connect request it redirects to, seals the test member's data to the cooperative's
 * key, and calls the callback with the ticket (and the start page's cookies, so the site finds
 * its pending request). What the cooperative's server then did — exchanged the ticket, read the
 * data — is read back from the test share's row. Outgoing calls follow the webhooks' address
 * rules (no private networks outside development), never follow redirects, and time out.
 */
@Injectable()
export class LiveShareRunner {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(TestSharesRepository) private readonly shares: TestSharesRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: Random,
  ) {}

  /** `undefined` when the live share cannot run (no entry page, or one the server may not call). */
  async run(
    cooperative: CooperativeRow,
    certificate: DataKeyCertificate,
    tester: Tester,
  ): Promise<{ steps: LiveSteps } | { unchecked: Outcome }> {
    const entryUrl = cooperative.entryUrl;
    if (!entryUrl) return { unchecked: outcome('warning', 'no_entry_url') };
    if (!(await this.mayCall(entryUrl))) {
      return { unchecked: outcome('warning', 'private_address', entryUrl) };
    }
    const started = await this.start(cooperative, entryUrl);
    if (!started.ok) {
      return {
        steps: {
          start_page: started.start,
          ticket_exchanged: skipped(),
          data_read: skipped(),
          callback_answered: skipped(),
        },
      };
    }
    const start_page = outcome('passed', null, started.redirectUri);
    if (!(await this.mayCall(started.redirectUri))) {
      const unchecked = outcome('warning', 'private_address', started.redirectUri);
      return {
        steps: {
          start_page,
          ticket_exchanged: unchecked,
          data_read: unchecked,
          callback_answered: unchecked,
        },
      };
    }
    const made = await this.share(cooperative, certificate, started, tester);
    const callback_answered = await this.callback(started, made.ticket);
    const share = await this.shares.find(made.id);
    const exchanged = share?.exchangedAt ?? null;
    const read = share?.readAt ?? null;
    return {
      steps: {
        start_page,
        ticket_exchanged: exchanged
          ? outcome('passed', null, null, exchanged)
          : outcome('failed', 'not_exchanged', started.redirectUri),
        data_read: read
          ? outcome('passed', null, null, read)
          : exchanged
            ? outcome('failed', 'not_read')
            : skipped(),
        callback_answered,
      },
    };
  }

  private async mayCall(url: string): Promise<boolean> {
    return this.config.webhooks.allowPrivateTargets || (await isPublicTarget(url));
  }

  /** Opens the entry page without following its redirect and checks where it leads. */
  private async start(cooperative: CooperativeRow, entryUrl: string): Promise<Started> {
    const failed = (reason: string, target: string | null = entryUrl): Started => ({
      ok: false,
      start: outcome('failed', reason, target),
    });
    let response: Response;
    try {
      response = await fetch(entryUrl, {
        redirect: 'manual',
        signal: AbortSignal.timeout(START_TIMEOUT_MS),
        headers: { 'user-agent': 'card.coop connection test', accept: 'text/html' },
      });
      await response.body?.cancel();
    } catch {
      return failed('unreachable');
    }
    if (response.status >= 500) return failed('server_error');
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      return failed('not_a_redirect');
    }
    const target = new URL(location, entryUrl);
    const connect = new URL(`${this.config.publicUrl}${CONNECT_PATH}`);
    if (target.origin !== connect.origin || target.pathname !== connect.pathname) {
      return failed('wrong_target', target.href);
    }
    const query = target.searchParams;
    const redirectUri = query.get('redirect_uri') ?? '';
    if (query.get('coopname') !== cooperative.coopname)
      return failed('wrong_coopname', target.href);
    if (!cooperative.redirectUris.includes(redirectUri)) {
      return failed('redirect_uri_not_registered', redirectUri || target.href);
    }
    const challenge = query.get('code_challenge') ?? '';
    if (!PKCE_CHALLENGE.test(challenge) || query.get('code_challenge_method') !== 'S256') {
      return failed('pkce_missing', target.href);
    }
    const state = query.get('state') ?? '';
    if (state.length < 8 || state.length > 512) return failed('state_missing', target.href);
    const cookies = response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0]!.trim())
      .filter((pair) => pair.includes('='))
      .join('; ');
    return { ok: true, redirectUri, state, challenge, cookies };
  }

  /** Seals the test member's data and stores it with a ticket bound to the connect request. */
  private async share(
    cooperative: CooperativeRow,
    certificate: DataKeyCertificate,
    started: Extract<Started, { ok: true }>,
    tester: Tester,
  ): Promise<{ id: string; ticket: string }> {
    const now = new Date(this.clock.now());
    const sealed = await sealTestShare(
      cooperative.coopname,
      cooperative.requestedFields,
      certificate,
      now,
    );
    const ticket = this.random.bytes(32).toString('base64url');
    const id = await this.shares.create(
      {
        coopname: cooperative.coopname,
        ticketHash: sha256(ticket),
        redirectUri: started.redirectUri,
        codeChallenge: started.challenge,
        envelope: sealed.envelope,
        memberPublicKey: sealed.memberPublicKey,
        expiresAt: new Date(now.getTime() + TEST_TICKET_SECONDS * 1000),
      },
      {
        userId: tester.userId,
        event: this.audit.eventFor(
          tester.userId,
          'connection_test.shared',
          { coopname: cooperative.coopname, fields: sealed.fields.join(',') },
          tester.ip,
        ),
      },
    );
    return { id, ticket };
  }

  /** Brings the ticket back to the callback, as card.coop's connect page would. */
  private async callback(
    started: Extract<Started, { ok: true }>,
    ticket: string,
  ): Promise<Outcome> {
    const url = new URL(started.redirectUri);
    url.searchParams.set('ticket', ticket);
    url.searchParams.set('state', started.state);
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
        headers: {
          'user-agent': 'card.coop connection test',
          accept: 'text/html',
          ...(started.cookies ? { cookie: started.cookies } : {}),
        },
      });
      await response.body?.cancel();
      return response.status < 400
        ? outcome('passed', null, started.redirectUri)
        : outcome('failed', `status_${response.status}`, started.redirectUri);
    } catch {
      return outcome('failed', 'unreachable', started.redirectUri);
    }
  }
}
