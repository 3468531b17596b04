import { Module } from '@nestjs/common';
import { AuthzModule } from '../authz/authz.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { RealtimeGateway } from './realtime.gateway.js';

/** The real-time channel: members' sockets on this node, fed by every node's member events. */
@Module({ imports: [SessionsModule, AuthzModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
