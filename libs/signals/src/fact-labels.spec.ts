import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { FACT_LABELS, factLabel, factLabels } from './fact-labels';
import { RULE_IDS } from './model';
import { child, ruleInput, trajectory } from './test-builders';
import { RULES, evaluateAll } from './rules';

const RULES_DIR = join(__dirname, 'rules');

/**
 * Every key a rule can put into an alert's facts, read from the rule files themselves (TypeScript compiler API): the
 * properties of each `facts: { … }` object literal, also those in spread parts (`...(cond ? { key } : {})`).
 */
function factKeysInRules(): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const file of readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(join(RULES_DIR, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const add = (key: string) => (keys.get(file) ?? keys.set(file, new Set()).get(file)!).add(key);
    const collect = (object: ts.ObjectLiteralExpression): void => {
      for (const p of object.properties) {
        if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name) add(p.name.getText(source).replace(/['"]/g, ''));
        if (ts.isSpreadAssignment(p)) spread(p.expression);
      }
    };
    const spread = (node: ts.Node): void => (ts.isObjectLiteralExpression(node) ? collect(node) : ts.forEachChild(node, spread));
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'facts' && ts.isObjectLiteralExpression(node.initializer))
        collect(node.initializer);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return keys;
}

describe('alert facts have human labels in Dutch and English', () => {
  it('every fact key a rule produces has a label in both languages', () => {
    const keys = factKeysInRules();
    // every rule file with alerts is seen (common.ts passes the facts of the others through)
    expect(keys.size).toBeGreaterThanOrEqual(RULE_IDS.length);
    const missing = [...keys].flatMap(([file, set]) =>
      [...set].filter((k) => !FACT_LABELS[k]?.nl?.trim() || !FACT_LABELS[k]?.en?.trim()).map((k) => `${file}: ${k}`),
    );
    // A new fact key: add its label to libs/signals/src/fact-labels.ts (nl and en)
    expect(missing).toEqual([]);
  });

  it('the facts of alerts actually raised are all labelled', () => {
    const input = ruleInput(
      child([
        trajectory({ nr: 'A', ingang: '2024-01-01', start: '2024-01-08', code: '45A01', eind: '2024-03-28' }),
        trajectory({ nr: 'B', ingang: '2024-02-01', code: '43A02' }),
        trajectory({ nr: 'C', ingang: '2024-02-10', start: '2024-02-12', categorie: '41' }),
        trajectory({ nr: 'D', ingang: null, start: '2024-03-01', code: '45A02' }),
      ]),
      '2024-04-15',
    );
    const alerts = evaluateAll(input);
    expect(alerts.length).toBeGreaterThan(3);
    for (const alert of alerts)
      for (const key of Object.keys(alert.facts))
        expect({ rule: alert.ruleId, key, label: factLabel(key, 'nl') !== key }).toEqual({ rule: alert.ruleId, key, label: true });
    expect(Object.keys(RULES).length).toBe(RULE_IDS.length);
  });

  it('labels a key in the language asked, and falls back to the key itself', () => {
    expect(factLabel('begindatum', 'nl')).toBe('Begindatum');
    expect(factLabel('begindatum', 'en')).toBe('Start date');
    expect(factLabel('onbekendFeit', 'en')).toBe('onbekendFeit');
    expect(factLabels({ begindatum: '2024-01-01', onbekend: 1 })).toEqual({ begindatum: FACT_LABELS.begindatum });
  });
});
