import { buildAccessRecord, organisationLabel, outcomeOf, subjectOf } from './access-record';

const P = '0123456789abcdef0123456789abcdef';
const toegang = { role: 'toegang' as const, gemeente: '0034', sub: 'w.jansen' };

describe('access log record (NEN 7513): who, what, when, outcome, why', () => {
  it('records who (subject, role, organisation), what (action, route pattern, subject, children) and the outcome', () => {
    const r = buildAccessRecord({
      service: 'signals',
      requestId: 'req-12345678',
      principal: toegang,
      action: 'alert.detail',
      route: 'GET /api/v1/alerts/:id',
      subject: subjectOf('alert', 'A0123456789abcdef0123456'),
      pseudonyms: [P, P],
      gemeenten: ['0034'],
      status: 200,
    });
    expect(r).toEqual({
      service: 'signals',
      requestId: 'req-12345678',
      sub: 'w.jansen',
      role: 'toegang',
      organisation: 'gemeente:0034',
      action: 'alert.detail',
      route: 'GET /api/v1/alerts/:id',
      subject: 'alert:A0123456789abcdef0123456',
      pseudonyms: [P],
      gemeenten: ['0034'],
      outcome: 'allowed',
      status: 200,
      reason: null,
    });
  });

  it('names the organisation of every role', () => {
    expect(organisationLabel(toegang)).toBe('gemeente:0034');
    expect(organisationLabel({ role: 'aanbieder', agb: '12345678', sub: 'a' })).toBe('agb:12345678');
    expect(organisationLabel({ role: 'regio', regio: 'flevoland', gemeenten: ['0034'], sub: 'r' })).toBe('regio:flevoland');
    expect(organisationLabel({ role: 'beheer', sub: 'b' })).toBeNull();
  });

  it('calls 2xx allowed, 403 and 404 refused, everything else failed', () => {
    expect([200, 201, 204, 403, 404, 400, 409, 500].map(outcomeOf)).toEqual([
      'allowed',
      'allowed',
      'allowed',
      'refused',
      'refused',
      'failed',
      'failed',
      'failed',
    ]);
  });

  it('never carries a BSN: pseudonyms only, a subject of its own shape, nine digits in a reason masked', () => {
    const base = { service: 't', principal: toegang, action: 'bsn.reveal', route: 'POST /api/v1/pseudoniemen/:pseudonym/bsn', status: 200 };
    expect(() => buildAccessRecord({ ...base, pseudonyms: ['123456782'] })).toThrow(/pseudonyms only/);
    expect(() => buildAccessRecord({ ...base, subject: 'bsn:123456782' })).toThrow(/subjectOf/);
    expect(() => buildAccessRecord({ ...base, route: '/api/v1/clients/123456782/trajecten' })).toThrow(/METHOD/);
    expect(subjectOf('alert', '123456782')).toBe('alert:ongeldig');
    expect(subjectOf('pseudonym', '123456782')).toBe('pseudoniem:ongeldig');
    expect(subjectOf('trajectory', '0034-12345678')).toBe('traject:0034-12345678');
    const r = buildAccessRecord({ ...base, reason: '  telefoon van moeder, BSN 123456782 gecontroleerd  ' });
    expect(r.reason).toBe('telefoon van moeder, BSN ********* gecontroleerd');
    expect(buildAccessRecord({ ...base, reason: 'x'.repeat(900) }).reason).toHaveLength(500);
    expect(buildAccessRecord({ ...base, reason: '   ' }).reason).toBeNull();
  });
});
