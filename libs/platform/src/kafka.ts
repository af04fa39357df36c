import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { PlatformConfig } from './config';
import { redact } from './redact';

/** One kafkajs client per service, with its log lines routed through the BSN-redacting logger. */
// eslint-disable-next-line no-restricted-properties -- sets kafkajs's own switch (not a setting of ours) before kafkajs reads it
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

export function createKafka(config: Pick<PlatformConfig, 'kafkaBrokers'>, clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: config.kafkaBrokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 12, maxRetryTime: 5000 },
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        if (level > logLevel.WARN) return;
        const { message, ...extra } = log;
        // Rebalances are routine (instances joining or leaving): not worth a warning line per heartbeat.
        if (/rebalancing|rejoin/i.test(`${message} ${String(extra.error ?? '')}`)) return;
        process.stderr.write(redact(`[kafkajs] ${logLevel[level]} ${namespace}: ${message} ${JSON.stringify(extra)}`) + '\n');
      },
  });
}
