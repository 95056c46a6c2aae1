/**
 * The coverage matrix: which input paths the extension guards on which AI sites, and which are
 * proven by the browser tests. `npm run coverage` prints it; docs/coverage.md holds the same table
 * (test/architecture/coverage.test.ts fails when they differ), and test/e2e/matrix.spec.ts runs
 * every path on the site named here under every decision.
 */
import { ADAPTERS } from '../../extension/adapters/registry.ts';
import { generic } from '../../extension/adapters/generic.ts';
import type { SiteAdapter } from '../../extension/adapters/types.ts';
import { BUILTIN_APPS } from '../../shared/catalog/apps.ts';

export type PathId =
  'paste-textarea' | 'paste-rich' | 'drop-text' | 'drop-file' | 'upload' | 'typed-enter' | 'send-button' | 'iframe' | 'spa';

export interface InputPathInfo {
  id: PathId;
  label: string;
  /** The site the e2e decision matrix runs this path on. */
  testedOn: string;
  /** How the extension sees it. */
  how: string;
}

export const INPUT_PATHS: readonly InputPathInfo[] = [
  {
    id: 'paste-textarea',
    label: 'paste (textarea)',
    testedOn: 'copilot.microsoft.com',
    how: 'capture-phase `paste` on window, before the page',
  },
  {
    id: 'paste-rich',
    label: 'paste (rich editor)',
    testedOn: 'chatgpt.com',
    how: 'same; redacted text re-dispatched as a paste the editor handles',
  },
  { id: 'drop-text', label: 'drop text', testedOn: 'gemini.google.com', how: 'capture-phase `drop`; text inserted after the decision' },
  {
    id: 'drop-file',
    label: 'drop file',
    testedOn: 'claude.ai',
    how: 'capture-phase `drop`; text files scanned, redacted copies re-dropped',
  },
  {
    id: 'upload',
    label: 'file upload',
    testedOn: 'perplexity.ai',
    how: 'capture-phase `change` on file inputs; files replaced or cleared',
  },
  {
    id: 'typed-enter',
    label: 'typed + Enter',
    testedOn: 'chat.deepseek.com',
    how: "Enter in the adapter's composer: text read and checked at send time",
  },
  {
    id: 'send-button',
    label: 'typed + send button',
    testedOn: 'chat.mistral.ai',
    how: "click on the adapter's send button: checked at send time",
  },
  { id: 'iframe', label: 'in an iframe', testedOn: 'poe.com', how: 'content script in every frame of AI hosts (`all_frames`)' },
  {
    id: 'spa',
    label: 'after SPA navigation',
    testedOn: 'chatgpt.com',
    how: 'listeners on window outlive `history.pushState` and re-rendered composers',
  },
];

type Cell = string;

function cell(adapter: SiteAdapter, p: InputPathInfo): Cell {
  const tested = adapter.hosts.includes(p.testedOn);
  const mark = tested ? 'yes, e2e' : 'yes';
  switch (p.id) {
    case 'paste-textarea':
      return adapter.editor === 'textarea' || adapter.editor === 'auto' ? mark : 'n/a (rich editor)';
    case 'paste-rich':
      return adapter.editor === 'textarea' ? 'n/a (textarea)' : mark;
    case 'typed-enter':
    case 'send-button':
      return adapter === generic ? 'best effort (focused editor; buttons labelled Send)' : mark;
    default:
      return mark;
  }
}

/** The matrix as a Markdown table (what docs/coverage.md holds between its markers). */
export function renderMatrix(): string {
  const header = ['site (adapter)', ...INPUT_PATHS.map((p) => p.label)];
  const rows: string[][] = [];
  for (const a of ADAPTERS) rows.push([`${a.hosts.join(', ')} (${a.id}, ${a.editor})`, ...INPUT_PATHS.map((p) => cell(a, p))]);
  const own = (d: string) => ADAPTERS.some((a) => a.hosts.some((h) => d === h || d.endsWith(`.${h}`)));
  const others = BUILTIN_APPS.filter((app) => !app.domains.some(own)).length;
  rows.push([`${others} other AI apps of the catalog (generic)`, ...INPUT_PATHS.map((p) => cell(generic, p))]);
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The path legend: how each path is seen, and the site its e2e test runs on. */
export function renderPaths(): string {
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [
    line(['input path', 'how the extension sees it', 'e2e site']),
    line(['---', '---', '---']),
    ...INPUT_PATHS.map((p) => line([p.label, p.how, p.testedOn])),
  ].join('\n');
}
