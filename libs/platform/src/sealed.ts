import { hkdfSync } from 'node:crypto';
import { openGcm, sealGcm } from './aes-gcm';

/**
 * Sealing at rest for the few things ingest must keep that can hold personal data the standard itself puts there:
 * a held heenbericht (needed to write its retour later) and the retour bericht (IV028 copies the client's classes,
 * BSN included, into a retour that reports a client or product problem). AES-256-GCM with a fresh 96-bit nonce per
 * value; the key is derived with HKDF-SHA256 from the platform's pseudonym secret under its own label, so no table
 * and no backup holds a readable BSN. Format: `v1.<nonce>.<tag>.<ciphertext>` (base64url).
 */
const LABEL = 'trajectwacht/ingest/sealed-at-rest/v1';

export class Sealer {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (!secret) throw new Error('Sealer needs a secret');
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), Buffer.from(LABEL, 'utf8'), 32));
  }

  seal(plaintext: string): string {
    return ['v1', ...sealGcm(this.key, Buffer.from(plaintext, 'utf8'))].join('.');
  }

  open(sealed: string): string {
    const [version, nonce, tag, body] = sealed.split('.');
    if (version !== 'v1' || !nonce || !tag || body === undefined) throw new Error('not a sealed value');
    return openGcm(this.key, nonce, tag, body).toString('utf8');
  }
}
