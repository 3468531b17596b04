import { Module } from '@nestjs/common';
import { MemberEvents } from './member-events.js';

/** Publishing member events, for any module that changes what a member's tab shows. */
@Module({ providers: [MemberEvents], exports: [MemberEvents] })
export class MemberEventsModule {}
