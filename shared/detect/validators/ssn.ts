/**
 * US Social Security number rules: area (first three digits) never 000, 666 or 900-999; group
 * (next two) never 00; serial (last four) never 0000. Two numbers that were printed on sample
 * cards and voided (078-05-1120, 219-09-9999) are not SSNs either.
 */

/**
 * True when `s[start, end)` holds exactly 9 digits (other characters skipped) that are a possible SSN.
 *
 * @example
 * ssnValid('123-45-6789') // true
 * ssnValid('666-45-6789') // false
 */
export function ssnValid(s: string, start = 0, end = s.length): boolean {
  let n = 0;
  let area = 0;
  let group = 0;
  let serial = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    if (n < 3) area = area * 10 + d;
    else if (n < 5) group = group * 10 + d;
    else serial = serial * 10 + d;
    n++;
  }
  if (n !== 9 || area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  return !(area === 78 && group === 5 && serial === 1120) && !(area === 219 && group === 9 && serial === 9999);
}
