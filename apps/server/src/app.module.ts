import { Module } from '@nestjs/common';
import type { DynamicModule, Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';
import { ConfigModule } from './config/config.module.js';
import type { Config } from './config/config.schema.js';
import { ErrorFilter } from './common/errors/error.filter.js';
import { DatabaseModule } from './db/database.module.js';
import type { Database } from './db/database.js';
import { CacheModule } from './infra/cache/cache.module.js';
import { ClockModule } from './infra/clock/clock.module.js';
import { JobsModule } from './infra/jobs/jobs.module.js';
import { HealthController } from './infra/health/health.controller.js';
import { Lifecycle } from './infra/lifecycle/lifecycle.js';
import { MetricsController } from './infra/metrics/metrics.controller.js';
import { MetricsModule } from './infra/metrics/metrics.module.js';
import { SecretsModule } from './infra/secrets/secrets.module.js';
import type { ServerSecrets } from './infra/secrets/secrets.js';
import type { Logger } from './common/logging/logger.js';
import { ActivityModule } from './modules/activity/activity.module.js';
import { AuditApiModule } from './modules/audit/audit-api.module.js';
import { AccessModule } from './modules/access/access.module.js';
import { ApplicationsModule } from './modules/applications/applications.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { BalancesModule } from './modules/balances/balances.module.js';
import { BusinessMembersModule } from './modules/business-members/business-members.module.js';
import { BusinessStatsModule } from './modules/business-stats/business-stats.module.js';
import { CardModule } from './modules/card/card.module.js';
import { ClaimsModule } from './modules/claims/claims.module.js';
import { AdminModule } from './modules/admin/admin.module.js';
import { AuthzModule } from './modules/authz/authz.module.js';
import { ConnectionTestModule } from './modules/connection-test/connection-test.module.js';
import { ContributionsModule } from './modules/contributions/contributions.module.js';
import { DashboardModule } from './modules/dashboard/dashboard.module.js';
import { CoopApiModule } from './modules/coop-api/coop-api.module.js';
import { MailModule } from './modules/mail/mail.module.js';
import { MeetingsModule } from './modules/meetings/meetings.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { PrivacyModule } from './modules/privacy/privacy.module.js';
import { RealtimeModule } from './modules/realtime/realtime.module.js';
import { RetentionModule } from './modules/retention/retention.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { StaffModule } from './modules/staff/staff.module.js';
import { TokensModule } from './modules/tokens/tokens.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';
import { IntegrationModule } from './modules/integration/integration.module.js';
import { VirtualCardsModule } from './modules/virtual-cards/virtual-cards.module.js';
import { VirtualCardsAdminModule } from './modules/virtual-cards-admin/virtual-cards-admin.module.js';

export interface AppModuleOptions {
  config: Config;
  logger: Logger;
  database: Database;
  secrets: ServerSecrets;
  /** Feature modules; tests may add their own. */
  features?: Type[];
}

@Module({})
export class AppModule {
  static forRoot({
    config,
    logger,
    database,
    secrets,
    features = [],
  }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(database),
        SecretsModule.forRoot(secrets),
        ClockModule,
        CacheModule,
        MetricsModule,
        JobsModule,
        MailModule.forRoot(config, logger),
        PrivacyModule,
        TokensModule,
        SessionsModule,
        AuthzModule,
        AuthModule,
        AuditApiModule,
        ActivityModule,
        CardModule,
        ClaimsModule,
        CoopApiModule,
        AdminModule,
        AccessModule,
        MeetingsModule,
        NotificationsModule,
        RealtimeModule,
        BalancesModule,
        ContributionsModule,
        DashboardModule,
        ConnectionTestModule,
        StaffModule,
        BusinessStatsModule,
        BusinessMembersModule,
        IntegrationModule,
        WebhooksModule,
        ApplicationsModule,
        VirtualCardsModule,
        VirtualCardsAdminModule,
        RetentionModule,
        ...features,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        Lifecycle,
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
      exports: [Lifecycle],
    };
  }
}
