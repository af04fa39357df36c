/**
 * Every rule file in this folder is registered, every registered rule has a spec whose describe title cites its
 * file, and its `bron` exists in the standard (../shared/ijw-3.2) with the same code, controleniveau, retourcode and
 * berichten. The checks against the standard skip only when ../shared/ijw-3.2 is absent (CI always has it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BERICHT_REGELS, HISTORIE_REGELS, REGELS_MET_HISTORIE, VERZOEK_HISTORIE_REGELS } from './index';

const ROOT = path.resolve(__dirname, '../../../..');
const STANDAARD = path.resolve(ROOT, '../shared/ijw-3.2');
const heeftStandaard = fs.existsSync(STANDAARD);
const metStandaard = heeftStandaard ? describe : describe.skip;
if (!heeftStandaard) console.warn(`registry.spec: ${STANDAARD} is absent, the checks against the standard are skipped`);

const REGEL_BESTAND = /^(TR|CS|CD)\d{3}\.ts$/;
const alle = [...BERICHT_REGELS, ...HISTORIE_REGELS, ...VERZOEK_HISTORIE_REGELS];

describe('rule registry (regels/)', () => {
  it('every rule file is registered under its own code, once', () => {
    const bestanden = fs
      .readdirSync(__dirname)
      .filter((f) => REGEL_BESTAND.test(f))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(alle.map((r) => r.code).sort()).toEqual(bestanden);
    expect(new Set(alle.map((r) => r.code)).size).toBe(alle.length);
  });

  it.each(alle.map((r) => [r.code, r] as const))('%s has a table-driven spec citing its bron', (code, regel) => {
    const spec = path.join(__dirname, `${code}.spec.ts`);
    expect(fs.existsSync(spec)).toBe(true);
    const tekst = fs.readFileSync(spec, 'utf8');
    expect(tekst).toContain(`describe('${code} (${regel.bron})'`);
    expect(tekst).toContain('it.each');
  });

  it('every rule applies to at least one berichtsoort; a rule with a verzoek part has a spec that runs it', () => {
    for (const r of BERICHT_REGELS) expect([r.code, r.berichten.length + (r.verzoek?.berichten.length ?? 0)]).not.toEqual([r.code, 0]);
    for (const r of BERICHT_REGELS.filter((x) => x.verzoek))
      expect([r.code, fs.readFileSync(path.join(__dirname, `${r.code}.spec.ts`), 'utf8')]).toEqual([
        r.code,
        expect.stringContaining('runVerzoek('),
      ]);
  });

  it('the rules that need history are the niveau-3 rules', () => {
    expect(REGELS_MET_HISTORIE).toEqual([...HISTORIE_REGELS, ...VERZOEK_HISTORIE_REGELS].map((r) => r.code));
    expect(VERZOEK_HISTORIE_REGELS.every((r) => r.niveau === 3)).toBe(true);
    expect(HISTORIE_REGELS.every((r) => r.niveau === 3)).toBe(true);
    expect(BERICHT_REGELS.every((r) => r.niveau === 2 || r.niveau === 4)).toBe(true);
    expect(BERICHT_REGELS.filter((r) => r.niveau === 2).every((r) => r.retourcode === '0001')).toBe(true);
  });
});

metStandaard('rule registry against ../shared/ijw-3.2', () => {
  const retourcodes = (() => {
    if (!heeftStandaard) return new Set<string>(); // describe.skip still runs this body
    const xsd = fs.readFileSync(path.join(STANDAARD, 'xsd/basisschema.xsd'), 'utf8');
    const blok = /name="LDT_RetourCode">([\s\S]*?)<\/xs:simpleType>/.exec(xsd)![1]!;
    return new Set([...blok.matchAll(/enumeration value="([^"]+)"/g)].map((m) => m[1]));
  })();
  const NIVEAU_VAN_MAP: Record<string, number> = { xslt: 2, berichtoverstijgend: 3, 'externe-bon': 4 };

  it.each(alle.map((r) => [r.code, r] as const))('%s: bron exists and agrees', (code, regel) => {
    const bron = path.join(STANDAARD, regel.bron);
    expect(fs.existsSync(bron)).toBe(true);
    expect(retourcodes.has(regel.retourcode)).toBe(true);
    const tekst = fs.readFileSync(bron, 'utf8');
    if (code.startsWith('TR')) {
      expect(path.basename(regel.bron)).toBe(`${code}.md`);
      const map = path.basename(path.dirname(regel.bron));
      expect(regel.niveau).toBe(NIVEAU_VAN_MAP[map]);
      expect(/\| Retourcode \| ([^ |]+) \|/.exec(tekst)?.[1]).toBe(regel.retourcode);
      const gebruik = /## Gebruik in berichten([\s\S]*?)---/.exec(tekst)![1]!;
      // The xslt files name the berichten WMO30x (a transcription slip): the number is what counts.
      const berichten = [...gebruik.matchAll(/- (?:JW|WMO)(\d{3})/g)].map((m) => `JW${m[1]}`);
      for (const b of [...regel.berichten, ...('verzoek' in regel ? (regel.verzoek?.berichten ?? []) : [])]) expect(berichten).toContain(b);
    } else {
      expect(regel.niveau).toBe(2);
      expect(regel.retourcode).toBe('0001');
      const blokken = tekst.split('\n# Regel ').filter((b) => b.includes(`- Regelcode: ${code}`));
      expect(blokken.length).toBeGreaterThan(0);
      const berichten = new Set(blokken.map((b) => /- Bericht: (\S+)/.exec(b)?.[1]));
      for (const b of [...regel.berichten, ...('verzoek' in regel ? (regel.verzoek?.berichten ?? []) : [])]) expect(berichten).toContain(b);
    }
  });
});
