import { TR018 } from './TR018';
import { expectBevindingen, jw305, jw307, run } from './test-builders';

describe('TR018 (regels/technische-regels/xslt/TR018.md)', () => {
  it.each([
    ['einddatum na begindatum', jw307([{ begindatum: '2026-04-03', einddatum: '2026-07-17' }]), []],
    ['einddatum gelijk aan begindatum', jw307([{ begindatum: '2026-04-03', einddatum: '2026-04-03' }]), []],
    ['einddatum voor begindatum', jw307([{}, { begindatum: '2026-04-03', einddatum: '2026-04-02' }]), [1]],
    ['niet van toepassing op JW305', jw305(), []],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR018, run(TR018, bericht), verwacht);
  });
});
