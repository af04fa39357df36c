/**
 * The official XSD check, applied in addition to the project's own check when IJW_XSD_DIR points at a directory
 * with the iJw 3.2 XSDs (basisschema.xsd and JW30x.xsd). It uses xmllint-wasm (libxml2 compiled to WebAssembly:
 * no native build, no network). The project's own check (readIjwXml) remains the authority and always runs.
 * xmllint's messages quote values; every quoted value and every run of nine digits is removed, so no BSN or name
 * ends up in a problem.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IjwBerichtsoort, StructureProblem } from './types';

interface XmllintModule {
  validateXML(options: {
    xml: Array<{ fileName: string; contents: string }>;
    schema: Array<{ fileName: string; contents: string }>;
    preload?: Array<{ fileName: string; contents: string }>;
  }): Promise<{
    valid: boolean;
    errors: ReadonlyArray<{ message: string; loc: null | { fileName: string; lineNumber: number } }>;
    rawOutput: string;
  }>;
}

const cache = new Map<string, { schema: string; basis: string }>();

function loadXsds(dir: string, soort: IjwBerichtsoort): { schema: string; basis: string } {
  const key = `${dir}|${soort}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = { schema: readFileSync(join(dir, `${soort}.xsd`), 'utf8'), basis: readFileSync(join(dir, 'basisschema.xsd'), 'utf8') };
    cache.set(key, hit);
  }
  return hit;
}

/** Removes values from an xmllint message: quoted values (not element names in {ns}Name form) and 9-digit runs. */
export function sanitizeXmllintMessage(message: string): string {
  return message
    .replace(/The value '[^']*'/g, 'The value')
    .replace(/': '[^']*' is not a valid value/g, "': the value is not a valid value")
    .replace(/[0-9]{9,}/g, '#########')
    .trim();
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Validates `xml` against the official XSD of `soort` in `dir` (the platform passes its IJW_XSD_DIR setting).
 * Resolves null when no directory is configured, [] when the XML is valid, else the problems xmllint reports.
 * Rejects when the directory lacks the XSD files (a configuration error).
 */
export async function validateWithOfficialXsd(
  xml: string,
  soort: IjwBerichtsoort,
  dir: string | undefined,
): Promise<StructureProblem[] | null> {
  if (!dir) return null;
  const { schema, basis } = loadXsds(dir, soort);
  // Loaded on first use only: the WebAssembly module is not needed when no XSD directory is configured.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const xmllint = require('xmllint-wasm') as XmllintModule;
  const result = await xmllint.validateXML({
    xml: [{ fileName: 'bericht.xml', contents: xml }],
    schema: [{ fileName: `${soort}.xsd`, contents: schema }],
    preload: [{ fileName: 'basisschema.xsd', contents: basis }],
  });
  if (result.valid) return [];
  const problems = result.errors.map((e) => {
    const element = /Element '(?:\{[^}]*\})?([^']+)'/.exec(e.message)?.[1];
    const name = element?.includes(':') ? element.split(':').pop()! : element;
    const message = sanitizeXmllintMessage(e.message);
    const line = e.loc ? ` (line ${e.loc.lineNumber})` : '';
    return {
      pad: name ?? 'Bericht',
      jsonPad: name ? lowerFirst(name) : '',
      message: `official XSD (xmllint): ${message}${line}`,
      toelichting: `Het officiële XSD van ${soort} keurt het bericht af${line.replace('line', 'regel')}: ${message}`,
    };
  });
  return problems.length
    ? problems
    : [
        {
          pad: 'Bericht',
          jsonPad: '',
          message: `official XSD (xmllint): the bericht is not valid against ${soort}.xsd`,
          toelichting: `Het bericht is niet geldig volgens het officiële XSD van ${soort}.`,
        },
      ];
}
