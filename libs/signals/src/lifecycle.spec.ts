import { DEFAULT_SIGNAL_CONFIG } from './config';
import { escalationDueAt, needsEscalation, newAlertLifecycle, transition, type AlertLifecycle } from './lifecycle';

const T0 = '2024-03-01T09:00:00.000Z';

function ok<A>(r: { ok: true; alert: A } | { ok: false; error: string }): A {
  if (!r.ok) throw new Error(r.error);
  return r.alert;
}

describe('alert lifecycle', () => {
  const open = { ...newAlertLifecycle('midden', T0), id: 'a1' };

  it('acknowledges and resolves, keeping history and extra fields', () => {
    const ack = ok(transition(open, 'acknowledge', 'toegang:jan', undefined, '2024-03-01T10:00:00Z'));
    expect(ack).toMatchObject({
      id: 'a1',
      status: 'acknowledged',
      acknowledgedBy: 'toegang:jan',
      acknowledgedAt: '2024-03-01T10:00:00.000Z',
    });
    const res = ok(transition(ack, 'resolve', 'toegang:jan', 'opgelost', '2024-03-02T10:00:00Z'));
    expect(res.status).toBe('resolved');
    expect(res.history.map((h) => `${h.from}>${h.to}`)).toEqual(['open>acknowledged', 'acknowledged>resolved']);
    expect(open.status).toBe('open');
    expect(open.history).toEqual([]);
  });

  it('requires a reason to dismiss', () => {
    expect(transition(open, 'dismiss', 'u', '  ', T0)).toEqual({ ok: false, error: 'dismiss requires a reason' });
    expect(ok(transition(open, 'dismiss', 'u', 'dubbel signaal', T0))).toMatchObject({
      status: 'dismissed',
      closeReason: 'dubbel signaal',
    });
  });

  it('treats resolved and dismissed as final', () => {
    const res = ok(transition(open, 'auto-resolve', '', undefined, T0));
    expect(res).toMatchObject({ status: 'resolved', closedBy: 'system', closeReason: 'situatie beëindigd' });
    const r = transition(res, 'acknowledge', 'u', undefined, T0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe('cannot acknowledge an alert that is resolved (closed alerts are final)');
    expect(transition(res, 'auto-resolve', 'system', undefined, T0).ok).toBe(false);
    expect(transition(ok(transition(open, 'dismiss', 'u', 'x', T0)), 'resolve', 'u', undefined, T0).ok).toBe(false);
  });

  it('auto-resolves acknowledged alerts too, but does not acknowledge twice', () => {
    const ack = ok(transition(open, 'acknowledge', 'u', undefined, T0));
    expect(transition(ack, 'acknowledge', 'u', undefined, T0).ok).toBe(false);
    expect(ok(transition(ack, 'auto-resolve', 'system', 'stop ontvangen', T0)).closeReason).toBe('stop ontvangen');
  });

  it('escalates open alerts one severity step, and rejects time travel and missing actors', () => {
    const esc = ok(transition(open, 'escalate', 'system', undefined, '2024-03-08T09:00:00Z'));
    expect(esc).toMatchObject({ status: 'open', severity: 'hoog', escalationLevel: 1, lastEscalatedAt: '2024-03-08T09:00:00.000Z' });
    const top = ok(
      transition(
        ok(transition(esc, 'escalate', 'system', undefined, '2024-03-09T09:00:00Z')),
        'escalate',
        'system',
        undefined,
        '2024-03-10T09:00:00Z',
      ),
    );
    expect(top.severity).toBe('kritiek');
    expect(transition(ok(transition(open, 'acknowledge', 'u', undefined, T0)), 'escalate', 'system', undefined, T0).ok).toBe(false);
    expect(transition(esc, 'acknowledge', 'u', undefined, '2024-03-01T09:00:00Z').ok).toBe(false);
    expect(transition(open, 'acknowledge', '', undefined, T0).ok).toBe(false);
    expect(transition(open, 'acknowledge', 'u', undefined, 'gisteren').ok).toBe(false);
  });

  it('needsEscalation per severity term', () => {
    const terms = DEFAULT_SIGNAL_CONFIG.bevestigenBinnenUren;
    const hoog: AlertLifecycle = newAlertLifecycle('hoog', T0);
    expect(escalationDueAt(hoog, terms)).toBe('2024-03-04T09:00:00.000Z');
    expect(needsEscalation(hoog, new Date('2024-03-04T08:59:59Z'), terms)).toBe(false);
    expect(needsEscalation(hoog, new Date('2024-03-04T09:00:00Z'), terms)).toBe(true);
    expect(needsEscalation(newAlertLifecycle('info', T0), new Date('2030-01-01T00:00:00Z'), terms)).toBe(false);
    const ack = ok(transition(hoog, 'acknowledge', 'u', undefined, T0));
    expect(needsEscalation(ack, new Date('2030-01-01T00:00:00Z'), terms)).toBe(false);
    const esc = ok(transition(hoog, 'escalate', 'system', undefined, '2024-03-04T09:00:00Z'));
    expect(escalationDueAt(esc, terms)).toBe('2024-03-05T09:00:00.000Z'); // now kritiek: 24h from the escalation
  });
});
