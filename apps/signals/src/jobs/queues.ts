/**
 * The signal service's BullMQ queues (names kept from before the jobs had files of their own: the job schedulers and
 * waiting jobs already in Redis carry them).
 * - signal-schedules: the timer sweep, the escalation sweep and the digests, one job at a time per instance;
 * - webhook-delivery: one job per notification, four at a time, retried with exponential backoff.
 */
export const SIGNAL_QUEUE = 'signal-schedules';
export const DELIVERY_QUEUE = 'webhook-delivery';
