import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function messages(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: `${ROOT}${file}` });
  return (r?.messages ?? []).filter((m) => m.ruleId?.startsWith('daylight/')).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries (daylight/layers)', () => {
  it.each([
    ['shared/x.ts', "import { buildApp } from '../server/src/app.ts';\nexport const a = buildApp;", 'shared/ -> server/'],
    [
      'shared/detect/x.ts',
      "import { agentStatus } from '../../desktop/core/status.ts';\nexport const a = agentStatus;",
      'shared/ -> desktop/core/',
    ],
    ['extension/content/x.ts', "import { buildApp } from '../../server/src/app.ts';\nexport const a = buildApp;", 'extension/ -> server/'],
    [
      'server/src/x.ts',
      "import { browser } from '../../extension/platform/browser.ts';\nexport const a = browser;",
      'server/ -> extension/',
    ],
    ['desktop/core/x.ts', "import { x } from '../electron/main.ts';\nexport const a = x;", 'desktop/core/ -> desktop/electron/'],
  ])('%s crossing is an error naming the rule and the boundary', async (file, code, boundary) => {
    const m = await messages(file, code);
    expect(m).toHaveLength(1);
    expect(m[0]).toContain('daylight/layers: Import boundary crossed');
    expect(m[0]).toContain(boundary);
  });

  it.each([
    ['shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;"],
    ['extension/content/x.ts', "import browser from 'webextension-polyfill';\nexport const a = browser;"],
    ['desktop/core/x.ts', "import { app } from 'electron';\nexport const a = app;"],
  ])('%s may not use a package of another runtime', async (file, code) => {
    const m = await messages(file, code);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(/^daylight\/layers: '.+' is not allowed/);
  });

  it.each([
    ['extension/content/x.ts', "import { PRODUCT } from '../../shared/version.ts';\nexport const a = PRODUCT;"],
    ['server/src/x.ts', "import { PRODUCT } from '../../shared/version.ts';\nexport const a = PRODUCT;"],
    ['desktop/electron/x.ts', "import { agentStatus } from '../core/status.ts';\nexport const a = agentStatus;"],
    ['extension/platform/x.ts', "import browser from 'webextension-polyfill';\nexport const a = browser;"],
  ])('%s allowed import passes', async (file, code) => {
    expect(await messages(file, code)).toEqual([]);
  });
});

describe('service worker hazards (daylight/no-worker-state)', () => {
  it('rejects module-level let and mutable containers', async () => {
    const m = await messages(
      'extension/background/x.ts',
      'let count = 0;\nconst seen = new Map<string, number>();\nexport { count, seen };',
    );
    expect(m.join('\n')).toContain('Module-level `let`');
    expect(m.join('\n')).toContain('Module-level mutable Map');
  });
  it('rejects listeners registered after an await', async () => {
    const m = await messages(
      'extension/background/x.ts',
      'declare const chrome: any;\nexport async function late(): Promise<void> {\n  await Promise.resolve();\n  chrome.runtime.onMessage.addListener(() => undefined);\n}',
    );
    expect(m.join('\n')).toContain('Listener registered asynchronously');
  });
});
