import type { IjwBerichtsoort } from '../model';

export type { IjwBerichtsoort };

/**
 * The JSON form of an iJw 3.2 bericht: the exact camelCase mapping of the XML tree. The root element `Bericht`
 * is not a key (the object IS the Bericht); element `ToewijzingNummer` becomes key `toewijzingNummer`; a simple
 * value is a string holding exactly the XML text; an element whose maxOccurs > 1 is always an array, also with
 * one item. JSON Schemas: docs/schema/jw30x.schema.json.
 */
export interface IjwJson {
  [key: string]: IjwJsonValue;
}
export type IjwJsonValue = string | IjwJson | Array<string | IjwJson>;

/** One structural problem (controleniveau 1: XSD). */
export interface StructureProblem {
  /** XML path below Bericht, e.g. `Client/ToegewezenProducten/ToegewezenProduct[2]/ToewijzingNummer` ([n] 1-based). */
  pad: string;
  /** The same place in the JSON form, e.g. `client.toegewezenProducten.toegewezenProduct[1].toewijzingNummer` (0-based). */
  jsonPad: string;
  /** English. Never contains a value that could be personal (a BSN, a name): it names the element instead. */
  message: string;
  /** Dutch explanation for the sender. */
  toelichting: string;
}

/** Limits against hostile input. */
export interface XmlLimits {
  /** Maximum length of the whole XML text in characters (default 5 000 000). */
  maxInputLength: number;
  /** Maximum element nesting depth (default 32; iJw berichten are at most 8 deep). */
  maxDepth: number;
  /** Maximum number of elements (default 50 000). */
  maxElements: number;
  /** Maximum length of one text value or attribute value in characters (default 100 000). */
  maxTextLength: number;
}

export const DEFAULT_XML_LIMITS: Readonly<XmlLimits> = Object.freeze({
  maxInputLength: 5_000_000,
  maxDepth: 32,
  maxElements: 50_000,
  maxTextLength: 100_000,
});

// --- the generated data (libs/ijw/src/schema/ijw-3.2.schema.json, written by tools/generate-ijw-schema.js) ---

export type Occurs = number | 'unbounded';

export interface ElementDecl {
  kind: 'element';
  name: string;
  namespace: string;
  minOccurs: number;
  maxOccurs: Occurs;
  /** Key into `simpleTypes` for an element with simple content. */
  simpleType?: string;
  /** Name of the complex type (information only). */
  complexType?: string;
  /** Content model of an element with complex content. */
  content?: GroupDecl;
}

export interface GroupDecl {
  kind: 'sequence' | 'choice';
  minOccurs: number;
  maxOccurs: Occurs;
  particles: Array<ElementDecl | GroupDecl>;
}

export interface Facets {
  pattern?: string[];
  patternJs?: string[];
  enumeration?: string[];
  minLength?: number;
  maxLength?: number;
  length?: number;
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
  totalDigits?: number;
  fractionDigits?: number;
  whiteSpace?: 'preserve' | 'replace' | 'collapse';
}

export interface SimpleTypeDecl {
  namespace: string;
  /** `xs:string`, `xs:integer`, `xs:decimal`, `xs:date`, `xs:time`, `xs:boolean` or the key of another simple type. */
  base: string;
  facets: Facets;
}

export interface BerichtDecl {
  file: string;
  sha256: string;
  namespace: string;
  root: 'Bericht';
  appinfo: Record<string, string>;
  element: ElementDecl;
}

export interface IjwSchemaData {
  release: string;
  basisschema: { file: string; sha256: string; namespace: string; appinfo: Record<string, string> };
  berichten: Record<IjwBerichtsoort, BerichtDecl>;
  simpleTypes: Record<string, SimpleTypeDecl>;
}
