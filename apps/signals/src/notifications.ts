import { createHmac } from 'node:crypto';

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

/** One HTTP delivery; throws (so BullMQ retries) on a network error or a non-2xx answer. */
export async function deliver(subscription: Subscription, notification: Notification, timeoutMs = 10_000): Promise<number> {
  const body = JSON.stringify(notification);
  const response = await fetch(subscription.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, subscription.secret), 'user-agent': 'trajectwacht-webhook/1' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status < 200 || response.status >= 300) throw new Error(`webhook answered HTTP ${response.status}`);
  return response.status;
}
