/**
 * The external oracle for tests: the official iJw 3.2 XSDs in ../shared/ijw-3.2/xsd, applied with xmllint-wasm
 * (libxml2 compiled to WebAssembly, an XSD validator package; no native build, works offline). Tests that use it
 * skip only when ../shared is absent (standardAvailable() is false), which CI never is.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IjwBerichtsoort } from '../../libs/ijw/src/model';

export const STANDARD_XSD_DIR = path.resolve(__dirname, '../../../shared/ijw-3.2/xsd');

export function standardAvailable(): boolean {
  return existsSync(path.join(STANDARD_XSD_DIR, 'basisschema.xsd'));
}

interface XmllintModule {
  validateXML(options: {
    xml: Array<{ fileName: string; contents: string }>;
    schema: Array<{ fileName: string; contents: string }>;
    preload?: Array<{ fileName: string; contents: string }>;
  }): Promise<{
    valid: boolean;
    errors: ReadonlyArray<{ rawMessage: string; message: string; loc: null | { fileName: string; lineNumber: number } }>;
    rawOutput: string;
  }>;
}

const xsdCache = new Map<string, string>();
function xsd(name: string): string {
  let text = xsdCache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(STANDARD_XSD_DIR, name), 'utf8');
    xsdCache.set(name, text);
  }
  return text;
}

export interface OracleResult {
  valid: boolean;
  errors: string[];
}

/**
 * Validates many documents of one soort in one xmllint run (instantiating libxml2 costs about 0.3 s; one run
 * validates hundreds of documents). A document is valid exactly when xmllint reports "<file> validates".
 */
export async function validateManyAgainstStandard(xmls: readonly string[], soort: IjwBerichtsoort): Promise<OracleResult[]> {
  if (!standardAvailable()) throw new Error(`the iJw 3.2 XSDs are not available at ${STANDARD_XSD_DIR}`);
  if (xmls.length === 0) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateXML } = require('xmllint-wasm') as XmllintModule;
  const files = xmls.map((contents, i) => ({ fileName: `bericht-${i}.xml`, contents }));
  const result = await validateXML({
    xml: files,
    schema: [{ fileName: `${soort}.xsd`, contents: xsd(`${soort}.xsd`) }],
    preload: [{ fileName: 'basisschema.xsd', contents: xsd('basisschema.xsd') }],
  });
  const validated = new Set(
    result.rawOutput
      .split('\n')
      .map((line) => /^(bericht-[0-9]+\.xml) validates$/.exec(line.trim())?.[1])
      .filter((f): f is string => f !== undefined),
  );
  return files.map((f) => {
    const errors = result.errors
      .filter((e) => e.loc?.fileName === f.fileName || e.rawMessage.startsWith(`${f.fileName}:`))
      .map((e) => e.message);
    const valid = validated.has(f.fileName);
    return { valid, errors: valid ? [] : errors.length ? errors : ['xmllint did not validate the document'] };
  });
}

/** Validates one bericht against the official XSD of its soort (../shared/ijw-3.2/xsd/<soort>.xsd with basisschema.xsd). */
export async function validateAgainstStandard(xml: string, soort: IjwBerichtsoort): Promise<OracleResult> {
  const [result] = await validateManyAgainstStandard([xml], soort);
  return result!;
}
