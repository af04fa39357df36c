import { TR381 } from './TR381';
import { expectBevindingen, jw301, jw305, run } from './test-builders';

const lijst = (categorie: string, code: string): boolean | undefined =>
  code.startsWith(categorie) ? true : code === 'ONBEKEND' ? undefined : false;

describe('TR381 (regels/technische-regels/externe-bon/TR381.md)', () => {
  it.each([
    ['zonder productcodelijst: niet gecontroleerd', jw305([{ product: { categorie: '45', code: '54A01' } }]), false, []],
    ['code past bij categorie', jw305([{ product: { categorie: '45', code: '45A11' } }]), true, []],
    ['code past niet bij categorie', jw305([{ product: { categorie: '45', code: '54A01' } }]), true, [0]],
    ['code onbekend in de lijst: geen oordeel', jw305([{ product: { categorie: '45', code: 'ONBEKEND' } }]), true, []],
    ['aspecifieke toewijzing zonder code', jw301([{ product: { categorie: '45' }, omvang: undefined }]), true, []],
    ['JW301 tweede product past niet', jw301([{}, { product: { categorie: '45', code: '43A01' } }]), true, [1]],
  ])('%s', (_naam, bericht, metLijst, verwacht) => {
    const found = run(TR381, bericht, metLijst ? { productcodePastBijCategorie: lijst } : {});
    expectBevindingen(TR381, found, verwacht);
    found.forEach((b) => expect(b.retourcode).toBe('S329'));
  });
});
