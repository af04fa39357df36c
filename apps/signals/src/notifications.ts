import { createHmac } from 'node:crypto';
import { EMPTY_ALLOW_LIST, postGuarded, type AllowList } from '@trajectwacht/platform';

/**
 * Notifications to toegang teams: what is sent (no BSN, only the pseudonymous reference and a link), how it is signed
 * (HMAC-SHA256 of the body with the subscription's secret, header X-Trajectwacht-Signature: sha256=<hex>), and how
 * one delivery is made. Retries, backoff and dead-lettering are BullMQ's (see jobs/webhook-delivery.job.ts); the
 * subscriptions are kept by webhook.repository.ts.
 */
export interface AlertNotification {
  kind: 'alert';
  alertId: string;
  event: string;
  ruleId: string;
  severity: string;
  status: string;
  gemeente: string;
  clientReferentie: string;
  title: string;
  effectiveAt: string;
  link: string;
}

export interface DigestNotification {
  kind: 'digest';
  gemeente: string;
  date: string;
  count: number;
  alerts: Omit<AlertNotification, 'kind' | 'gemeente'>[];
  link: string;
}

export type Notification = AlertNotification | DigestNotification;

export const SIGNATURE_HEADER = 'x-trajectwacht-signature';

export function sign(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface Subscription {
  gemeente: string;
  url: string;
  secret: string;
  mode: 'direct' | 'digest';
  digestHour: number;
}

/**
 * One HTTP delivery; throws (so BullMQ retries) on a network error or a non-2xx answer. The address policy applies at
 * every delivery (DNS may have changed since the URL was registered; the connection goes only to the checked
 * addresses): loopback, private, link-local, metadata … are refused unless in the allow-list (UnsafeDestinationError).
 */
export async function deliver(
  subscription: Subscription,
  notification: Notification,
  timeoutMs = 10_000,
  allow: AllowList = EMPTY_ALLOW_LIST,
): Promise<number> {
  const body = JSON.stringify(notification);
  const status = await postGuarded(new URL(subscription.url), body, {
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: sign(body, subscription.secret),
      'user-agent': 'trajectwacht-webhook/1',
    },
    timeoutMs,
    allow,
  });
  if (status < 200 || status >= 300) throw new Error(`webhook answered HTTP ${status}`);
  return status;
}
