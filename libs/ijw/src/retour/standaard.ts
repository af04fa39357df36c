/**
 * What the retour XSDs fix (../shared/ijw-3.2/xsd/JW302.xsd, JW306.xsd, JW308.xsd, JW316.xsd, JW318.xsd, JW320.xsd),
 * encoded as the project's data.
 */
import type { Heensoort, Retoursoort } from './types';

/** The retour of each heenbericht (IV028: 1-op-1). */
export const RETOURSOORT: Readonly<Record<Heensoort, Retoursoort>> = Object.freeze({
  JW301: 'JW302',
  JW305: 'JW306',
  JW307: 'JW308',
  JW315: 'JW316',
  JW317: 'JW318',
  JW319: 'JW320',
});

/** BerichtCode of the heenberichten (the `xs:pattern` of Header/BerichtCode in JW301/305/307.xsd). */
export const HEEN_BERICHTCODE: Readonly<Record<Heensoort, string>> = Object.freeze({
  JW301: '436',
  JW305: '438',
  JW307: '440',
  JW315: '446',
  JW317: '486',
  JW319: '488',
});

/** BerichtCode of the retourberichten (the `xs:pattern` of Header/BerichtCode in JW302/306/308.xsd). */
export const RETOUR_BERICHTCODE: Readonly<Record<Retoursoort, string>> = Object.freeze({
  JW302: '437',
  JW306: '439',
  JW308: '441',
  JW316: '447',
  JW318: '487',
  JW320: '489',
});

/**
 * XsdVersieRetour: the versions in the `xs:appinfo` of the retour XSD (BerichtXsdVersie, BasisschemaXsdVersie) we
 * write the retour against. The transcribed XSDs of iJw 3.2 all say 0.1.0; the standard's example instances
 * (berichten/JW302.xml …) show 1.0.0. We follow the XSDs, which we validate against (retour/standaard.spec.ts checks
 * these values against the appinfo of ../shared/ijw-3.2/xsd).
 */
export const XSD_VERSIE_RETOUR: Readonly<Record<Retoursoort, { basisschemaXsdVersie: string; berichtXsdVersie: string }>> = Object.freeze({
  JW302: Object.freeze({ basisschemaXsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' }),
  JW306: Object.freeze({ basisschemaXsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' }),
  JW308: Object.freeze({ basisschemaXsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' }),
  JW316: Object.freeze({ basisschemaXsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' }),
  JW318: Object.freeze({ basisschemaXsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' }),
  JW320: Object.freeze({ basisschemaXsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' }),
});

/**
 * XsltVersie written when controleniveau 2 rejects a bericht. IV028/IV033 ask for the version of the standard's XSLTs
 * "when they were used"; Trajectwacht does not run those XSLTs but its own implementation of the same level-2 rules
 * (libs/ijw/src/regels). We still fill XsltVersie, so that the sender sees which rule set rejected the bericht: this is
 * the version of that implementation, raised when the level-2 rules change. `RetourMeta.xsltVersie` overrides it
 * (e.g. when the official XSLTs are run). LDT_Versie: `n.n.n`.
 */
export const XSLT_VERSIE = '1.0.0';

/** The header elements of the heenbericht the retour copies unchanged (IV028), in XSD order (BerichtCode is replaced). */
export const GEKOPIEERDE_HEADER_ELEMENTEN = [
  'berichtVersie',
  'berichtSubversie',
  'afzender',
  'ontvanger',
  'berichtIdentificatie',
  'xsdVersie',
] as const;

/**
 * Key of the product list and of one product in the Client of each soort with one product list directly in the Client
 * (heen and retour alike). JW317/JW318 hold three lists inside Client/Verzoek and JW319/JW320 no Client at all:
 * `VERZOEK_PRODUCTEN` and build.ts.
 */
export const PRODUCTEN: Readonly<Record<'JW301' | 'JW305' | 'JW307' | 'JW315', { lijst: string; product: string; element: string }>> =
  Object.freeze({
    JW301: { lijst: 'toegewezenProducten', product: 'toegewezenProduct', element: 'ToegewezenProducten/ToegewezenProduct' },
    JW305: { lijst: 'startProducten', product: 'startProduct', element: 'StartProducten/StartProduct' },
    JW307: { lijst: 'stopProducten', product: 'stopProduct', element: 'StopProducten/StopProduct' },
    JW315: { lijst: 'aangevraagdeProducten', product: 'aangevraagdProduct', element: 'AangevraagdeProducten/AangevraagdProduct' },
  });

/** The three product lists of a JW317/JW318 Client/Verzoek, each item a berichtklasse with RetourCodes (JW318.xsd). */
export const VERZOEK_PRODUCTEN: readonly { lijst: string; product: string; element: string }[] = Object.freeze([
  { lijst: 'ongewijzigdeProducten', product: 'ongewijzigdProduct', element: 'OngewijzigdeProducten/OngewijzigdProduct' },
  { lijst: 'teWijzigenProducten', product: 'teWijzigenProduct', element: 'TeWijzigenProducten/TeWijzigenProduct' },
  { lijst: 'nieuweProducten', product: 'nieuwProduct', element: 'NieuweProducten/NieuwProduct' },
]);

/** Afzender/Ontvanger types: JW301 and JW319 go gemeente → aanbieder, JW305/JW307/JW315/JW317 aanbieder → gemeente. */
export const PARTIJEN: Readonly<Record<Heensoort, { afzender: 'gemeente' | 'agb'; ontvanger: 'gemeente' | 'agb' }>> = Object.freeze({
  JW301: { afzender: 'gemeente', ontvanger: 'agb' },
  JW305: { afzender: 'agb', ontvanger: 'gemeente' },
  JW307: { afzender: 'agb', ontvanger: 'gemeente' },
  JW315: { afzender: 'agb', ontvanger: 'gemeente' },
  JW317: { afzender: 'agb', ontvanger: 'gemeente' },
  JW319: { afzender: 'gemeente', ontvanger: 'agb' },
});
