/**
 * Test helpers (used by the specs of this library and usable by service tests): build real TrajectoryStates from
 * iJw messages with deriveTrajectory, so fixtures follow the trajectory contract exactly.
 */
import { addDays, type DatumGebruik, type IsoDate } from '@trajectwacht/ijw';
import { deriveTrajectory, DEFAULT_INTENSITY_MAPPING, type AcceptedMessage, type TrajectoryState } from '@trajectwacht/trajectory';
import { buildJw301, buildJw305, buildJw307 } from '@trajectwacht/trajectory/testing';
import { DEFAULT_SIGNAL_CONFIG, type SignalConfig, type SignalOverrides } from './config';
import type { ChildContext, RuleInput, VervolgRegistratie } from './model';

export const TEST_CLIENT = 'pseudo-kind-1';
export const TEST_GEBOORTEDATUM = '2010-05-17';

export interface TrajectorySpec {
  /** toewijzingNummer. */
  nr: string;
  gemeente?: string;
  aanbieder?: string;
  categorie?: string;
  /** Product code; null = aspecific (category only). Default: none. */
  code?: string | null;
  /** Toewijzing ingangsdatum; null = no JW301 (toewijzingOntbreekt). */
  ingang: IsoDate | null;
  eind?: IsoDate;
  start?: IsoDate;
  stop?: IsoDate;
  redenBeeindiging?: string;
  /** Later JW301s with reden 04 (verlenging) moving the einddatum to these dates (dagtekening = date − 7 days). */
  verlengingen?: IsoDate[];
  /** Withdraw with reden 13 on this dagtekening. */
  ingetrokkenOp?: IsoDate;
  geboortedatum?: IsoDate;
  geboortedatumGebruik?: DatumGebruik;
  client?: string;
}

export function trajectory(spec: TrajectorySpec): TrajectoryState {
  const common = {
    gemeente: spec.gemeente ?? '0034',
    aanbieder: spec.aanbieder ?? '12345678',
    toewijzingNummer: spec.nr,
    client: {
      pseudonym: spec.client ?? TEST_CLIENT,
      geboortedatum: spec.geboortedatum ?? TEST_GEBOORTEDATUM,
      ...(spec.geboortedatumGebruik ? { datumGebruik: spec.geboortedatumGebruik } : {}),
    },
    product: spec.code ? { categorie: spec.categorie ?? spec.code.slice(0, 2), code: spec.code } : { categorie: spec.categorie ?? '45' },
  };
  const messages: AcceptedMessage[] = [];
  if (spec.ingang !== null) {
    messages.push(buildJw301({ ...common, ingangsdatum: spec.ingang, ...(spec.eind ? { einddatum: spec.eind } : {}) }));
    (spec.verlengingen ?? []).forEach((eind, i) => {
      messages.push(
        buildJw301({
          ...common,
          ingangsdatum: spec.ingang as IsoDate,
          einddatum: eind,
          redenWijziging: '04',
          dagtekening: addDays(spec.ingang as IsoDate, i + 1),
          berichtId: `verl-${spec.nr}-${i}`,
        }),
      );
    });
    if (spec.ingetrokkenOp)
      messages.push(
        buildJw301({ ...common, ingangsdatum: spec.ingang, einddatum: spec.ingang, redenWijziging: '13', dagtekening: spec.ingetrokkenOp }),
      );
  }
  if (spec.start) messages.push(buildJw305({ ...common, begindatum: spec.start }));
  if (spec.stop)
    messages.push(
      buildJw307({
        ...common,
        begindatum: spec.start ?? spec.ingang ?? spec.stop,
        einddatum: spec.stop,
        redenBeeindiging: spec.redenBeeindiging ?? '31',
      }),
    );
  const state = deriveTrajectory(messages, DEFAULT_INTENSITY_MAPPING);
  if (state === null) throw new Error('trajectory: no messages');
  return state;
}

export function child(
  trajectories: TrajectoryState[],
  extra: {
    geboortedatum?: IsoDate;
    geboortedatumGebruik?: DatumGebruik;
    ontvangen?: Record<string, IsoDate>;
    vervolg?: VervolgRegistratie[];
  } = {},
): ChildContext {
  const gebruik =
    extra.geboortedatum !== undefined ? extra.geboortedatumGebruik : (extra.geboortedatumGebruik ?? trajectories[0]?.geboortedatumGebruik);
  return {
    clientPseudonym: TEST_CLIENT,
    geboortedatum: extra.geboortedatum ?? trajectories[0]?.geboortedatum ?? TEST_GEBOORTEDATUM,
    ...(gebruik !== undefined ? { geboortedatumGebruik: gebruik } : {}),
    trajectories,
    ...(extra.ontvangen ? { ontvangen: extra.ontvangen } : {}),
    ...(extra.vervolg ? { vervolg: extra.vervolg } : {}),
  };
}

export function ruleInput(c: ChildContext, now: IsoDate, options: { config?: SignalConfig; overrides?: SignalOverrides } = {}): RuleInput {
  return { child: c, now, config: options.config ?? DEFAULT_SIGNAL_CONFIG, ...(options.overrides ? { overrides: options.overrides } : {}) };
}
