/**
 * Brazilian CPF (Cadastro de Pessoas Físicas) check digits: 11 digits, the last two computed from
 * the first nine (weights 10..2) and first ten (weights 11..2), each `(sum * 10) mod 11`, 10 -> 0.
 * Numbers of one repeated digit (`111.111.111-11`) pass that arithmetic but are never issued.
 */

/**
 * True when `s[start, end)` holds exactly 11 digits (other characters skipped) that form a CPF.
 *
 * @example
 * cpfValid('123.456.789-09') // true
 * cpfValid('123.456.789-00') // false
 */
export function cpfValid(s: string, start = 0, end = s.length): boolean {
  let n = 0;
  let sum1 = 0;
  let sum2 = 0;
  let c1 = 0;
  let c2 = 0;
  let first = -1;
  let same = true;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    if (n === 0) first = d;
    else if (d !== first) same = false;
    if (n < 9) sum1 += d * (10 - n);
    if (n < 10) sum2 += d * (11 - n);
    if (n === 9) c1 = d;
    if (n === 10) c2 = d;
    n++;
  }
  if (n !== 11 || same) return false;
  return ((sum1 * 10) % 11) % 10 === c1 && ((sum2 * 10) % 11) % 10 === c2;
}
