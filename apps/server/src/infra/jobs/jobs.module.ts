import { Global, Module } from '@nestjs/common';
import { PeriodicTasksRepository } from '../scheduler/periodic-tasks.repository.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { JobQueue } from './job-queue.js';
import { JobsRepository } from './jobs.repository.js';

/** Background work on PostgreSQL: durable queued and scheduled jobs, and periodic tasks. */
@Global()
@Module({
  providers: [JobsRepository, JobQueue, PeriodicTasksRepository, Scheduler],
  exports: [JobQueue, Scheduler],
})
export class JobsModule {}
