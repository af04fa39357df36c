import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSignalOverrides } from './signal-config';

describe('loadSignalOverrides', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigcfg-'));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('uses the defaults when no file is configured', () => {
    expect(loadSignalOverrides({})).toBeUndefined();
  });

  it('loads valid regional, gemeente and intensity overrides', () => {
    const overrides = {
      regio: { wachttijd: { normDagen: 35 } },
      gemeente: { '0034': { wachttijd: { normDagen: 21 } } },
      intensity: { residentieel: { wachttijd: { normDagen: 14 } } },
    };
    expect(loadSignalOverrides({ SIGNAL_CONFIG_FILE: file('ok.json', JSON.stringify(overrides)) })).toEqual(overrides);
  });

  it('refuses an unreadable or invalid file with every problem listed', () => {
    expect(() => loadSignalOverrides({ SIGNAL_CONFIG_FILE: file('bad.json', '{not json') })).toThrow(/cannot be read as JSON/);
    expect(() => loadSignalOverrides({ SIGNAL_CONFIG_FILE: file('layer.json', JSON.stringify({ wijk: {} })) })).toThrow(
      /unknown override layer/,
    );
    expect(() => loadSignalOverrides({ SIGNAL_CONFIG_FILE: file('code.json', JSON.stringify({ gemeente: { '34': {} } })) })).toThrow(
      /gemeentecode must be 4 digits/,
    );
    expect(() =>
      loadSignalOverrides({ SIGNAL_CONFIG_FILE: file('neg.json', JSON.stringify({ regio: { wachttijd: { normDagen: -3 } } })) }),
    ).toThrow(/wachttijd\.normDagen/);
  });
});
