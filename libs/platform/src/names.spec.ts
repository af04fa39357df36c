import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNames, namesFromSettings, readAanbieders } from './names';

const EXAMPLE = join(__dirname, '..', '..', '..', 'docs', 'examples', 'aanbieders.json');

describe('names of gemeentecodes and AGB codes', () => {
  it('names a gemeentecode on a date, following a herindeling', () => {
    const names = createNames(null);
    expect(names.gemeente('0034', '2026-01-01')).toBe('Almere');
    expect(names.gemeente('0614', '2022-12-31')).toBe('Westvoorne');
    expect(names.gemeente('0614', '2023-01-01')).toBe('Voorne aan Zee');
    expect(names.gemeenteLabel('0614', '2023-01-01')).toBe('Voorne aan Zee (voorheen Westvoorne)');
    expect(names.gemeente('9999', '2026-01-01')).toBeNull();
    expect(names.gemeente(null, '2026-01-01')).toBeNull();
    expect(names.aanbieder('98100003')).toBeNull();
    expect(names.aanbiedersSource).toBeNull();
  });

  it('names an AGB code from AANBIEDERS_FILE (the example file of the demo region)', () => {
    const names = namesFromSettings({ AANBIEDERS_FILE: EXAMPLE });
    expect(names.aanbieder('98100003')).toBe('Sim Jeugdteam Ambulant Flevoland');
    expect(names.aanbieder('12345678')).toBeNull();
    expect(names.aanbieder(null)).toBeNull();
    expect(names.aanbiedersSource?.source).toMatch(/simulator/);
    expect(namesFromSettings({}).aanbieder('98100003')).toBeNull();
  });

  it('refuses a wrong file, naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aanbieders-'));
    const file = (content: unknown) => {
      const path = join(dir, `${Math.random()}.json`);
      writeFileSync(path, JSON.stringify(content));
      return path;
    };
    expect(() => readAanbieders(file({ source: 's', version: 'v', aanbieders: { '123': 'X' } }))).toThrow(/8 digits/);
    expect(() => readAanbieders(file({ source: 's', aanbieders: {} }))).toThrow(/version/);
    expect(() => readAanbieders(file({ source: 's', version: 'v', aanbieders: { '12345678': ' ' } }))).toThrow(/a name/);
    expect(readAanbieders(file({ source: 's', version: 'v', aanbieders: { '12345678': 'Zorg B.V.' } })).aanbieders).toEqual({
      '12345678': 'Zorg B.V.',
    });
  });
});
