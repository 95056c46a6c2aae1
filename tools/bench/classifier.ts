import { ADVERSARIAL_UNITS, adversarialText } from '../../shared/detect/adversarial.ts';
import { builtinScanner } from '../../shared/detect/index.ts';
import { mbps, percentile, table, timeRuns, utf8Bytes } from './stats.ts';
import { code, prose, secretDense } from './texts.ts';

const MB = 1_000_000;

/** Classifier throughput, latency and adversarial worst case. */
export function benchClassifier(): void {
  const scanner = builtinScanner();
  const scan = (t: string): unknown => scanner.scan(t);

  console.log('\n== Classifier throughput (one core, 1 MB texts, median of 15 runs) ==');
  const rows: (string | number)[][] = [['text', 'MB/s', 'findings', 'budget']];
  for (const [name, text, budget] of [
    ['prose', prose(MB), '>= 100'],
    ['code', code(MB), ''],
    ['secret-dense', secretDense(MB), '>= 20'],
  ] as const) {
    const times = timeRuns(() => scan(text), 15, 3);
    rows.push([name, mbps(utf8Bytes(text), percentile(times, 50)), scanner.scan(text).length, budget]);
  }
  console.log(table(rows));

  console.log('\n== Paste latency (ms) ==');
  const paste10k = `${prose(7_000, 11)}\n${secretDense(3_000, 12)}`;
  const paste1m = `${prose(700_000, 13)}\n${secretDense(300_000, 14)}`;
  const t10 = timeRuns(() => scan(paste10k), 5_000, 200);
  const t1m = timeRuns(() => scan(paste1m), 25, 3);
  console.log(
    table([
      ['paste', 'p50', 'p99', 'budget'],
      ['10 KB', percentile(t10, 50), percentile(t10, 99), 'p99 < 1 ms'],
      ['1 MB', percentile(t1m, 50), percentile(t1m, 99), ''],
    ]),
  );

  console.log('\n== Adversarial input (1 MB of repeated near-matches per family) ==');
  const adv: [string, number][] = ADVERSARIAL_UNITS.map((a) => {
    const text = adversarialText(a.unit, MB);
    const times = timeRuns(() => scan(text), 3, 1);
    return [a.name, mbps(utf8Bytes(text), percentile(times, 50))];
  });
  adv.sort((a, b) => a[1] - b[1]);
  console.log(table([['input', 'MB/s'], ...adv.slice(0, 8)]));
  const worst = adv[0];
  if (worst) console.log(`worst case: ${worst[0]} at ${worst[1].toFixed(1)} MB/s`);
}
