import type { AcceptedMessage } from '@trajectwacht/trajectory';

/**
 * A deterministic stream of accepted (pseudonymised) messages for tests and benchmarks: per child one to three
 * toewijzingen, most started, many stopped, some extended by a JW301 with redenWijziging. Not calibrated: the
 * simulator does that; this only needs to be varied, valid and fast to generate.
 */
export function syntheticAccepted(children: number, seed = 1, gemeenten = ['0034', '0995', '0303']): AcceptedMessage[] {
  let state = seed >>> 0 || 1;
  const rnd = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const day = (base: string, plus: number) => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
  const products = [
    { categorie: '45', code: '45A01' },
    { categorie: '54', code: '54001' },
    { categorie: '41', code: '41A01' },
    { categorie: '43', code: '43A03' },
    { categorie: '44', code: '44A01' },
  ];
  const aanbieders = ['12345678', '23456789', '34567890', '45678901'];
  const out: AcceptedMessage[] = [];
  let nummer = seed * 1_000_000;
  for (let c = 0; c < children; c++) {
    const pseudonym = (seed * 7919 + c).toString(16).padStart(32, '0');
    const geboortedatum = day('2006-01-01', Math.floor(rnd() * 365 * 14));
    const gemeente = pick(gemeenten);
    const n = 1 + Math.floor(rnd() * rnd() * 3);
    for (let t = 0; t < n; t++) {
      const toewijzingNummer = String(++nummer % 100_000_000);
      const aanbieder = pick(aanbieders);
      const product = pick(products);
      const ingangsdatum = day('2023-01-01', Math.floor(rnd() * 600));
      const einddatum = day(ingangsdatum, 180 + Math.floor(rnd() * 365));
      const client = { pseudonym, geboortedatum };
      const base = { gemeente, aanbieder, toewijzingNummer, client, product };
      const at = (d: string) => `${d}T08:00:00.000Z`;
      out.push({
        ...base,
        berichtcode: 'JW301',
        berichtId: `s${seed}-${toewijzingNummer}-301`,
        ingangsdatum,
        einddatum,
        dagtekening: ingangsdatum,
        ontvangst: { afzender: `gemeente:${gemeente}`, ontvangenOp: at(ingangsdatum), bron: 'kafka' },
      } as AcceptedMessage);
      if (rnd() < 0.1) {
        const verlengd = day(einddatum, 90);
        out.push({
          ...base,
          berichtcode: 'JW301',
          berichtId: `s${seed}-${toewijzingNummer}-301w`,
          ingangsdatum,
          einddatum: verlengd,
          redenWijziging: '04',
          dagtekening: day(ingangsdatum, 30),
          ontvangst: { afzender: `gemeente:${gemeente}`, ontvangenOp: at(day(ingangsdatum, 30)), bron: 'kafka' },
        } as AcceptedMessage);
      }
      if (rnd() < 0.85) {
        const begindatum = day(ingangsdatum, Math.floor(rnd() * 40));
        out.push({
          ...base,
          berichtcode: 'JW305',
          berichtId: `s${seed}-${toewijzingNummer}-305`,
          begindatum,
          ontvangst: { afzender: `aanbieder:${aanbieder}`, ontvangenOp: at(begindatum), bron: 'kafka' },
        } as AcceptedMessage);
        if (rnd() < 0.6) {
          const stop = day(begindatum, 30 + Math.floor(rnd() * 150));
          out.push({
            ...base,
            berichtcode: 'JW307',
            berichtId: `s${seed}-${toewijzingNummer}-307`,
            begindatum,
            einddatum: stop < einddatum ? stop : einddatum,
            redenBeeindiging: pick(['31', '31', '31', '34', '35']),
            ontvangst: { afzender: `aanbieder:${aanbieder}`, ontvangenOp: at(stop), bron: 'kafka' },
          } as AcceptedMessage);
        }
      }
    }
  }
  return out;
}

/** Fisher–Yates with a seeded generator. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0 || 1;
  const rnd = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
