import { describe, expect, it } from 'vitest';
import { adversarialText } from '../../adversarial.ts';
import { scanWith } from '../../testing.ts';
import { brCpf } from './br-cpf.ts';

const scan = scanWith(brCpf);

describe('br_cpf', () => {
  it.each([
    ['CPF 123.456.789-09', '123.456.789-09'],
    ['987.654.321-00', '987.654.321-00'],
    ['cpf: 31415926590', '31415926590'],
    ['CPF 271828182-05', '271828182-05'],
    ['cliente;314.159.265-90;SP', '314.159.265-90'],
    ['nome;cpf;cidade\nAna Lima;41835092705;Recife', '41835092705'],
    ['"national_id": "41835092705"', '41835092705'],
  ])('finds %j', (text, value) => {
    expect(scan(text)).toEqual([value]);
  });

  it.each([
    ['first check digit wrong', 'CPF 123.456.789-19'],
    ['second check digit wrong', 'CPF 123.456.789-08'],
    ['one repeated digit', 'CPF 111.111.111-11'],
    ['bare eleven digits without a label', '31415926590'],
    ['odd punctuation', 'CPF 123.456.789.09'],
    ['glued', 'X123.456.789-09'],
    ['ten digits', 'CPF 1234567890'],
    ['bare under another column', 'nome;conta;cidade\nAna Lima;41835092705;Recife'],
  ])('ignores %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('stays linear and correct on 200 KB of near-matches', () => {
    const text = adversarialText('123.456.789-19 111.111.111-11, ', 200_000);
    expect(scan(`${text} 987.654.321-00`)).toEqual(['987.654.321-00']);
  });
});
