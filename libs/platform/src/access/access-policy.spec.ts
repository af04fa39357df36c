import type { Principal, Role } from '../auth';
import {
  ACTIONS,
  AccessDenied,
  ROLES,
  accessLogScope,
  bsnRevealScope,
  actorOf,
  aggregateMatches,
  aggregateScope,
  denial,
  may,
  mayReceive,
  publishingSender,
  recordScope,
  type Action,
  type RecordResource,
} from './access-policy';

const OWN_GEMEENTE = '0363';
const OTHER_GEMEENTE = '0344';
const OWN_AGB = '12345678';
const OTHER_AGB = '87654321';

const PRINCIPALS = {
  toegang: { role: 'toegang', gemeente: OWN_GEMEENTE, sub: 't' },
  aanbieder: { role: 'aanbieder', agb: OWN_AGB, sub: 'a' },
  regio: { role: 'regio', regio: 'amsterdam', gemeenten: [OWN_GEMEENTE, '0362'], sub: 'r' },
  beheer: { role: 'beheer', sub: 'b' },
} satisfies Record<Role, Principal>;

/** role × action: the whole permission table, written out (a new role or action fails to compile until it is added). */
const MAY: Record<Role, Record<Action, boolean>> = {
  toegang: {
    'trajectories:read': true,
    'alerts:read': true,
    'alerts:act': true,
    'vervolg:record': true,
    'webhooks:manage': true,
    'berichten:publish': true,
    'berichten:read': false,
    'indicators:read': true,
    'stream:read': true,
    'bsn:reveal': true,
    'accesslog:read': false,
  },
  aanbieder: {
    'trajectories:read': true,
    'alerts:read': true,
    'alerts:act': false,
    'vervolg:record': false,
    'webhooks:manage': false,
    'berichten:publish': true,
    'berichten:read': true,
    'indicators:read': true,
    'stream:read': true,
    'bsn:reveal': false,
    'accesslog:read': false,
  },
  regio: {
    'trajectories:read': false,
    'alerts:read': false,
    'alerts:act': false,
    'vervolg:record': false,
    'webhooks:manage': false,
    'berichten:publish': false,
    'berichten:read': false,
    'indicators:read': true,
    'stream:read': true,
    'bsn:reveal': false,
    'accesslog:read': false,
  },
  beheer: {
    'trajectories:read': false,
    'alerts:read': false,
    'alerts:act': false,
    'vervolg:record': false,
    'webhooks:manage': false,
    'berichten:publish': false,
    'berichten:read': false,
    'indicators:read': true,
    'stream:read': true,
    'bsn:reveal': false,
    'accesslog:read': false,
  },
};

describe('access policy: may (role × action)', () => {
  const cases = ROLES.flatMap((role) => ACTIONS.map((action) => ({ role, action, expected: MAY[role][action] })));
  it.each(cases)('$role $action → $expected', ({ role, action, expected }) => {
    expect(may(PRINCIPALS[role], action)).toBe(expected);
  });

  it('says why, in the words the APIs have always used', () => {
    expect(denial(PRINCIPALS.regio, 'trajectories:read')).toBe('role regio sees aggregates only, not individual trajectories');
    expect(denial(PRINCIPALS.beheer, 'alerts:read')).toBe('role beheer sees aggregates only, not individual alerts');
    expect(denial(PRINCIPALS.aanbieder, 'alerts:act')).toBe("only a toegang worker of the alert's gemeente can act on it");
    expect(denial(PRINCIPALS.toegang, 'berichten:read')).toBe('only an aanbieder has a message overview');
    expect(denial(PRINCIPALS.regio, 'berichten:publish')).toBe(
      'role regio may not publish messages; only toegang (JW301) and aanbieder (JW305/JW307)',
    );
  });
});

type Row = { gemeente: string; aanbieder: string | null; recipients?: string[] };
const ROWS = {
  ownGemeenteOwnAgb: { gemeente: OWN_GEMEENTE, aanbieder: OWN_AGB },
  ownGemeenteOtherAgb: { gemeente: OWN_GEMEENTE, aanbieder: OTHER_AGB },
  otherGemeenteOwnAgb: { gemeente: OTHER_GEMEENTE, aanbieder: OWN_AGB },
  otherGemeenteNoAgb: { gemeente: OTHER_GEMEENTE, aanbieder: null },
  alertToAanbieder: { gemeente: OTHER_GEMEENTE, aanbieder: OWN_AGB, recipients: ['toegang', 'aanbieder'] },
  alertToToegangOnly: { gemeente: OWN_GEMEENTE, aanbieder: OWN_AGB, recipients: ['toegang'] },
} satisfies Record<string, Row>;
type RowName = keyof typeof ROWS;

/** principal × resource × row: visible (true), not visible (false), or the whole resource refused ('denied'). */
const SEES: Array<[Role, RecordResource, Partial<Record<RowName, boolean>> | 'denied']> = [
  [
    'toegang',
    'trajectories',
    { ownGemeenteOwnAgb: true, ownGemeenteOtherAgb: true, otherGemeenteOwnAgb: false, otherGemeenteNoAgb: false },
  ],
  [
    'aanbieder',
    'trajectories',
    { ownGemeenteOwnAgb: true, ownGemeenteOtherAgb: false, otherGemeenteOwnAgb: true, otherGemeenteNoAgb: false },
  ],
  ['regio', 'trajectories', 'denied'],
  ['beheer', 'trajectories', 'denied'],
  ['toegang', 'alerts', { alertToAanbieder: false, alertToToegangOnly: true, ownGemeenteOtherAgb: true }],
  ['aanbieder', 'alerts', { alertToAanbieder: true, alertToToegangOnly: false, ownGemeenteOwnAgb: false }],
  ['regio', 'alerts', 'denied'],
  ['beheer', 'alerts', 'denied'],
  ['toegang', 'webhooks', { ownGemeenteOwnAgb: true, otherGemeenteOwnAgb: false }],
  ['aanbieder', 'webhooks', 'denied'],
  ['regio', 'webhooks', 'denied'],
  ['beheer', 'webhooks', 'denied'],
  ['toegang', 'berichten', 'denied'],
  ['aanbieder', 'berichten', { otherGemeenteOwnAgb: true, ownGemeenteOtherAgb: false }],
  ['regio', 'berichten', 'denied'],
  ['beheer', 'berichten', 'denied'],
];

describe('access policy: recordScope (principal × resource × row)', () => {
  it.each(SEES)('%s %s', (role, resource, expected) => {
    const principal = PRINCIPALS[role];
    if (expected === 'denied') {
      expect(() => recordScope(principal, resource)).toThrow(AccessDenied);
      return;
    }
    const scope = recordScope(principal, resource);
    for (const [name, visible] of Object.entries(expected)) expect([name, scope.matches(ROWS[name as RowName])]).toEqual([name, visible]);
  });

  it('gives the SQL condition on the row’s own columns, with the placeholder and alias the repository chose', () => {
    expect(recordScope(PRINCIPALS.toegang, 'trajectories').sql('$2')).toBe('gemeente = $2');
    expect(recordScope(PRINCIPALS.aanbieder, 'trajectories').sql('$2', 't')).toBe('t.aanbieder = $2');
    expect(recordScope(PRINCIPALS.toegang, 'alerts').sql('$1')).toBe('gemeente = $1');
    expect(recordScope(PRINCIPALS.aanbieder, 'alerts').sql('$1', 'a')).toBe("a.aanbieder = $1 AND 'aanbieder' = ANY(a.recipients)");
    expect(recordScope(PRINCIPALS.toegang, 'alerts').value).toBe(OWN_GEMEENTE);
    expect(recordScope(PRINCIPALS.aanbieder, 'berichten').value).toBe(OWN_AGB);
  });

  it('admits a filter only within the scope', () => {
    const toegang = recordScope(PRINCIPALS.toegang, 'alerts');
    expect([
      toegang.admits('gemeente', OWN_GEMEENTE),
      toegang.admits('gemeente', OTHER_GEMEENTE),
      toegang.admits('aanbieder', OTHER_AGB),
    ]).toEqual([true, false, true]);
    const aanbieder = recordScope(PRINCIPALS.aanbieder, 'alerts');
    expect([
      aanbieder.admits('aanbieder', OWN_AGB),
      aanbieder.admits('aanbieder', OTHER_AGB),
      aanbieder.admits('gemeente', OTHER_GEMEENTE),
    ]).toEqual([true, false, true]);
  });
});

describe('access policy: aggregates and the live stream', () => {
  it.each([
    ['toegang', { gemeenten: [OWN_GEMEENTE] }],
    ['aanbieder', { aanbieder: OWN_AGB }],
    ['regio', { gemeenten: [OWN_GEMEENTE, '0362'] }],
    ['beheer', { alle: true }],
  ] as const)('%s aggregates over %j', (role, scope) => {
    expect(aggregateScope(PRINCIPALS[role])).toEqual(scope);
  });

  it('aggregateMatches agrees with the aggregate scope', () => {
    expect(aggregateMatches({ gemeenten: [OWN_GEMEENTE] }, ROWS.ownGemeenteOtherAgb)).toBe(true);
    expect(aggregateMatches({ gemeenten: [OWN_GEMEENTE] }, ROWS.otherGemeenteOwnAgb)).toBe(false);
    expect(aggregateMatches({ aanbieder: OWN_AGB }, ROWS.otherGemeenteOwnAgb)).toBe(true);
    expect(aggregateMatches({ alle: true }, ROWS.otherGemeenteNoAgb)).toBe(true);
  });

  const alert = (gemeente: string, aanbieder: string | null, recipients: string[]) => ({
    event: 'alert' as const,
    scope: { gemeente, aanbieder, recipients },
  });
  const pathway = (gemeente: string, aanbieder: string | null) => ({
    event: 'pathway' as const,
    scope: { gemeente, aanbieder, recipients: [] },
  });
  /** principal × event → receives. Alerts as the alerts API; pathway events (aggregate fields only) as the indicators. */
  const STREAM: Array<[Role, string, ReturnType<typeof alert> | ReturnType<typeof pathway>, boolean]> = [
    ['toegang', 'alert of its gemeente', alert(OWN_GEMEENTE, OTHER_AGB, ['toegang']), true],
    ['toegang', 'alert of another gemeente', alert(OTHER_GEMEENTE, OWN_AGB, ['toegang', 'aanbieder']), false],
    ['aanbieder', 'alert addressed to it', alert(OTHER_GEMEENTE, OWN_AGB, ['toegang', 'aanbieder']), true],
    ['aanbieder', 'its alert addressed to toegang only', alert(OWN_GEMEENTE, OWN_AGB, ['toegang']), false],
    ['aanbieder', 'alert of another aanbieder', alert(OWN_GEMEENTE, OTHER_AGB, ['aanbieder']), false],
    ['regio', 'alert in its regio', alert(OWN_GEMEENTE, OWN_AGB, ['toegang', 'aanbieder', 'regio']), false],
    ['beheer', 'any alert', alert(OWN_GEMEENTE, OWN_AGB, ['toegang', 'aanbieder', 'regio']), false],
    ['toegang', 'pathway of its gemeente', pathway(OWN_GEMEENTE, OTHER_AGB), true],
    ['toegang', 'pathway of another gemeente', pathway(OTHER_GEMEENTE, OWN_AGB), false],
    ['aanbieder', 'its own pathway', pathway(OTHER_GEMEENTE, OWN_AGB), true],
    ['aanbieder', 'pathway of another aanbieder', pathway(OWN_GEMEENTE, OTHER_AGB), false],
    ['regio', 'pathway in its regio', pathway(OWN_GEMEENTE, null), true],
    ['regio', 'pathway outside its regio', pathway(OTHER_GEMEENTE, OWN_AGB), false],
    ['beheer', 'any pathway', pathway(OTHER_GEMEENTE, null), true],
  ];
  it.each(STREAM)('%s receives %s: %s', (role, _what, event, expected) => {
    expect(mayReceive(PRINCIPALS[role], event)).toBe(expected);
  });
});

describe('access policy: the BSN and the access log (issue 18)', () => {
  const beheerder: Principal = { role: 'toegang', gemeente: OWN_GEMEENTE, sub: 'privacy', beheerder: true };

  it('shows a BSN only to a toegang worker, of its own gemeente', () => {
    expect(bsnRevealScope(PRINCIPALS.toegang)).toEqual({ gemeente: OWN_GEMEENTE });
    for (const role of ['aanbieder', 'regio', 'beheer'] as const) expect(() => bsnRevealScope(PRINCIPALS[role])).toThrow(AccessDenied);
    expect(denial(PRINCIPALS.aanbieder, 'bsn:reveal')).toBe("only a toegang worker of the child's gemeente can see its BSN");
  });

  it('opens the access log to the toegang beheerder of the gemeente only, for its own gemeente', () => {
    expect(may(beheerder, 'accesslog:read')).toBe(true);
    expect(accessLogScope(beheerder)).toEqual({ gemeente: OWN_GEMEENTE });
    // the flag means nothing on another role, and a plain toegang worker is no beheerder
    const flagged = { ...PRINCIPALS.aanbieder, beheerder: true } as unknown as Principal;
    for (const p of [PRINCIPALS.toegang, PRINCIPALS.aanbieder, PRINCIPALS.regio, PRINCIPALS.beheer, flagged])
      expect(() => accessLogScope(p)).toThrow('only the toegang beheerder of the gemeente reads the access log');
  });
});

describe('access policy: senders and actors', () => {
  it('publishes as its organisation, or not at all', () => {
    expect(publishingSender(PRINCIPALS.toegang)).toEqual({ role: 'toegang', gemeente: OWN_GEMEENTE });
    expect(publishingSender(PRINCIPALS.aanbieder)).toEqual({ role: 'aanbieder', agb: OWN_AGB });
    expect(publishingSender(PRINCIPALS.regio)).toBeNull();
    expect(publishingSender(PRINCIPALS.beheer)).toBeNull();
  });

  it('records who acted as role:organisation:subject (the alert history format)', () => {
    expect(actorOf(PRINCIPALS.toegang)).toBe('toegang:0363:t');
    expect(actorOf(PRINCIPALS.aanbieder)).toBe('aanbieder:12345678:a');
  });
});
