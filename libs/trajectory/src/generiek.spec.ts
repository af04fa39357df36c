/**
 * Budget and the generieke toewijzing (JW301 with Budget and no Product: ../shared/ijw-3.2/xsd/JW301.xsd, Product
 * minOccurs 0; Budget LDT_Budget in eurocent).
 */
import { diffTrajectory } from './events';
import { classifyProduct, DEFAULT_INTENSITY_MAPPING } from './intensity';
import { buildJw301, buildJw305 } from './test-fixtures';
import { deriveTrajectory, type AcceptedMessage, type TrajectoryState } from './trajectory';

const derive = (ms: readonly AcceptedMessage[]): TrajectoryState => deriveTrajectory(ms, DEFAULT_INTENSITY_MAPPING)!;
const generiek = buildJw301({
  berichtId: 'G/1',
  product: undefined,
  budget: 1_250_000,
  toewijzingsdatum: '2024-01-10',
  toewijzingstijd: '09:00:00',
});

describe('generieke toewijzing', () => {
  it('has no product: productcategorie and productcode null, no intensity level, no flags; budget kept', () => {
    expect(derive([generiek])).toMatchObject({
      productcategorie: null,
      productcode: null,
      intensiteit: null,
      crisis: false,
      verblijf: false,
      gedwongenKader: false,
      budget: 1_250_000,
      generiekeToewijzing: true,
      status: 'toegewezen',
    });
  });

  it('a start naming a product keeps the toewijzing without product (the toewijzing is the source)', () => {
    expect(derive([generiek, buildJw305({ product: { categorie: '45', code: '45A01' } })])).toMatchObject({
      status: 'gestart',
      productcategorie: null,
      intensiteit: null,
    });
  });

  it('a product toewijzing with a budget: budget present, not generiek; a later version without budget drops it', () => {
    const v1 = buildJw301({ berichtId: 'B/1', budget: 50_000, toewijzingsdatum: '2024-01-10', toewijzingstijd: '09:00:00' });
    const s1 = derive([v1]);
    expect(s1).toMatchObject({ productcategorie: '45', budget: 50_000 });
    expect(s1).not.toHaveProperty('generiekeToewijzing');
    const v2 = buildJw301({ berichtId: 'B/2', redenWijziging: '14', toewijzingsdatum: '2024-02-10', toewijzingstijd: '09:00:00' });
    const s2 = derive([v1, v2]);
    expect(s2).not.toHaveProperty('budget');
    const events = diffTrajectory(s1, s2);
    expect(events.map((e) => e.type)).toEqual(['TrajectoryChanged']);
    expect(events[0].facts).toMatchObject({ changedFields: ['budget'], budgetVoor: 50_000, budget: null });
  });

  it('changing to a generieke toewijzing is a TrajectoryChanged of the product fields, not an escalation', () => {
    const v1 = buildJw301({ berichtId: 'C/1', toewijzingsdatum: '2024-01-10', toewijzingstijd: '09:00:00' });
    const v2 = { ...generiek, berichtId: 'C/2', redenWijziging: '14', toewijzingsdatum: '2024-02-10' };
    const events = diffTrajectory(derive([v1]), derive([v1, v2]));
    expect(events.map((e) => e.type)).toEqual(['TrajectoryChanged']);
    expect(events[0].facts.changedFields).toEqual(['productcategorie', 'productcode', 'budget', 'intensiteit']);
  });

  it('classifyProduct without product gives no level and no flags', () => {
    expect(classifyProduct(DEFAULT_INTENSITY_MAPPING, '0034', undefined)).toEqual({
      intensiteit: null,
      verblijf: false,
      crisis: false,
      gedwongenKader: false,
    });
    expect(classifyProduct(DEFAULT_INTENSITY_MAPPING, '0034', null)).toEqual({
      intensiteit: null,
      verblijf: false,
      crisis: false,
      gedwongenKader: false,
    });
  });

  it('a start without product and without toewijzing: productcategorie null', () => {
    expect(derive([buildJw305({ product: undefined })])).toMatchObject({
      productcategorie: null,
      productcode: null,
      toewijzingOntbreekt: true,
    });
  });
});
