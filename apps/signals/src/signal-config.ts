import { readFileSync } from 'node:fs';
import { setting } from '@trajectwacht/platform';
import { DEFAULT_SIGNAL_CONFIG, validateSignalOverrides, type SignalOverrides } from '@trajectwacht/signals';

/**
 * Regional thresholds: SIGNAL_CONFIG_FILE points to a JSON file `{ "regio": {...}, "gemeente": { "0034": {...} },
 * "intensity": { "residentieel": {...} } }` of partial overrides of DEFAULT_SIGNAL_CONFIG (see libs/signals/src/README.md).
 * Validated at start-up: a wrong file stops the service with every problem listed, instead of silently using defaults.
 */
export function loadSignalOverrides(env?: NodeJS.ProcessEnv): SignalOverrides | undefined {
  const file = setting('SIGNAL_CONFIG_FILE', env);
  if (!file) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`SIGNAL_CONFIG_FILE ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  const problems = validateSignalOverrides(parsed);
  if (problems.length > 0) throw new Error(`SIGNAL_CONFIG_FILE ${file} is invalid:\n - ${problems.join('\n - ')}`);
  return parsed as SignalOverrides;
}

export { DEFAULT_SIGNAL_CONFIG };
