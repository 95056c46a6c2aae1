// @ts-check
/**
 * ESLint plugin `daylight`: architecture rules with reasons.
 *
 * - `daylight/layers`: who may import whom (the layout table in README.md / docs/architecture.md).
 * - `daylight/no-worker-state`: the MV3 service worker can be killed at any time, so it keeps no
 *   mutable module state and registers its listeners synchronously.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** Layer of a path relative to the project root, or undefined outside the layered folders. */
function layerOf(rel) {
  const parts = rel.split(path.sep);
  if (parts[0] === 'desktop' && (parts[1] === 'core' || parts[1] === 'electron')) return `desktop/${parts[1]}`;
  if (['shared', 'extension', 'server', 'test', 'tools'].includes(parts[0] ?? '')) return parts[0];
  return undefined;
}

/** layer -> [allowed target layers, why] */
const RULES = {
  shared: [['shared'], 'shared/ is pure TypeScript run by every runtime (extension, agent, server); it may import only shared/'],
  extension: [['extension', 'shared'], 'extension/ may import only extension/ and shared/'],
  'desktop/core': [
    ['desktop/core', 'shared'],
    'desktop/core is plain Node that runs headless; it may import only desktop/core and shared/ (never the Electron shell)',
  ],
  'desktop/electron': [
    ['desktop/electron', 'desktop/core', 'shared'],
    'desktop/electron is a thin shell; it may import desktop/core and shared/',
  ],
  server: [['server', 'shared'], 'server/ may import only server/ and shared/'],
  tools: [['tools', 'shared', 'server', 'desktop/core'], 'tools/ are Node scripts over shared/, server/ and desktop/core'],
  test: [['test', 'shared', 'extension', 'desktop/core', 'desktop/electron', 'server', 'tools'], ''],
};

const NODE_BUILTINS = new Set(builtinModules);
const isNodeBuiltin = (s) => s.startsWith('node:') || NODE_BUILTINS.has(s.split('/')[0] ?? '');

/** Packages tied to one runtime, and the layers that may use them. */
const RUNTIME_PACKAGES = [
  {
    test: (s) => s === 'webextension-polyfill',
    where: (rel) => rel.startsWith(`extension${path.sep}platform${path.sep}`),
    why: 'only extension/platform/ touches the WebExtension API',
  },
  {
    test: (s) => s === 'electron' || s.startsWith('electron/'),
    where: (rel) => rel.startsWith(`desktop${path.sep}electron${path.sep}`),
    why: 'only desktop/electron/ may use Electron; desktop/core must run headless in plain Node',
  },
  {
    test: isNodeBuiltin,
    where: (rel) => !rel.startsWith(`shared${path.sep}`) && !rel.startsWith(`extension${path.sep}`),
    why: 'shared/ and extension/ run in browsers too: no Node built-ins',
  },
];

/** @type {import('eslint').Rule.RuleModule} */
const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforces the import boundaries between shared/, extension/, desktop/, server/, test/ and tools/.' },
    schema: [],
    messages: {
      crossed: 'Import boundary crossed: {{from}} -> {{to}}. {{why}}.',
      runtime: "'{{spec}}' is not allowed in {{from}}: {{why}}.",
    },
  },
  create(context) {
    const file = context.filename;
    const rel = path.relative(ROOT, file);
    const from = layerOf(rel);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = path.relative(ROOT, path.resolve(path.dirname(file), spec));
        const to = layerOf(target);
        const rule = RULES[from];
        if (to && rule && !rule[0].includes(to)) {
          context.report({ node, messageId: 'crossed', data: { from: `${from}/`, to: `${to}/`, why: rule[1] } });
        }
        return;
      }
      for (const p of RUNTIME_PACKAGES) {
        if (p.test(spec) && !p.where(rel)) context.report({ node, messageId: 'runtime', data: { spec, from: rel, why: p.why } });
      }
    };
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
    };
  },
};

/** @type {import('eslint').Rule.RuleModule} */
const noWorkerState = {
  meta: {
    type: 'problem',
    docs: { description: 'No mutable module state and no late listener registration in the MV3 service worker.' },
    schema: [],
    messages: {
      state:
        'Module-level `{{kind}}` in the service worker: the worker can be stopped at any time and this state is lost. Keep durable state in browser.storage.',
      container:
        'Module-level mutable {{kind}} in the service worker: it is lost whenever the worker stops. Keep durable state in browser.storage.',
      lateListener:
        'Listener registered asynchronously: MV3 only wakes the worker for listeners registered synchronously at start. Register it at the top level.',
    },
  },
  create(context) {
    return {
      'Program > VariableDeclaration'(node) {
        if (node.kind !== 'const') context.report({ node, messageId: 'state', data: { kind: node.kind } });
        for (const d of node.declarations) {
          const init = d.init;
          if (
            init?.type === 'NewExpression' &&
            init.callee.type === 'Identifier' &&
            ['Map', 'Set', 'WeakMap', 'Array'].includes(init.callee.name)
          ) {
            context.report({ node: d, messageId: 'container', data: { kind: init.callee.name } });
          }
        }
      },
      "CallExpression[callee.property.name='addListener']"(node) {
        for (const a of context.sourceCode.getAncestors(node)) {
          if ((a.type === 'FunctionDeclaration' || a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression') && a.async) {
            context.report({ node, messageId: 'lateListener' });
            return;
          }
          if (
            a.type === 'CallExpression' &&
            a !== node &&
            a.callee.type === 'MemberExpression' &&
            a.callee.property.type === 'Identifier' &&
            a.callee.property.name === 'then'
          ) {
            context.report({ node, messageId: 'lateListener' });
            return;
          }
        }
      },
    };
  },
};

export default { meta: { name: 'daylight' }, rules: { layers, 'no-worker-state': noWorkerState } };
