import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  REGELS_MET_HISTORIE,
  buildRetour,
  checkHistorie,
  ontvang,
  pseudonymiseBericht,
  retourXml,
  verzoekSleutelVan,
  type Bevinding,
  type Heensoort,
  type IjwJson,
  type PseudonymisedBericht,
  type Verzoekheenbericht,
} from '@trajectwacht/ijw';
import { validateManyAgainstStandard, standardAvailable } from '../support/xsd-oracle';
import { runValidate } from '../../tools/cli/validate';
import { array, decodeWith, object, string, type Check } from '@trajectwacht/contracts';

/** What this spec reads of `validate --json`. */
const VALIDATE_OUTPUT = object({
  overgeslagenRegels: array(string),
  bestanden: array(
    object({ berichten: array(object({ toelichtingen: array(((v: unknown) => v) satisfies Check<unknown>), retourXml: string })) }),
  ),
});

/**
 * The conformance corpus through the platform's own validation path (libs/ijw `ontvang`: structure, rules within the
 * bericht, stateless level 4; then `checkHistorie` for the berichtoverstijgende rules, exactly as apps/ingest calls
 * them, and `buildRetour` for the answer): every case gets the outcome and the retourcodes its manifest expects,
 * every retour the platform writes is valid against the official retour XSD (xmllint-wasm, skipped only when
 * ../shared/ijw-3.2 is absent, which CI never is), and `trajectwacht validate` agrees on the single cases.
 * The sequences are also run through the real ingest service on PostgreSQL in apps/ingest/src/ingest.e2e-spec.ts.
 */
type Soort = 'JW301' | 'JW305' | 'JW307' | 'JW315' | 'JW317' | 'JW319';
type RetourSoort = 'JW302' | 'JW306' | 'JW308' | 'JW316' | 'JW318' | 'JW320';
interface Case {
  file: string;
  soort: Soort;
  expected: 'accepted' | 'refused';
  retourcodes: string[];
  rule: string | null;
  niveau: number | null;
  reason: string;
}
interface Sequence extends Omit<Case, 'file' | 'soort'> {
  name: string;
  steps: { file: string; soort: Soort }[];
}
interface Manifest {
  cases: Case[];
  sequences: Sequence[];
}

const TODAY = '2026-12-01';
const SECRET = 'conformance-test-pseudonym-secret-0000000';
const FOLDERS = ['jw301', 'jw305', 'jw307', 'jw315', 'jw317', 'jw319'] as const;
const RETOUR_OF: Record<Soort, RetourSoort> = {
  JW301: 'JW302',
  JW305: 'JW306',
  JW307: 'JW308',
  JW315: 'JW316',
  JW317: 'JW318',
  JW319: 'JW320',
};
/** The checked-in manifest (its structure is checked by corpus.spec.ts). */
const readManifest = (folder: string): Manifest => JSON.parse(readFileSync(join(__dirname, folder, 'manifest.json'), 'utf8'));
const manifests = FOLDERS.map((folder) => ({ folder, manifest: readManifest(folder) }));

interface Verdict {
  status: 'geaccepteerd' | 'afgewezen';
  codes: string[];
  retour: string | null;
  soort: Soort | null;
  niveau1: boolean;
}

/** One platform with its history: what the ingest service keeps in ijw_bericht and ijw_heenbericht. */
class Platform {
  private readonly history = new Map<string, PseudonymisedBericht[]>();
  private readonly identificaties = new Map<string, string>();

  /** `withHistory` false: controleniveau 1, 2 and stateless 4 only, as the manifests' single cases (and `validate`) define them. */
  receive(xml: string, withHistory = true): Verdict {
    const read = ontvang(xml, { today: TODAY, maxBytes: 256 * 1024 });
    if (!read.ok) return { status: 'afgewezen', codes: [], retour: null, soort: null, niveau1: true };
    const b = read.berichten[0]!;
    if (b.verzoek && b.json && b.soort && !b.foutmelding)
      return this.receiveVerzoek(b.soort, b.json, b.verzoek, b.bevindingen, withHistory);
    if (b.foutmelding || !b.heenbericht || !b.json || !b.soort)
      return { status: 'afgewezen', codes: [], retour: null, soort: b.soort ?? null, niveau1: true };
    let bevindingen: Bevinding[] = b.bevindingen;
    const regels = b.heenbericht.regels.map((r) => pseudonymiseBericht(r, SECRET) as PseudonymisedBericht);
    if (bevindingen.length === 0 && withHistory) {
      // TR056 as the pipeline applies it: same sender, berichtsoort and Identificatie with other content → 9056
      const id = `${b.soort}|${b.heenbericht.header.afzender}|${b.heenbericht.header.identificatie}`;
      const hash = createHash('sha256').update(JSON.stringify(b.json)).digest('hex');
      const earlier = this.identificaties.get(id);
      if (earlier !== undefined && earlier !== hash) {
        bevindingen = [{ retourcode: '9056', regel: 'TR056', niveau: 3, klasse: 'header', toelichting: 'Identificatie al gebruikt' }];
      } else {
        // a TR019 finding holds the bericht in the platform until the grace period ends; here it has ended
        bevindingen = checkHistorie(regels, (key) => this.history.get(key) ?? []);
      }
      this.identificaties.set(id, hash);
    }
    const status = bevindingen.length ? 'afgewezen' : 'geaccepteerd';
    if (status === 'geaccepteerd') {
      for (const r of regels) {
        const key = `${r.gemeente}|${r.toewijzingNummer}`;
        this.history.set(key, [...(this.history.get(key) ?? []), r]);
      }
    }
    const retour = retourXml(
      buildRetour({ soort: b.soort, json: b.json }, bevindingen, { identificatieRetour: 'conformance1', dagtekeningRetour: TODAY }),
    );
    return { status, codes: bevindingen.map((x) => x.retourcode), retour, soort: b.soort as Soort, niveau1: false };
  }

  /** JW315/JW317/JW319: levels 1, 2 and stateless 4 from `ontvang`, then TR056 as the pipeline applies it. */
  private receiveVerzoek(soort: Soort, json: IjwJson, verzoek: Verzoekheenbericht, gevonden: Bevinding[], withHistory: boolean): Verdict {
    let bevindingen = gevonden;
    if (bevindingen.length === 0 && withHistory) {
      const id = `${soort}|${verzoek.header.afzender}|${verzoek.header.identificatie}`;
      const hash = createHash('sha256').update(JSON.stringify(json)).digest('hex');
      const earlier = this.identificaties.get(id);
      if (earlier !== undefined && earlier !== hash)
        bevindingen = [{ retourcode: '9056', regel: 'TR056', niveau: 3, klasse: 'header', toelichting: 'Identificatie al gebruikt' }];
      this.identificaties.set(id, hash);
    }
    const retour = retourXml(
      buildRetour({ soort: soort as Heensoort, json }, bevindingen, { identificatieRetour: 'conformance1', dagtekeningRetour: TODAY }),
    );
    return {
      status: bevindingen.length ? 'afgewezen' : 'geaccepteerd',
      codes: bevindingen.map((x) => x.retourcode),
      retour,
      soort,
      niveau1: false,
    };
  }
}

const retouren: { xml: string; soort: RetourSoort; what: string }[] = [];

describe.each(manifests)('conformance corpus $folder through the platform', ({ folder, manifest }) => {
  it.each(manifest.cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const verdict = new Platform().receive(readFileSync(join(__dirname, folder, c.file), 'utf8'), false);
    expect({ file: c.file, status: verdict.status }).toEqual({
      file: c.file,
      status: c.expected === 'accepted' ? 'geaccepteerd' : 'afgewezen',
    });
    if (c.niveau === 1 || c.file.startsWith('xsd-invalid/')) expect(verdict.niveau1).toBe(true);
    else {
      expect(verdict.codes).toEqual(expect.arrayContaining(c.retourcodes));
      retouren.push({ xml: verdict.retour!, soort: RETOUR_OF[c.soort], what: `${folder}/${c.file}` });
    }
  });

  it.each(manifest.sequences.map((s) => [s.name, s] as const))('sequence %s', (_name, s) => {
    const platform = new Platform();
    const verdicts = s.steps.map((step) => platform.receive(readFileSync(join(__dirname, folder, step.file), 'utf8')));
    const last = verdicts[verdicts.length - 1]!;
    for (const v of verdicts.slice(0, -1)) expect(v.status).toBe('geaccepteerd');
    expect(last.status).toBe(s.expected === 'accepted' ? 'geaccepteerd' : 'afgewezen');
    expect(last.codes).toEqual(expect.arrayContaining(s.retourcodes));
    // level-3 findings carry the rule's code where IV028 puts it, with 0200 on the header
    if (s.niveau === 3 && last.retour) for (const code of s.retourcodes) expect(last.retour).toContain(`RetourCode>${code}<`);
    verdicts.forEach(
      (v, i) => v.retour && retouren.push({ xml: v.retour, soort: RETOUR_OF[v.soort!], what: `${folder}/${s.name} step ${i + 1}` }),
    );
  });
});

describe('the request side of the corpus: the link the standard prescribes', () => {
  it('jw315/history/VOT-1: the JW319 and the JW301 refer to the AangevraagdProduct by its ReferentieAanbieder (TR355, TR379)', () => {
    const sequence = manifests.find((m) => m.folder === 'jw315')!.manifest.sequences.find((s) => s.name === 'VOT-1')!;
    const keys = sequence.steps.map((step) => {
      const read = ontvang(readFileSync(join(__dirname, 'jw315', step.file), 'utf8'), { today: TODAY, maxBytes: 256 * 1024 });
      const b = read.ok ? read.berichten[0]! : undefined;
      return verzoekSleutelVan((b?.verzoek ?? b?.heenbericht)!.regels[0]!);
    });
    expect(new Set(keys)).toEqual(new Set(['0034|98100001|VOT-H04']));
  });
});

describe('every retour the platform wrote for the corpus', () => {
  (standardAvailable() ? it : it.skip)(
    'is valid against the official retour XSD (xmllint-wasm; ../shared/ijw-3.2/xsd)',
    async () => {
      expect(retouren.length).toBeGreaterThan(50);
      for (const soort of ['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320'] as const) {
        const batch = retouren.filter((r) => r.soort === soort);
        const results = await validateManyAgainstStandard(
          batch.map((r) => r.xml),
          soort,
        );
        const invalid = results.map((r, i) => (r.valid ? null : `${batch[i]!.what}: ${r.errors.join('; ')}`)).filter(Boolean);
        expect(invalid).toEqual([]);
      }
    },
    30_000,
  );
});

describe('trajectwacht validate on the corpus', () => {
  it('exits 0 for accepted cases, 1 for refused ones and says which rules it skipped', () => {
    const lines: string[] = [];
    const accepted = manifests.flatMap(({ folder, manifest }) =>
      manifest.cases.filter((c) => c.expected === 'accepted').map((c) => join(__dirname, folder, c.file)),
    );
    const refused = manifests.flatMap(({ folder, manifest }) =>
      manifest.cases.filter((c) => c.expected === 'refused').map((c) => join(__dirname, folder, c.file)),
    );
    expect(runValidate(accepted, { json: false, today: TODAY }, (t) => lines.push(t))).toBe(0);
    expect(lines.join('')).toContain(`skipped (need the platform's history): ${REGELS_MET_HISTORIE.join(', ')}`);
    for (const file of refused) expect([file, runValidate([file], { json: true, today: TODAY }, () => undefined)]).toEqual([file, 1]);
  });

  it('exits 2 for a file that cannot be read or holds no bericht, and prints the retour XML and the explanations', () => {
    expect(runValidate([join(__dirname, 'does-not-exist.xml')], { json: false }, () => undefined)).toBe(2);
    expect(runValidate([join(__dirname, 'manifest-does-not-exist.json')], { json: true }, () => undefined)).toBe(2);
    const out: string[] = [];
    const refused = manifests[1]!.manifest.cases.find((c) => c.expected === 'refused' && c.niveau === 2)!;
    expect(runValidate([join(__dirname, 'jw305', refused.file)], { json: false, today: TODAY }, (t) => out.push(t))).toBe(1);
    expect(out.join('')).toMatch(/<jw306:Bericht/);
    expect(out.join('')).toMatch(/# 0001 /);
    const json: string[] = [];
    runValidate([join(__dirname, 'jw305', refused.file)], { json: true, today: TODAY }, (t) => json.push(t));
    const parsed = decodeWith('validate --json', VALIDATE_OUTPUT, JSON.parse(json.join('')));
    expect(parsed.overgeslagenRegels).toEqual([...REGELS_MET_HISTORIE]);
    expect(parsed.bestanden[0]!.berichten[0]!.toelichtingen.length).toBeGreaterThan(0);
  });
});
