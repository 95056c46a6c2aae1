import { BUILTIN_APPS } from '../catalog/apps.ts';
import type { AiApp } from '../catalog/schema.ts';
import type { PolicyDocument } from './schema.ts';

/**
 * The AI-app catalog as this tenant sees it: the built-in apps minus `catalog.remove`, with
 * `catalog.add` apps added or replacing built-in ones of the same id.
 *
 * @example
 * effectiveCatalog(policy).find((a) => a.id === 'chatgpt');
 */
export function effectiveCatalog(policy: Pick<PolicyDocument, 'catalog'>, builtin: readonly AiApp[] = BUILTIN_APPS): AiApp[] {
  const { add, remove } = policy.catalog;
  if (!add.length && !remove.length) return [...builtin];
  const dropped = new Set([...remove, ...add.map((a) => a.id)]);
  return [...builtin.filter((a) => !dropped.has(a.id)), ...add];
}
