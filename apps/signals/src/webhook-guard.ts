import { BadRequestException } from '@nestjs/common';
import {
  DEFAULT_HTTP_SETTINGS,
  UnsafeDestinationError,
  assertSafeUrl,
  parseAllowList,
  type AllowList,
  type Metrics,
  type PlatformConfig,
} from '@trajectwacht/platform';
import { deliver, type Notification, type Subscription } from './notifications';
import type { WebhookRepository } from './webhook.repository';

/** WEBHOOK_ALLOWED_HOSTS of the configuration as an allow-list (validated at start-up by loadConfig). */
export function webhookAllowList(config: PlatformConfig | undefined): AllowList {
  return parseAllowList((config?.http ?? DEFAULT_HTTP_SETTINGS).webhookAllowedHosts).allowList;
}

/**
 * PUT /api/v1/webhooks: the URL's host must resolve, now, only to public addresses (or be allow-listed); a clear 400
 * otherwise. Checked again at every delivery (deliveries below), since DNS can change after registration.
 */
export async function assertWebhookUrl(url: URL, allow: AllowList): Promise<void> {
  try {
    await assertSafeUrl(url, allow);
  } catch (error) {
    if (error instanceof UnsafeDestinationError) throw new BadRequestException(`url is not allowed: ${error.message}`);
    throw error;
  }
}

/** One delivery under the address policy, counted by outcome (delivered, failed, refused). */
export function guardedDelivery(
  allow: AllowList,
  metrics: Metrics,
): (subscription: Subscription, notification: Notification) => Promise<number> {
  return async (subscription, notification) => {
    try {
      const status = await deliver(subscription, notification, 10_000, allow);
      metrics.webhookDeliveries.inc({ outcome: 'delivered' });
      return status;
    } catch (error) {
      metrics.webhookDeliveries.inc({ outcome: error instanceof UnsafeDestinationError ? 'refused' : 'failed' });
      throw error;
    }
  };
}

/** The webhook repository as the delivery job uses it, with every dead letter counted. */
export function countingDeadLetters(
  webhooks: WebhookRepository,
  metrics: Metrics,
): Pick<WebhookRepository, 'subscription' | 'addDeadLetter' | 'takeForReplay'> {
  return {
    subscription: (gemeente) => webhooks.subscription(gemeente),
    takeForReplay: (id, gemeente) => webhooks.takeForReplay(id, gemeente),
    addDeadLetter: async (gemeente, payload, error, attempts) => {
      await webhooks.addDeadLetter(gemeente, payload, error, attempts);
      metrics.webhookDeadLetters.inc();
    },
  };
}
