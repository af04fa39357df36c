import { AuthError } from '../auth';
import { loadConfig } from '../config';
import { DEFAULT_CLAIM_MAPPING, parseRegioGemeenten, parseRoleValues, principalFromClaims, type ClaimMapping } from './claims';

describe('principalFromClaims: the configured claims of an access token → the Principal of the access policy', () => {
  const m = DEFAULT_CLAIM_MAPPING;

  it.each([
    [
      { sub: 'w', role: 'toegang', gemeente: '0034' },
      { role: 'toegang', gemeente: '0034', sub: 'w' },
    ],
    [
      { sub: 'zorg', role: 'aanbieder', agb: '12345678' },
      { role: 'aanbieder', agb: '12345678', sub: 'zorg' },
    ],
    [
      { sub: 'r', role: 'regio', regio: 'flevoland', gemeenten: ['0034', '0050'] },
      { role: 'regio', regio: 'flevoland', gemeenten: ['0034', '0050'], sub: 'r' },
    ],
    [
      { sub: 'b', role: 'beheer' },
      { role: 'beheer', sub: 'b' },
    ],
    // a list with one Trajectwacht role among other roles of the provider; a one-element list as an attribute
    [
      { sub: 'w', role: ['offline_access', 'toegang'], gemeente: ['0034'] },
      { role: 'toegang', gemeente: '0034', sub: 'w' },
    ],
    // a space-separated text, as some providers put roles in one claim
    [
      { sub: 'w', role: 'uma toegang', gemeente: '0034' },
      { role: 'toegang', gemeente: '0034', sub: 'w' },
    ],
  ])('%j → %j', (claims, principal) => {
    expect(principalFromClaims(claims, m)).toEqual(principal);
  });

  it('reads other claim names, dotted paths and provider role values from the config', () => {
    const mapping: ClaimMapping = {
      ...m,
      role: 'realm_access.roles',
      gemeente: 'org.gemeentecode',
      roleValues: { 'jeugd-toegang': 'toegang', 'jeugd-regio': 'regio' },
      regioGemeenten: { flevoland: ['0034', '0995'] },
    };
    expect(principalFromClaims({ sub: 'w', realm_access: { roles: ['jeugd-toegang'] }, org: { gemeentecode: '0363' } }, mapping)).toEqual({
      role: 'toegang',
      gemeente: '0363',
      sub: 'w',
    });
    // the regio's gemeenten from the configured map when the token names only the regio
    expect(principalFromClaims({ sub: 'r', realm_access: { roles: ['jeugd-regio'] }, regio: 'flevoland' }, mapping)).toEqual({
      role: 'regio',
      regio: 'flevoland',
      gemeenten: ['0034', '0995'],
      sub: 'r',
    });
  });

  it.each([
    [{ role: 'toegang', gemeente: '0034' }, /no subject/],
    [{ sub: 'x' }, /no Trajectwacht role in its claim "role"/],
    [{ sub: 'x', role: 'admin' }, /no Trajectwacht role/],
    [{ sub: 'x', role: ['toegang', 'beheer'], gemeente: '0034' }, /more than one Trajectwacht role in its claim "role": toegang, beheer/],
    [{ sub: 'x', role: 'toegang', gemeente: '34' }, /4-digit gemeente/],
    [{ sub: 'x', role: 'toegang', gemeente: ['0034', '0035'] }, /claim "gemeente" must be one text/],
    [{ sub: 'x', role: 'aanbieder' }, /8-digit agb/],
    [{ sub: 'x', role: 'regio', regio: 'twente' }, /names regio twente but not its gemeenten \(claim "gemeenten"\)/],
    [{ sub: 'x', role: 'regio', regio: 'twente', gemeenten: ['141'] }, /a regio token needs a regio and its gemeenten/],
  ])('%j is refused: %s', (claims, reason) => {
    expect(() => principalFromClaims(claims, m)).toThrow(AuthError);
    expect(() => principalFromClaims(claims, m)).toThrow(reason);
  });
});

describe('the OIDC_ROLE_VALUES and OIDC_REGIO_GEMEENTEN settings', () => {
  it('parses them and names a wrong entry', () => {
    const problems: string[] = [];
    expect(parseRoleValues('jeugd-toegang=toegang, jeugd-beheer = beheer', problems)).toEqual({
      'jeugd-toegang': 'toegang',
      'jeugd-beheer': 'beheer',
    });
    expect(parseRegioGemeenten('flevoland=0034 0050 0303; twente=0141,0147', problems)).toEqual({
      flevoland: ['0034', '0050', '0303'],
      twente: ['0141', '0147'],
    });
    expect(problems).toEqual([]);
    parseRoleValues('x=admin', problems);
    parseRegioGemeenten('flevoland=34', problems);
    expect(problems).toEqual([expect.stringContaining('"x=admin"'), expect.stringContaining('"flevoland=34"')]);
  });
});

describe('the toegang beheerder from an OpenID token (OIDC_CLAIM_BEHEERDER, OIDC_BEHEERDER_VALUE)', () => {
  const m: ClaimMapping = { ...DEFAULT_CLAIM_MAPPING, beheerder: 'beheerder' };
  const toegang = { sub: 'p', role: 'toegang', gemeente: '0034' };
  const worker = { role: 'toegang', gemeente: '0034', sub: 'p' };

  it.each([
    [true, { ...worker, beheerder: true }],
    ['true', { ...worker, beheerder: true }],
    [false, worker],
    ['false', worker],
    [undefined, worker],
  ])('beheerder %j → %j', (beheerder, principal) => {
    expect(principalFromClaims({ ...toegang, beheerder }, m)).toEqual(principal);
  });

  it.each([1, 'ja', ['true'], { value: true }, null])('refuses a toegang token whose beheerder claim is %j', (beheerder) => {
    expect(() => principalFromClaims({ ...toegang, beheerder }, m)).toThrow(
      new AuthError('the access token\'s claim "beheerder" must be true or false'),
    );
  });

  it('is off without the setting: the default mapping reads no beheerder claim', () => {
    expect(principalFromClaims({ ...toegang, beheerder: true }, DEFAULT_CLAIM_MAPPING)).toEqual(worker);
  });

  it('ignores the claim on another role, whatever it holds (as the local tokens do)', () => {
    expect(principalFromClaims({ sub: 'z', role: 'aanbieder', agb: '12345678', beheerder: true }, m)).toEqual({
      role: 'aanbieder',
      agb: '12345678',
      sub: 'z',
    });
    expect(principalFromClaims({ sub: 'b', role: 'beheer', beheerder: 42 }, m)).toEqual({ role: 'beheer', sub: 'b' });
    expect(principalFromClaims({ sub: 'r', role: 'regio', regio: 'x', gemeenten: ['0034'], beheerder: 'true' }, m)).toEqual({
      role: 'regio',
      regio: 'x',
      gemeenten: ['0034'],
      sub: 'r',
    });
  });

  it('with a configured value: a dotted path to a groups list, a text or a space-separated text that holds it', () => {
    const groups: ClaimMapping = { ...DEFAULT_CLAIM_MAPPING, beheerder: 'realm_access.groups', beheerderValue: 'jeugd-privacy' };
    const withGroups = (value: unknown) => principalFromClaims({ ...toegang, realm_access: { groups: value } }, groups);
    expect(withGroups(['jeugd-toegang', 'jeugd-privacy'])).toEqual({ ...worker, beheerder: true });
    expect(withGroups('jeugd-privacy')).toEqual({ ...worker, beheerder: true });
    expect(withGroups('jeugd-toegang jeugd-privacy')).toEqual({ ...worker, beheerder: true });
    expect(withGroups(['jeugd-toegang'])).toEqual(worker);
    expect(withGroups(undefined)).toEqual(worker);
    // true is no group: with a value configured the claim must be texts
    for (const wrong of [true, [1], { 'jeugd-privacy': true }])
      expect(() => withGroups(wrong)).toThrow('the access token\'s claim "realm_access.groups" must be a text or a list of texts');
  });
});

describe('the OIDC_CLAIM_BEHEERDER and OIDC_BEHEERDER_VALUE settings', () => {
  const base = {
    PSEUDONYM_SECRET: 'p'.repeat(32),
    AUTH_SECRET: 's'.repeat(32),
    OIDC_ISSUER: 'https://login.gemeente.nl/realms/jeugd',
    OIDC_AUDIENCE: 'urn:trajectwacht:api',
  };

  it('maps them into the claim mapping; unset, the mapping has no beheerder claim; a value needs its claim', () => {
    expect(loadConfig({ ...base, OIDC_CLAIM_BEHEERDER: 'groups', OIDC_BEHEERDER_VALUE: 'jeugd-privacy' }).auth!.oidc!.claims).toMatchObject(
      {
        beheerder: 'groups',
        beheerderValue: 'jeugd-privacy',
      },
    );
    const plain = loadConfig(base).auth!.oidc!.claims;
    expect([plain.beheerder, plain.beheerderValue]).toEqual([undefined, undefined]);
    expect(() => loadConfig({ ...base, OIDC_BEHEERDER_VALUE: 'jeugd-privacy' })).toThrow(/OIDC_BEHEERDER_VALUE needs OIDC_CLAIM_BEHEERDER/);
  });
});
