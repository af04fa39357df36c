import { RETOUR } from './codelists';
import { parsePayload } from './parse';
import { validateBericht } from './validate';
import { parseIjwXml } from './xml';

const ctx = { today: '2025-06-01' };

type Kind = 'jw301' | 'jw305' | 'jw307';

const NS: Record<Kind, string> = {
  jw301: 'http://www.istandaarden.nl/ijw/3_2/jw301/schema',
  jw305: 'http://www.istandaarden.nl/ijw/3_2/jw305/schema',
  jw307: 'http://www.istandaarden.nl/ijw/3_2/jw307/schema',
};

interface XmlOptions {
  prefix?: boolean;
  identificatie?: string | null;
  products?: string[];
  extraHeader?: string;
  client?: string;
}

/** Builds an iJw 3.2 bericht; `p` is the namespace prefix ('JW301:' etc. or '' for an unprefixed default namespace). */
function xml(kind: Kind, opts: XmlOptions = {}): string {
  const code = kind.toUpperCase();
  const p = opts.prefix === false ? '' : `${code}:`;
  const nsAttr = opts.prefix === false ? `xmlns="${NS[kind]}"` : `xmlns:${code}="${NS[kind]}"`;
  const [afzender, ontvanger] = kind === 'jw301' ? ['0363', '12345678'] : ['12345678', '0363'];
  const berichtCode = { jw301: '436', jw305: '414', jw307: '416' }[kind];
  const id = opts.identificatie === undefined ? `ID-${code}-1` : opts.identificatie;
  const products = opts.products ?? [defaultProduct(kind, p)];
  const list = { jw301: 'ToegewezenProducten', jw305: 'StartProducten', jw307: 'StopProducten' }[kind];
  return `<?xml version="1.0" encoding="UTF-8"?>
<${p}Bericht ${nsAttr}>
  <${p}Header>
    <${p}BerichtCode>${berichtCode}</${p}BerichtCode>
    <${p}BerichtVersie>3</${p}BerichtVersie>
    <${p}BerichtSubversie>2</${p}BerichtSubversie>
    <${p}Afzender>${afzender}</${p}Afzender>
    <${p}Ontvanger>${ontvanger}</${p}Ontvanger>
    <${p}BerichtIdentificatie>
      ${id === null ? '' : `<${p}Identificatie>${id}</${p}Identificatie>`}
      <${p}Dagtekening>2025-05-20</${p}Dagtekening>
    </${p}BerichtIdentificatie>
    ${opts.extraHeader ?? ''}
  </${p}Header>
  <${p}Client>
    <${p}Bsn>999999990</${p}Bsn>
    <${p}Geboortedatum>
      <${p}Datum>2012-03-14</${p}Datum>
      <${p}DatumGebruik>1</${p}DatumGebruik>
    </${p}Geboortedatum>
    ${opts.client ?? ''}
    <${p}${list}>
      ${products.join('\n      ')}
    </${p}${list}>
  </${p}Client>
</${p}Bericht>`;
}

function defaultProduct(kind: Kind, p: string, nummer = '12345', code = '45A53'): string {
  const product = `<${p}ToewijzingNummer>${nummer}</${p}ToewijzingNummer><${p}Product><${p}Categorie>45</${p}Categorie><${p}Code>${code}</${p}Code></${p}Product>`;
  if (kind === 'jw301') {
    return `<${p}ToegewezenProduct>${product}<${p}ToewijzingIngangsdatum>2025-05-01</${p}ToewijzingIngangsdatum><${p}Einddatum>2025-12-31</${p}Einddatum><${p}Omvang><${p}Volume>4</${p}Volume><${p}Eenheid>04</${p}Eenheid><${p}Frequentie>2</${p}Frequentie></${p}Omvang><${p}ReferentieAanbieder>REF-42</${p}ReferentieAanbieder></${p}ToegewezenProduct>`;
  }
  if (kind === 'jw305') return `<${p}StartProduct>${product}<${p}Begindatum>2025-05-06</${p}Begindatum></${p}StartProduct>`;
  return `<${p}StopProduct>${product}<${p}Begindatum>2025-05-06</${p}Begindatum><${p}Einddatum>2025-05-30</${p}Einddatum><${p}RedenBeeindiging>31</${p}RedenBeeindiging></${p}StopProduct>`;
}

function parseOk(text: string): Record<string, unknown>[] {
  const result = parseIjwXml(text);
  if (!result.ok) throw new Error(`expected the XML to parse: ${result.error}`);
  return result.berichten;
}

const base = {
  client: { bsn: '999999990', geboortedatum: '2012-03-14' },
  toewijzingNummer: '12345',
  product: { categorie: '45', code: '45A53' },
  dagtekening: '2025-05-20',
};

describe('parseIjwXml: valid iJw 3.2 berichten', () => {
  it('maps a JW301 (prefix JW301:) to the JSON contract', () => {
    expect(parseOk(xml('jw301'))).toEqual([
      {
        ...base,
        berichtcode: 'JW301',
        berichtId: 'ID-JW301-1',
        gemeente: '0363',
        aanbieder: '12345678',
        ingangsdatum: '2025-05-01',
        einddatum: '2025-12-31',
        omvang: { volume: 4, eenheid: '04', frequentie: '2' },
        referentieAanbieder: 'REF-42',
      },
    ]);
  });

  it('maps a JW305: the Afzender is the aanbieder, the Ontvanger the gemeente', () => {
    expect(parseOk(xml('jw305'))).toEqual([{ ...base, berichtcode: 'JW305', berichtId: 'ID-JW305-1', gemeente: '0363', aanbieder: '12345678', begindatum: '2025-05-06' }]);
  });

  it('maps a JW307', () => {
    expect(parseOk(xml('jw307'))).toEqual([
      { ...base, berichtcode: 'JW307', berichtId: 'ID-JW307-1', gemeente: '0363', aanbieder: '12345678', begindatum: '2025-05-06', einddatum: '2025-05-30', redenBeeindiging: '31' },
    ]);
  });

  it.each<Kind>(['jw301', 'jw305', 'jw307'])('%s: the mapped message passes validateBericht', (kind) => {
    for (const bericht of parseOk(xml(kind))) {
      const result = validateBericht(bericht, ctx);
      expect(result.ok ? [] : result.problems).toEqual([]);
    }
  });

  it.each<Kind>(['jw301', 'jw305', 'jw307'])('%s: the unprefixed form (default namespace) gives the same result', (kind) => {
    expect(parseOk(xml(kind, { prefix: false }))).toEqual(parseOk(xml(kind)));
  });

  it.each<Kind>(['jw301', 'jw305', 'jw307'])('%s: also through parsePayload (format xml)', (kind) => {
    const result = parsePayload(Buffer.from(xml(kind), 'utf8'), { maxBytes: 100_000 });
    expect(result.ok && result.format).toBe('xml');
    if (result.ok) expect(result.berichten).toEqual(parseOk(xml(kind)));
  });

  it('turns several products into several messages with suffixed berichtIds', () => {
    const products = [defaultProduct('jw305', 'JW305:', '1001', '45A53'), defaultProduct('jw305', 'JW305:', '1002', '45A54'), defaultProduct('jw305', 'JW305:', '1003', '45A55')];
    const berichten = parseOk(xml('jw305', { products }));
    expect(berichten.map((b) => [b.berichtId, b.toewijzingNummer, (b.product as Record<string, unknown>).code])).toEqual([
      ['ID-JW305-1-1', '1001', '45A53'],
      ['ID-JW305-1-2', '1002', '45A54'],
      ['ID-JW305-1-3', '1003', '45A55'],
    ]);
    for (const b of berichten) expect(validateBericht(b, ctx).ok).toBe(true);
  });

  it('maps a JW301 with two toegewezen producten, each valid', () => {
    const products = [defaultProduct('jw301', 'JW301:', '2001'), defaultProduct('jw301', 'JW301:', '2002')];
    const berichten = parseOk(xml('jw301', { products }));
    expect(berichten.map((b) => b.berichtId)).toEqual(['ID-JW301-1-1', 'ID-JW301-1-2']);
    for (const b of berichten) expect(validateBericht(b, ctx).ok).toBe(true);
  });

  it('maps an aspecifieke toewijzing (no Code) and an open-ended one (no Einddatum, no Omvang)', () => {
    const product = '<JW301:ToegewezenProduct><JW301:ToewijzingNummer>7</JW301:ToewijzingNummer><JW301:Product><JW301:Categorie>54</JW301:Categorie></JW301:Product><JW301:ToewijzingIngangsdatum>2025-05-01</JW301:ToewijzingIngangsdatum></JW301:ToegewezenProduct>';
    const [b] = parseOk(xml('jw301', { products: [product] }));
    expect(b).toMatchObject({ toewijzingNummer: '7', product: { categorie: '54' }, ingangsdatum: '2025-05-01' });
    expect(b).not.toHaveProperty('einddatum');
    expect(b).not.toHaveProperty('omvang');
    expect(validateBericht(b, ctx)).toMatchObject({ ok: true, bericht: { product: { categorie: '54' } } });
  });

  it('ignores elements the contract does not carry (names, addresses, XsdVersie)', () => {
    const berichten = parseOk(xml('jw305', { extraHeader: '<JW305:XsdVersie><JW305:BasisschemaXsdVersie>1.0.0</JW305:BasisschemaXsdVersie></JW305:XsdVersie>', client: '<JW305:Naam><JW305:Geslachtsnaam>Jansen</JW305:Geslachtsnaam></JW305:Naam>' }));
    expect(JSON.stringify(berichten)).not.toContain('Jansen');
    expect(validateBericht(berichten[0], ctx).ok).toBe(true);
  });

  it('keeps a non-numeric Volume as a string so that validation rejects it', () => {
    const product = defaultProduct('jw301', 'JW301:').replace('<JW301:Volume>4</JW301:Volume>', '<JW301:Volume>1.5</JW301:Volume>');
    const [b] = parseOk(xml('jw301', { products: [product] }));
    expect((b!.omvang as Record<string, unknown>).volume).toBe('1.5');
    const result = validateBericht(b, ctx);
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.field])).toEqual([[RETOUR.OMVANG_INVALID, 'omvang.volume']]);
  });

  it('keeps leading zeros (BSN, gemeentecode, codes are text)', () => {
    const text = xml('jw305').replace('<JW305:Bsn>999999990</JW305:Bsn>', '<JW305:Bsn>012345672</JW305:Bsn>');
    const [b] = parseOk(text);
    expect(b!.client).toEqual({ bsn: '012345672', geboortedatum: '2012-03-14' });
    expect(b!.gemeente).toBe('0363');
  });

  it('decodes the predefined XML entities in text (&amp; &lt; &gt;)', () => {
    const product = defaultProduct('jw301', 'JW301:').replace('</JW301:ToegewezenProduct>', '<JW301:Commentaar>Jansen &amp; Zn &lt;zorg&gt;</JW301:Commentaar></JW301:ToegewezenProduct>');
    const [b] = parseOk(xml('jw301', { products: [product] }));
    expect(b!.commentaar).toBe('Jansen & Zn <zorg>');
  });
});

describe('parseIjwXml: refused', () => {
  it('refuses a DOCTYPE with an external entity (XXE)', () => {
    const text = `<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n${xml('jw305').replace(/^<\?xml[^>]*>\n/, '').replace('999999990', '&xxe;')}`;
    const result = parseIjwXml(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/DOCTYPE|ENTITY/);
    const payload = parsePayload(text, { maxBytes: 100_000 });
    expect(payload).toEqual({ ok: false, problem: expect.objectContaining({ code: RETOUR.MALFORMED }) });
  });

  it('refuses billion laughs', () => {
    const lol = ['<!DOCTYPE lolz [', '<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`), ']>'].join('\n');
    const text = `<?xml version="1.0"?>\n${lol}\n<lolz xmlns="${NS.jw301}">&lol9;</lolz>`;
    const started = Date.now();
    const result = parsePayload(text, { maxBytes: 100_000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe(RETOUR.MALFORMED);
  });

  it.each([
    ['lower-case doctype', '<!doctype Bericht>'],
    ['an ENTITY without DOCTYPE', '<!ENTITY x "y">'],
  ])('refuses %s', (_label, decl) => {
    const text = xml('jw305').replace(/^<\?xml[^>]*>\n/, `<?xml version="1.0"?>\n${decl}\n`);
    expect(parseIjwXml(text).ok).toBe(false);
  });

  it.each([
    ['an unclosed element', xml('jw305').replace('</JW305:Bsn>', '')],
    ['mismatched tags', xml('jw305').replace('</JW305:Client>', '</JW305:Klant>')],
    ['truncated document', xml('jw305').slice(0, 200)],
    ['two root elements', `${xml('jw305')}<extra/>`],
    ['a bare ampersand', xml('jw305').replace('ID-JW305-1', 'ID & 1')],
  ])('refuses malformed XML: %s', (_label, text) => {
    const result = parseIjwXml(text);
    expect(result.ok).toBe(false);
    const payload = parsePayload(text, { maxBytes: 100_000 });
    expect(payload.ok).toBe(false);
    if (!payload.ok) expect(payload.problem.code).toBe(RETOUR.MALFORMED);
  });

  it.each([
    ['another namespace (unprefixed)', xml('jw305', { prefix: false }).replace(NS.jw305, 'http://example.org/ns')],
    ['a JW315 (not supported)', xml('jw305').replace(NS.jw305, 'http://www.istandaarden.nl/ijw/3_2/jw315/schema').replace(/JW305:/g, 'JW315:').replace('xmlns:JW305', 'xmlns:JW315')],
    ['well-formed XML that is no bericht', '<root><a>1</a></root>'],
  ])('refuses XML that is not a JW301/JW305/JW307: %s', (_label, text) => {
    const result = parseIjwXml(text);
    expect(result.ok).toBe(false);
  });

  it('refuses a bericht without Client', () => {
    const text = xml('jw305').replace(/<JW305:Client>[\s\S]*<\/JW305:Client>/, '');
    expect(parseIjwXml(text)).toEqual({ ok: false, error: expect.stringMatching(/Header and a Client/) });
  });

  it('refuses a bericht without products', () => {
    expect(parseIjwXml(xml('jw307', { products: [] }))).toEqual({ ok: false, error: expect.stringMatching(/StopProduct/) });
  });

  it('a missing Identificatie leads to a missing berichtId (one product)', () => {
    const [b] = parseOk(xml('jw305', { identificatie: null }));
    const result = validateBericht(b, ctx);
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.field])).toEqual([[RETOUR.FIELD_MISSING, 'berichtId']]);
  });

  it('a missing Identificatie leads to missing berichtIds with several products (never "undefined-1")', () => {
    const products = [defaultProduct('jw305', 'JW305:', '1001'), defaultProduct('jw305', 'JW305:', '1002')];
    const berichten = parseOk(xml('jw305', { identificatie: null, products }));
    for (const b of berichten) {
      expect(b.berichtId).toBeUndefined();
      const result = validateBericht(b, ctx);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((p) => [p.code, p.field])).toContainEqual([RETOUR.FIELD_MISSING, 'berichtId']);
    }
  });

  it('deeply nested XML is refused as malformed, not thrown', () => {
    const inner = '<a>'.repeat(500) + '</a>'.repeat(500);
    const text = xml('jw305', { client: inner });
    let result: ReturnType<typeof parsePayload> | undefined;
    expect(() => {
      result = parsePayload(text, { maxBytes: 100_000 });
    }).not.toThrow();
    expect(result).toEqual({ ok: false, problem: expect.objectContaining({ code: RETOUR.MALFORMED }) });
  });

  it('a broken XML declaration is refused as malformed, not thrown', () => {
    const text = xml('jw305').replace('<?xml version="1.0"', '<?xml ver<1.0"');
    let result: ReturnType<typeof parsePayload> | undefined;
    expect(() => {
      result = parsePayload(text, { maxBytes: 100_000 });
    }).not.toThrow();
    expect(result).toEqual({ ok: false, problem: expect.objectContaining({ code: RETOUR.MALFORMED }) });
  });

  it('maps missing elements to missing fields that validation reports', () => {
    const product = '<JW307:StopProduct><JW307:ToewijzingNummer>1</JW307:ToewijzingNummer></JW307:StopProduct>';
    const [b] = parseOk(xml('jw307', { products: [product] }));
    const result = validateBericht(b, ctx);
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.field]).sort()).toEqual(
      [
        [RETOUR.FIELD_MISSING, 'product.categorie'],
        [RETOUR.FIELD_MISSING, 'begindatum'],
        [RETOUR.FIELD_MISSING, 'einddatum'],
        [RETOUR.FIELD_MISSING, 'redenBeeindiging'],
      ].sort(),
    );
  });
});
