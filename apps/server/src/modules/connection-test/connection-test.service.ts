import { Inject, Injectable } from '@nestjs/common';
import type { ConnectionCheckName, ConnectionTest } from '@cardcoop/contracts';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
import { CooperativesService } from '../cooperatives/cooperatives.service.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { isTrustedDataKey } from '../cooperatives/data-key-trust.js';
import { MEMBERSHIP_PROVIDER } from '../membership/membership.provider.js';
import type { MembershipProvider } from '../membership/membership.provider.js';
import { ConnectionTestRepository } from './connection-test.repository.js';
import { LiveShareRunner, outcome, skipped } from './live-share.js';
import type { LiveSteps, Outcome, Tester } from './live-share.js';
import { REACHABILITY_PROBE } from './reachability.js';
import type { ReachabilityProbe } from './reachability.js';

/**
 * "Test connection" in the business panel: every check an integration needs, in order, each
 * with a reason the panel translates — settings, the data key members seal to, the redirect
 * URIs answering — then a live share by the test member through the cooperative's entry page
 * and callback (`LiveShareRunner`). Without an entry page the server may call, the last steps
 * say whether the cooperative's server has exchanged a ticket (since its current client secret)
 * and read shared data of a real member. Only the test share is written (with its audit event).
 */
@Injectable()
export class ConnectionTestService {
  constructor(
    @Inject(CooperativesService) private readonly cooperatives: CooperativesService,
    @Inject(MEMBERSHIP_PROVIDER) private readonly registry: MembershipProvider,
    @Inject(ConnectionTestRepository) private readonly events: ConnectionTestRepository,
    @Inject(REACHABILITY_PROBE) private readonly probe: ReachabilityProbe,
    @Inject(LiveShareRunner) private readonly live: LiveShareRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(coopname: string, tester: Tester): Promise<ConnectionTest> {
    const cooperative = await this.cooperatives.get(coopname);
    const settings = {
      cooperative_active: outcome(
        cooperative.status === 'active' ? 'passed' : 'failed',
        cooperative.status === 'active' ? null : 'suspended',
      ),
      ownership_verified: cooperative.verifiedAt
        ? outcome('passed', cooperative.verifiedVia, null, cooperative.verifiedAt)
        : outcome('warning', 'test_mode_localhost_only'),
      redirect_uris: outcome(
        cooperative.redirectUris.length > 0 ? 'passed' : 'failed',
        cooperative.redirectUris.length > 0 ? null : 'none_registered',
      ),
      origins: outcome(
        cooperative.origins.length > 0 ? 'passed' : 'warning',
        cooperative.origins.length > 0 ? null : 'redirect_mode_only',
      ),
      requested_fields: outcome(
        cooperative.requestedFields.length > 0 ? 'passed' : 'failed',
        cooperative.requestedFields.length > 0 ? null : 'none_requested',
      ),
      data_key: await this.dataKey(cooperative),
      redirect_uris_reachable: await this.reachable(cooperative),
    };
    const results: Record<ConnectionCheckName, Outcome> = {
      ...settings,
      ...(Object.values(settings).some((check) => check.status === 'failed')
        ? notRun()
        : await this.liveShare(cooperative, tester)),
    };
    const checks = Object.entries(results).map(([check, result]) => ({
      check: check as ConnectionCheckName,
      ...result,
    }));
    return {
      coopname,
      ok: checks.every((check) => check.status !== 'failed'),
      checked_at: new Date(this.clock.now()).toISOString(),
      checks,
    };
  }

  private async dataKey(cooperative: CooperativeRow): Promise<Outcome> {
    const certificate = cooperative.dataKey?.certificate;
    if (!certificate) return outcome('failed', 'not_set');
    const accountKeys = await this.registry.accountKeys(cooperative.coopname);
    return isTrustedDataKey(cooperative.coopname, certificate, accountKeys)
      ? outcome('passed', null, certificate.payload.kid)
      : outcome('failed', 'not_trusted', certificate.payload.kid);
  }

  /**
   * Each redirect URI must answer HTTP (any status below 500); the first that does not fails.
   * One on a private network the server may not call is a warning: it could not be checked.
   */
  private async reachable(cooperative: CooperativeRow): Promise<Outcome> {
    if (cooperative.redirectUris.length === 0) return outcome('failed', 'none_registered');
    let unchecked: string | undefined;
    for (const uri of cooperative.redirectUris) {
      const answer = await this.probe.probe(uri);
      if (answer === 'private_address') unchecked ??= uri;
      else if (answer !== 'answered') return outcome('failed', answer, uri);
    }
    return unchecked ? outcome('warning', 'private_address', unchecked) : outcome('passed');
  }

  /** The live share; without an entry page to start from, the last real member's share. */
  private async liveShare(cooperative: CooperativeRow, tester: Tester): Promise<LiveSteps> {
    // The settings passed: the data key is set and trusted.
    const live = await this.live.run(cooperative, cooperative.dataKey!.certificate, tester);
    if ('steps' in live) return live.steps;
    return {
      start_page: live.unchecked,
      ...(await this.lastRealShare(cooperative)),
      callback_answered: live.unchecked,
    };
  }

  private async lastRealShare(
    cooperative: CooperativeRow,
  ): Promise<Pick<LiveSteps, 'ticket_exchanged' | 'data_read'>> {
    // Tickets exchanged with an older secret prove nothing about the one in use now.
    const since = cooperative.clientSecretRotatedAt ?? cooperative.createdAt;
    const exchanged = await this.events.lastEvent(
      cooperative.coopname,
      'grant.ticket_exchanged',
      since,
    );
    const read = await this.events.lastEvent(cooperative.coopname, 'grant.read', since);
    return {
      ticket_exchanged: exchanged
        ? outcome('passed', null, null, exchanged)
        : outcome('pending', 'no_exchange_since_secret'),
      data_read: read ? outcome('passed', null, null, read) : outcome('pending', 'no_read_yet'),
    };
  }
}

/** A settings check failed: no share can go through, so none is tried. */
function notRun(): LiveSteps {
  return {
    start_page: skipped(),
    ticket_exchanged: skipped(),
    data_read: skipped(),
    callback_answered: skipped(),
  };
}
