/**
 * Product identity shared by every runtime.
 *
 * @example
 * ```ts
 * import { PRODUCT } from '../shared/version.ts';
 * console.log(`${PRODUCT.name} ${PRODUCT.version}`);
 * ```
 */
export const PRODUCT = {
  name: 'Daylight',
  version: '0.1.0',
} as const;
