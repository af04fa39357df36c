import { createHmac } from 'node:crypto';

/**
 * The child's identity inside the platform: HMAC-SHA256 of the BSN under a secret key, 128 bits in hex.
 * Without the key the pseudonym cannot be linked back to a BSN (a plain hash could, by trying all 10⁹ BSNs).
 */
export function pseudonymiseBsn(bsn: string, secret: string): string {
  if (!secret || secret.length < 32) throw new Error('pseudonym secret must be at least 32 characters');
  return createHmac('sha256', secret).update(`bsn:${bsn}`).digest('hex').slice(0, 32);
}
