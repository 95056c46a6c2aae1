export * from './schema.ts';
export * from './sign.ts';
export { canonicalJson } from './canonical.ts';
export * from './evaluate.ts';
export { effectiveCatalog } from './catalog.ts';
