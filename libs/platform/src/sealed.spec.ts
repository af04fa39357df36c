import { Sealer } from './sealed';

describe('Sealer (AES-256-GCM at rest)', () => {
  const sealer = new Sealer('unit-test-secret-that-is-long-enough-000');
  it('round-trips and never shows the plaintext', () => {
    const text = '<Bsn>999900006</Bsn> ünïcode';
    const sealed = sealer.seal(text);
    expect(sealed).not.toContain('999900006');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealer.open(sealed)).toBe(text);
  });
  it('uses a fresh nonce per value', () => {
    expect(sealer.seal('x')).not.toBe(sealer.seal('x'));
  });
  it('refuses a tampered value and another key', () => {
    const sealed = sealer.seal('geheim');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('andere tekst').toString('base64url');
    expect(() => sealer.open(parts.join('.'))).toThrow();
    expect(() => new Sealer('another-secret-that-is-long-enough-0000').open(sealed)).toThrow();
    expect(() => sealer.open('plain text')).toThrow(/not a sealed value/);
  });
});
