/**
 * The BSN 11-proef (elfproef): for digits d1..d9, 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be divisible by 11.
 * Source: Rijksoverheid/BSN "Logisch ontwerp BSN", also iJw regel on BSN (TR-rule "BSN moet voldoen aan de 11-proef").
 * 000000000 passes the arithmetic but is not a BSN.
 */
export function isValidBsn(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[0-9]{9}$/.test(value)) return false;
  if (value === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * (9 - i);
  sum -= Number(value[8]);
  return sum % 11 === 0;
}
