import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a fresh 96-bit nonce per value and optional additional authenticated data: the one primitive behind
 * the at-rest sealing of ingest (sealed.ts) and the BSN store's envelope encryption (bsn/envelope.ts). Each part is
 * base64url; the callers decide how the parts are joined. An empty AAD is the same as none (GCM authenticates it as empty).
 */
export function sealGcm(key: Buffer, plaintext: Buffer, aad = ''): [nonce: string, tag: string, body: string] {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  if (aad) cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')];
}

/** Opens what sealGcm produced; throws when the key, the AAD or any part does not match (tampering included). */
export function openGcm(key: Buffer, nonce: string, tag: string, body: string, aad = ''): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
  if (aad) decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
}
