import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AuditController } from './audit.controller.js';
import { AuditModule } from './audit.module.js';

/** The member-facing side of the audit log (the log itself has no dependencies). */
@Module({ imports: [AuditModule, SessionsModule], controllers: [AuditController] })
export class AuditApiModule {}
