import { Global, Module } from '@nestjs/common';
import { Scheduler } from '../scheduler/scheduler.js';
import { JobQueue } from './job-queue.js';
import { JobsRepository } from './jobs.repository.js';

/** Background work: durable queued jobs and periodic tasks. */
@Global()
@Module({ providers: [JobsRepository, JobQueue, Scheduler], exports: [JobQueue, Scheduler] })
export class JobsModule {}
