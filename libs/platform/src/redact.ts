/**
 * Defence in depth for logs: any run of exactly nine digits (the shape of a BSN) is masked before a line is written.
 * Code never logs a BSN on purpose; this catches the accidental case (an error message quoting a payload).
 */
const NINE_DIGITS = /(?<![0-9])[0-9]{9}(?![0-9])/g;

export function redact(line: string): string {
  return line.replace(NINE_DIGITS, '*********');
}
