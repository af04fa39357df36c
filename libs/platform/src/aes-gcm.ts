import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';

// Nonces are taken from a pool of CSPRNG bytes filled 4 KiB at a time: one randomFillSync per 341 nonces instead of a
// randomBytes call (and its buffer) per value, the same bytes from the same generator. Each nonce is copied out of the
// pool and never handed out twice.
const NONCE_BYTES = 12;
const pool = Buffer.alloc(NONCE_BYTES * 341);
let poolAt = pool.length;

function freshNonce(): Buffer {
  if (poolAt + NONCE_BYTES > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const nonce = Buffer.from(pool.subarray(poolAt, poolAt + NONCE_BYTES));
  poolAt += NONCE_BYTES;
  return nonce;
}

/**
 * AES-256-GCM with a fresh 96-bit nonce per value and optional additional authenticated data: the one primitive behind
 * the at-rest sealing of ingest (sealed.ts) and the BSN store's envelope encryption (bsn/envelope.ts). Each part is
 * base64url; the callers decide how the parts are joined. An empty AAD is the same as none (GCM authenticates it as empty).
 */
export function sealGcm(key: Buffer, plaintext: Buffer, aad = ''): [nonce: string, tag: string, body: string] {
  const nonce = freshNonce();
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
