/** `npm run coverage`: prints the coverage matrix (site x input path) as docs/coverage.md holds it. */
import { renderMatrix, renderPaths } from './matrix.ts';

console.log(renderMatrix());
console.log();
console.log(renderPaths());
