// @ts-check
/**
 * Names, not codes (issue 18 point 7): a gemeente or aanbieder is shown by its name with the code beside it,
 * "Almere (0034)"; the code alone when the API knows no name (an AGB code missing from AANBIEDERS_FILE).
 */

/**
 * @param {string | null | undefined} code
 * @param {string | null | undefined} naam
 * @returns {string}
 */
export function named(code, naam) {
  if (!code) return '–';
  return naam ? `${naam} (${code})` : code;
}

/**
 * The label of a fact key in the language, as the alerts API sends it (factLabels); the key itself without one.
 * @param {string} key
 * @param {Record<string, { nl: string, en: string }> | undefined} labels
 * @param {string} lang
 * @returns {string}
 */
export function factLabel(key, labels, lang) {
  const label = labels?.[key];
  return (label && (lang === 'en' ? label.en : label.nl)) || key;
}
