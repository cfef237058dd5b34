export { startJobQueue, msUntilDaily, type JobQueue, type JobHandler, type Repeat, type JobQueueOptions } from './job-queue.ts';
