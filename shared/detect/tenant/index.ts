import { z } from 'zod';
import { compileExactData } from './edm.ts';
import { compileKeywords } from './keywords.ts';
import { TenantDetectorError, type TenantPass } from './pass.ts';
import { compileRegex } from './regex.ts';
import { TenantDetector, type TenantDetectorInput } from './schema.ts';

export { buildExactDataDetector, hashValue } from './edm.ts';
export { TenantDetectorError, type TenantPass } from './pass.ts';

const DetectorList = z.array(TenantDetector);
const MAX_PROBLEMS = 10;

/**
 * Compiles a policy's tenant detectors into extra passes for `createScanner`, one per detector, each
 * reporting `tenant:<id>`. The input is parsed with the policy schema first (defaults filled in),
 * so anything that did not come through a validated policy is checked too.
 *
 * Throws {@link TenantDetectorError} with every problem and where it is (`detector 2 ("tickets"):
 * pattern: ...`) for input the schema rejects, for duplicate ids, and for regexes RE2 cannot compile.
 *
 * @example
 * const scanner = createScanner({ recognizers: RECOGNIZERS, classifiers: CLASSIFIERS,
 *   extraPasses: compileTenantDetectors(policy.detectors) });
 */
export function compileTenantDetectors(detectors: readonly TenantDetectorInput[]): TenantPass[] {
  const parsed = DetectorList.safeParse(detectors);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const [index, ...rest] = issue.path;
      const raw: unknown = typeof index === 'number' ? detectors[index] : undefined;
      const id = raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string' ? ` ("${raw.id}")` : '';
      const where = typeof index === 'number' ? `detector ${index + 1}${id}` : 'detectors';
      return `${where}${rest.length ? `: ${rest.join('.')}` : ''}: ${issue.message}`;
    });
    // A policy with a million bad hashes should not produce a million-line message.
    const more = problems.length > MAX_PROBLEMS ? `; and ${problems.length - MAX_PROBLEMS} more` : '';
    throw new TenantDetectorError(`invalid tenant detectors: ${problems.slice(0, MAX_PROBLEMS).join('; ')}${more}`);
  }
  const seen = new Set<string>();
  for (const d of parsed.data) {
    if (seen.has(d.id)) throw new TenantDetectorError(`invalid tenant detectors: id "${d.id}" is used twice`);
    seen.add(d.id);
  }
  return parsed.data.map((d) => {
    switch (d.kind) {
      case 'keywords':
        return compileKeywords(d);
      case 'regex':
        return compileRegex(d);
      case 'edm':
        return compileExactData(d);
    }
  });
}
