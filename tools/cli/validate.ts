import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  REGELS_MET_HISTORIE,
  buildRetour,
  dutchDate,
  explainRetour,
  ontvang,
  retourXml,
  type Bevinding,
  type Foutmelding,
} from '@trajectwacht/ijw';

/**
 * `trajectwacht validate FILE...`: the platform's own reading and per-bericht validation (controleniveau 1, 2 and the
 * stateless checks of 4) of every bericht the platform receives (JW301, JW305, JW307 and the request side JW315,
 * JW317, JW319), without any infrastructure. Prints per file the retour bericht the platform would send, or
 * the foutmelding when IV028 sends none. The rules that need earlier berichten (controleniveau 3) are skipped and
 * named. Exit 0 when every bericht is accepted, 1 when any is refused, 2 when a file cannot be read or holds no bericht.
 */
const NIVEAU_1: Bevinding = {
  retourcode: '0001',
  regel: 'XSD',
  niveau: 1,
  klasse: 'header',
  toelichting: 'Het bericht voldoet niet aan het XSD van iJw 3.2.',
};
const retourId = (): string => randomUUID().replace(/-/g, '').slice(0, 12);

export interface ValidateOptions {
  json: boolean;
  today?: string;
  maxBytes?: number;
}

export interface FileVerdict {
  file: string;
  /** 'unreadable' when the file could not be read or holds no bericht at all. */
  verdict: 'accepted' | 'refused' | 'unreadable';
  berichten: {
    berichtcode: string | null;
    identificatie: string | null;
    status: 'geaccepteerd' | 'afgewezen';
    retourSoort: string | null;
    retourXml: string | null;
    bevindingen: Bevinding[];
    toelichtingen: ReturnType<typeof explainRetour>;
    foutmelding: Foutmelding | null;
  }[];
  error?: string;
}

export function validateFile(file: string, options: ValidateOptions): FileVerdict {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (error) {
    return { file, verdict: 'unreadable', berichten: [], error: (error as Error).message };
  }
  const today = options.today ?? dutchDate(new Date());
  const read = ontvang(raw, { today, maxBytes: options.maxBytes ?? Number(process.env.MAX_MESSAGE_BYTES ?? 256 * 1024) });
  if (!read.ok) return { file, verdict: 'unreadable', berichten: [], error: read.foutmelding.toelichting };
  const berichten = read.berichten.map((b) => {
    const gelezen = b.heenbericht ?? b.verzoek;
    if (b.foutmelding || !b.json || !b.soort || !gelezen) {
      // as the platform: a valid header gets a header-only retour 0001 beside the foutmelding (controleniveau 1)
      const retour =
        b.headerJson && b.soort
          ? buildRetour({ soort: b.soort, json: { header: b.headerJson } }, [NIVEAU_1], {
              identificatieRetour: retourId(),
              dagtekeningRetour: today,
            })
          : null;
      const identificatie = b.headerJson ? String((b.headerJson.berichtIdentificatie as Record<string, unknown>).identificatie) : null;
      return {
        berichtcode: b.soort ?? null,
        identificatie,
        status: 'afgewezen' as const,
        retourSoort: retour?.soort ?? null,
        retourXml: retour ? retourXml(retour) : null,
        bevindingen: [],
        toelichtingen: [],
        foutmelding: b.foutmelding ?? null,
      };
    }
    const retour = buildRetour({ soort: b.soort, json: b.json }, b.bevindingen, {
      identificatieRetour: retourId(),
      dagtekeningRetour: today,
    });
    return {
      berichtcode: b.soort,
      identificatie: gelezen.header.identificatie,
      status: b.bevindingen.length ? ('afgewezen' as const) : ('geaccepteerd' as const),
      retourSoort: retour.soort,
      retourXml: retourXml(retour),
      bevindingen: b.bevindingen,
      toelichtingen: explainRetour(b.bevindingen),
      foutmelding: null,
    };
  });
  return { file, verdict: berichten.every((b) => b.status === 'geaccepteerd') ? 'accepted' : 'refused', berichten };
}

/** The codes of the rules `validate` cannot apply without the platform's history. */
export function skippedRules(): string[] {
  return [...REGELS_MET_HISTORIE];
}

export function runValidate(files: string[], options: ValidateOptions, out: (text: string) => void): number {
  const verdicts = files.map((f) => validateFile(f, options));
  const skipped = skippedRules();
  if (options.json) {
    out(
      JSON.stringify(
        {
          overgeslagenRegels: skipped,
          reden: 'these rules compare with earlier berichten, which only the platform knows',
          bestanden: verdicts,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    for (const v of verdicts) {
      out(`== ${v.file}: ${v.verdict}${v.error ? ` (${v.error})` : ''}\n`);
      for (const b of v.berichten) {
        if (b.foutmelding)
          out(`foutmelding ${b.foutmelding.code} (IV028: no retour bericht for controleniveau 1): ${b.foutmelding.toelichting}\n`);
        for (const t of b.toelichtingen) out(`# ${t.retourcode} ${t.regel}${t.pad ? ` ${t.pad}` : ''}: ${t.toelichting}\n`);
        if (b.retourXml) out(`${b.retourXml.trimEnd()}\n`);
      }
    }
    out(`skipped (need the platform's history): ${skipped.join(', ')}\n`);
  }
  if (verdicts.some((v) => v.verdict === 'unreadable')) return 2;
  return verdicts.some((v) => v.verdict === 'refused') ? 1 : 0;
}
