import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CardModule } from '../card/card.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { RecommendationsController } from './recommendations.controller.js';
import { RecommendationsRepository } from './recommendations.repository.js';
import { RecommendationsService } from './recommendations.service.js';
import { TotpSuggestion } from './totp-suggestion.js';

/**
 * Rule-based suggestions for the member: listed on the home, dismissible for good, and "turn on
 * 2FA" also sent once as a notification a day after registration.
 */
@Module({
  imports: [SessionsModule, AuditModule, CardModule, NotificationsModule],
  controllers: [RecommendationsController],
  providers: [RecommendationsRepository, RecommendationsService, TotpSuggestion],
  exports: [TotpSuggestion],
})
export class RecommendationsModule {}
