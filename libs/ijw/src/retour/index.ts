/**
 * Retour berichten (JW302, JW306, JW308) per IV028/IV032, their Dutch explanation and the level-1 foutmelding.
 * See README.md in this folder for the decisions.
 */
export * from '../codelists/wj001';
export type { HeenInput, Heensoort, Retourbericht, RetourMeta, Retoursoort } from './types';
export { HEEN_BERICHTCODE, RETOURSOORT, RETOUR_BERICHTCODE, XSD_VERSIE_RETOUR, XSLT_VERSIE } from './standaard';
export { RetourNietMogelijk, buildRetour, headerProblemen } from './build';
export { explainRetour, type RetourToelichting } from './explain';
export {
  beantwoord,
  foutmelding,
  type Antwoord,
  type FoutmeldingContext,
  type FoutmeldingProbleem,
  type OntvangenHeen,
  type RetourFoutmelding,
} from './foutmelding';
export { retourXml } from './xml';
export { leesHeader, type GelezenHeader } from './header';
