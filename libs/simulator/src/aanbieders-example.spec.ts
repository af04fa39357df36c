import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLEVOLAND } from './region';

describe('docs/examples/aanbieders.json (AANBIEDERS_FILE of the demo)', () => {
  it('names every aanbieder of the simulated region, as the simulator names it', () => {
    const example: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'examples', 'aanbieders.json'), 'utf8'));
    expect((example as { aanbieders: unknown }).aanbieders).toEqual(Object.fromEntries(FLEVOLAND.aanbieders.map((a) => [a.agb, a.naam])));
  });
});
