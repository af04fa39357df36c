/**
 * Builders of valid accepted messages for tests (this and other suites). Deterministic: the default berichtId is
 * derived from the content, so the same overrides always give the same message.
 */
import type { DatumGebruik, Jw301Toewijzing, Jw305StartZorg, Jw307StopZorg, Jw315AangevraagdProduct } from '@trajectwacht/ijw';
import type { AcceptedMessage, Ontvangst } from './trajectory';
import type { AcceptedAntwoord, AcceptedVerzoek } from './verzoek';

export const FIXTURE_DEFAULTS = Object.freeze({
  gemeente: '0034',
  aanbieder: '12345678',
  toewijzingNummer: 'TW000001',
  clientPseudonym: 'pseudo-client-1',
  geboortedatum: '2010-05-17',
  productcategorie: '45',
  productcode: '45A01',
  ingangsdatum: '2024-01-15',
});

type Overrides<B> = Partial<Omit<B, 'client' | 'ontvangst'>> & {
  client?: Partial<{ pseudonym: string; geboortedatum: string; datumGebruik: DatumGebruik }>;
  ontvangst?: Partial<Ontvangst>;
};

function base(overrides: {
  gemeente?: string;
  aanbieder?: string;
  toewijzingNummer?: string;
  client?: Partial<{ pseudonym: string; geboortedatum: string; datumGebruik: DatumGebruik }>;
}) {
  return {
    gemeente: overrides.gemeente ?? FIXTURE_DEFAULTS.gemeente,
    aanbieder: overrides.aanbieder ?? FIXTURE_DEFAULTS.aanbieder,
    toewijzingNummer: overrides.toewijzingNummer ?? FIXTURE_DEFAULTS.toewijzingNummer,
    client: {
      pseudonym: overrides.client?.pseudonym ?? FIXTURE_DEFAULTS.clientPseudonym,
      geboortedatum: overrides.client?.geboortedatum ?? FIXTURE_DEFAULTS.geboortedatum,
      ...(overrides.client?.datumGebruik !== undefined ? { datumGebruik: overrides.client.datumGebruik } : {}),
    },
  };
}

function withoutNested<T extends { client?: unknown; ontvangst?: unknown }>(overrides: T): Omit<T, 'client' | 'ontvangst'> {
  const copy = { ...overrides };
  delete copy.client;
  delete copy.ontvangst;
  return copy;
}

function ontvangst(afzender: string, date: string, overrides?: Partial<Ontvangst>): Ontvangst {
  return { afzender, ontvangenOp: `${date}T09:00:00.000Z`, bron: 'test', ...(overrides ?? {}) };
}

/** A JW301 toewijzing (product 45/45A01 from 2024-01-15, open-ended unless einddatum is given). */
export function buildJw301(overrides: Overrides<Jw301Toewijzing> = {}): AcceptedMessage<Jw301Toewijzing> {
  const rest = withoutNested(overrides);
  const o = overrides.ontvangst;
  const b = base(overrides);
  const ingangsdatum = overrides.ingangsdatum ?? FIXTURE_DEFAULTS.ingangsdatum;
  const dagtekening = overrides.dagtekening ?? ingangsdatum;
  const berichtId =
    overrides.berichtId ??
    `301-${b.toewijzingNummer}-${overrides.redenWijziging ?? '00'}-${dagtekening}-${ingangsdatum}-${overrides.einddatum ?? 'open'}` +
      (overrides.toewijzingsdatum ? `-${overrides.toewijzingsdatum}T${overrides.toewijzingstijd ?? ''}` : '');
  return {
    berichtcode: 'JW301',
    ...b,
    product: { categorie: FIXTURE_DEFAULTS.productcategorie, code: FIXTURE_DEFAULTS.productcode },
    ...rest,
    berichtId,
    ingangsdatum,
    dagtekening,
    ontvangst: ontvangst(`gemeente:${b.gemeente}`, dagtekening, o),
  };
}

/** A JW305 start zorg (begindatum 2024-01-22 unless given). */
export function buildJw305(overrides: Overrides<Jw305StartZorg> = {}): AcceptedMessage<Jw305StartZorg> {
  const rest = withoutNested(overrides);
  const o = overrides.ontvangst;
  const b = base(overrides);
  const begindatum = overrides.begindatum ?? '2024-01-22';
  const dagtekening = overrides.dagtekening ?? begindatum;
  return {
    berichtcode: 'JW305',
    ...b,
    product: { categorie: FIXTURE_DEFAULTS.productcategorie, code: FIXTURE_DEFAULTS.productcode },
    ...rest,
    berichtId: overrides.berichtId ?? `305-${b.toewijzingNummer}-${begindatum}`,
    begindatum,
    dagtekening,
    ontvangst: ontvangst(`aanbieder:${b.aanbieder}`, dagtekening, o),
  };
}

/** A JW307 stop zorg (begindatum 2024-01-22, einddatum 2024-06-30, reden 31 volgens plan unless given). */
export function buildJw307(overrides: Overrides<Jw307StopZorg> = {}): AcceptedMessage<Jw307StopZorg> {
  const rest = withoutNested(overrides);
  const o = overrides.ontvangst;
  const b = base(overrides);
  const begindatum = overrides.begindatum ?? '2024-01-22';
  const einddatum = overrides.einddatum ?? '2024-06-30';
  const redenBeeindiging = overrides.redenBeeindiging ?? '31';
  const dagtekening = overrides.dagtekening ?? einddatum;
  return {
    berichtcode: 'JW307',
    ...b,
    product: { categorie: FIXTURE_DEFAULTS.productcategorie, code: FIXTURE_DEFAULTS.productcode },
    ...rest,
    berichtId: overrides.berichtId ?? `307-${b.toewijzingNummer}-${einddatum}-${redenBeeindiging}`,
    begindatum,
    einddatum,
    redenBeeindiging,
    dagtekening,
    ontvangst: ontvangst(`aanbieder:${b.aanbieder}`, dagtekening, o),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The request side (issue 17): accepted JW315, JW319 (and, with buildJw301, the toewijzing with its reference).

/** An accepted JW315 AangevraagdProduct (gemeente 0034, aanbieder 12345678, reference VOT-1, received 2024-03-04 10:00 UTC). */
export function buildJw315(
  overrides: Partial<Omit<AcceptedVerzoek<Jw315AangevraagdProduct>, 'ontvangst'>> & { ontvangenOp?: string } = {},
): AcceptedVerzoek<Jw315AangevraagdProduct> {
  const { ontvangenOp, ...rest } = overrides;
  return {
    berichtcode: 'JW315',
    berichtId: 'VT-1/1',
    identificatie: 'VT-1',
    gemeente: '0034',
    aanbieder: '12345678',
    dagtekening: '2024-03-04',
    referentieAanbieder: 'VOT-1',
    client: { pseudonym: 'pseudo-kind-1', geboortedatum: '2012-05-14' },
    product: { categorie: '45', code: '45A01' },
    toewijzingIngangsdatum: '2024-03-11',
    verwijzer: { type: '02', zorgverlenerCode: '01234567' },
    ...rest,
    ontvangst: {
      afzender: `aanbieder:${rest.aanbieder ?? '12345678'}`,
      ontvangenOp: ontvangenOp ?? '2024-03-04T10:00:00.000Z',
      bron: 'test',
    },
  };
}

/** An accepted JW319 Antwoord to VOT-1 (default: 2 aanvraag in onderzoek). */
export function buildJw319(overrides: Partial<Omit<AcceptedAntwoord, 'ontvangst'>> & { ontvangenOp?: string } = {}): AcceptedAntwoord {
  const { ontvangenOp, ...rest } = overrides;
  return {
    berichtcode: 'JW319',
    berichtId: 'AW-1/1',
    identificatie: 'AW-1',
    gemeente: '0034',
    aanbieder: '12345678',
    dagtekening: '2024-03-06',
    referentieAanbieder: 'VOT-1',
    verzoekAntwoord: '2',
    client: { pseudonym: 'pseudo-kind-1' },
    ...rest,
    ontvangst: { afzender: `gemeente:${rest.gemeente ?? '0034'}`, ontvangenOp: ontvangenOp ?? '2024-03-06T10:00:00.000Z', bron: 'test' },
  };
}
