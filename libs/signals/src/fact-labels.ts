/**
 * Human labels of the keys in an alert's facts, in Dutch and English (issue 18 point 7). Every key a rule in
 * ./rules can produce has one: fact-labels.spec.ts reads the rule files and fails on a key without both labels.
 * The alerts API sends the labels of an alert's keys beside its facts (factLabels), the dashboard shows them.
 */
export interface FactLabel {
  nl: string;
  en: string;
}

export const FACT_LABELS: Readonly<Record<string, FactLabel>> = {
  begindatum: { nl: 'Begindatum', en: 'Start date' },
  aanbieders: { nl: 'Aanbieders', en: 'Providers' },
  aantalActief: { nl: 'Aantal actieve trajecten', en: 'Number of active trajectories' },
  aantalInPeriode: { nl: 'Aantal doorplaatsingen in de periode', en: 'Number of transfers in the period' },
  aantalLopendeTrajecten: { nl: 'Aantal lopende trajecten', en: 'Number of running trajectories' },
  aantalNieuweToewijzingen: { nl: 'Aantal nieuwe toewijzingen', en: 'Number of new assignments' },
  aantalTrajecten: { nl: 'Aantal trajecten', en: 'Number of trajectories' },
  aantalVerlengingen: { nl: 'Aantal verlengingen', en: 'Number of extensions' },
  achttienDatum: { nl: 'Datum 18e verjaardag', en: 'Date of 18th birthday' },
  afwijkingDagen: { nl: 'Afwijking (dagen)', en: 'Deviation (days)' },
  bericht: { nl: 'Datum in het bericht', en: 'Date in the message' },
  berichtId: { nl: 'Bericht-id', en: 'Message id' },
  berichtcode: { nl: 'Berichtcode', en: 'Message code' },
  binnenMaanden: { nl: 'Binnen (maanden)', en: 'Within (months)' },
  crisis: { nl: 'Crisis', en: 'Crisis' },
  dagenTeLaat: { nl: 'Dagen te laat', en: 'Days late' },
  drempel: { nl: 'Drempel', en: 'Threshold' },
  duurDagen: { nl: 'Duur (dagen)', en: 'Duration (days)' },
  einddatum: { nl: 'Einddatum', en: 'End date' },
  geboortedatum: { nl: 'Geboortedatum', en: 'Date of birth' },
  geboortedatumExact: { nl: 'Geboortedatum exact bekend', en: 'Date of birth exactly known' },
  geboortedatumGebruik: { nl: 'Gebruik geboortedatum (COD170)', en: 'Use of the date of birth (COD170)' },
  gemeenten: { nl: 'Gemeenten', en: 'Municipalities' },
  graceDagen: { nl: 'Wachttijd toewijzing (dagen)', en: 'Grace period for the assignment (days)' },
  ingangsdatum: { nl: 'Ingangsdatum toewijzing', en: 'Assignment effective date' },
  intensiteit: { nl: 'Intensiteit', en: 'Intensity' },
  laatsteGeboortedatum: { nl: 'Laatst mogelijke geboortedatum', en: 'Latest possible date of birth' },
  maxVerlengingen: { nl: 'Maximum aantal verlengingen', en: 'Maximum number of extensions' },
  mijlpaal: { nl: 'Mijlpaal', en: 'Milestone' },
  mijlpaalDatum: { nl: 'Datum mijlpaal', en: 'Milestone date' },
  moment: { nl: 'Moment', en: 'Moment' },
  nieuweAanbieder: { nl: 'Nieuwe aanbieder', en: 'New provider' },
  norm: { nl: 'Norm', en: 'Norm' },
  normDagen: { nl: 'Norm (dagen)', en: 'Norm (days)' },
  normDatum: { nl: 'Normdatum', en: 'Norm date' },
  onderbrekingDagen: { nl: 'Onderbreking (dagen)', en: 'Interruption (days)' },
  ontvangen: { nl: 'Ontvangen op', en: 'Received on' },
  periodeMaanden: { nl: 'Periode (maanden)', en: 'Period (months)' },
  productSoorten: { nl: 'Productsoorten', en: 'Product kinds' },
  productcategorie: { nl: 'Productcategorie', en: 'Product category' },
  productcategorieen: { nl: 'Productcategorieën', en: 'Product categories' },
  productcode: { nl: 'Productcode', en: 'Product code' },
  redenBeeindiging: { nl: 'Reden beëindiging', en: 'Reason for ending' },
  referentiedatum: { nl: 'Referentiedatum', en: 'Reference date' },
  soort: { nl: 'Soort', en: 'Kind' },
  stappen: { nl: 'Stappen op de intensiteitsladder', en: 'Steps on the intensity ladder' },
  status: { nl: 'Status', en: 'Status' },
  stopdatum: { nl: 'Stopdatum', en: 'Stop date' },
  toewijzing: { nl: 'Datum in de toewijzing', en: 'Date in the assignment' },
  toewijzingNummer: { nl: 'Toewijzingnummer', en: 'Assignment number' },
  tussenDagen: { nl: 'Tussenliggende dagen', en: 'Days in between' },
  uiterlijkeStopdatum: { nl: 'Uiterlijke datum stopbericht', en: 'Latest date for the stop message' },
  verblijf: { nl: 'Verblijf', en: 'Residential care' },
  verlengdBesluitTot: { nl: 'Verlengde jeugdhulp besloten tot', en: 'Extended youth care decided until' },
  vervolgVastgelegd: { nl: 'Vervolg vastgelegd', en: 'Follow-up recorded' },
  vorigVolgensPlan: { nl: 'Vorige volgens plan beëindigd', en: 'Previous one ended as planned' },
  vorigeAanbieder: { nl: 'Vorige aanbieder', en: 'Previous provider' },
  vorigeIntensiteit: { nl: 'Vorige intensiteit', en: 'Previous intensity' },
  vorigeRedenBeeindiging: { nl: 'Vorige reden beëindiging', en: 'Previous reason for ending' },
  vorigeStopdatum: { nl: 'Vorige stopdatum', en: 'Previous stop date' },
  vroegsteGeboortedatum: { nl: 'Vroegst mogelijke geboortedatum', en: 'Earliest possible date of birth' },
  wachtDagen: { nl: 'Wachttijd (dagen)', en: 'Waiting time (days)' },
  werkdagen: { nl: 'Werkdagen', en: 'Working days' },
  // VERZOEK_ONBEANTWOORD (issue 17)
  verzoekId: { nl: 'Verzoek (gemeente|aanbieder|referentie)', en: 'Request (municipality|provider|reference)' },
  referentieAanbieder: { nl: 'ReferentieAanbieder', en: 'Provider reference' },
  fase: { nl: 'Termijn (antwoord of besluit)', en: 'Term (answer or decision)' },
  dagtekening: { nl: 'Dagtekening', en: 'Date of the message' },
  inOnderzoekOp: { nl: 'In onderzoek sinds', en: 'Under investigation since' },
  termijnDatum: { nl: 'Uiterste datum', en: 'Deadline' },
  verwijzerType: { nl: 'Verwijzer (COD327)', en: 'Referrer (COD327)' },
};

/** The label of a fact key in the language (the key itself when it has none). */
export function factLabel(key: string, lang: 'nl' | 'en'): string {
  return FACT_LABELS[key]?.[lang] ?? key;
}

/** The labels of the keys of these facts (keys without a label are left out). */
export function factLabels(facts: Readonly<Record<string, unknown>>): Record<string, FactLabel> {
  return Object.fromEntries(Object.keys(facts).flatMap((k) => (FACT_LABELS[k] ? [[k, FACT_LABELS[k]]] : [])));
}
