import { defineManifest, type ManifestV3Export } from '@crxjs/vite-plugin';
import { matchPatterns } from '../shared/catalog/match.ts';
import { EXTENSION_PUBLIC_KEY, FIREFOX_EXTENSION_ID } from '../shared/extension-key.ts';
import { PRODUCT } from '../shared/version.ts';

/**
 * The manifest is built from the AI-app catalog: content scripts run only on catalog hosts, so
 * nothing is read from pages that are not AI apps. Every permission is justified in
 * docs/permissions.md.
 */
const chromium = {
  manifest_version: 3,
  name: PRODUCT.name,
  description: 'Shows which AI apps are used and stops sensitive data from leaking into them.',
  version: PRODUCT.version,
  minimum_chrome_version: '120',
  // Fixes the extension id for unpacked builds; CRX releases are signed with the matching private key.
  key: EXTENSION_PUBLIC_KEY,
  permissions: ['storage', 'alarms', 'declarativeNetRequestWithHostAccess'],
  // The same hosts as the content scripts: needed to redirect blocked AI apps to the block page.
  host_permissions: matchPatterns(),
  storage: { managed_schema: 'managed-schema.json' },
  background: { service_worker: 'background/index.ts', type: 'module' },
  action: { default_popup: 'ui/popup/index.html', default_title: PRODUCT.name },
  options_ui: { page: 'ui/options/index.html', open_in_tab: true },
  // The block page must be reachable by the redirect of a blocked navigation.
  web_accessible_resources: [{ resources: ['ui/blocked/index.html'], matches: ['<all_urls>'] }],
  content_scripts: [
    {
      matches: matchPatterns(),
      js: ['content/index.ts'],
      run_at: 'document_start',
      all_frames: true,
    },
    {
      // The classifier, policy and redaction (content/engine-api.ts): after the page has loaded.
      matches: matchPatterns(),
      js: ['content/engine.ts'],
      run_at: 'document_idle',
      all_frames: true,
    },
  ],
};

/** The id Firefox knows the extension by (also what policies.json and native messaging use). */
export const GECKO_ID = FIREFOX_EXTENSION_ID;

/**
 * Firefox differences: an event-page background (`scripts`) instead of a service worker, the
 * gecko id and minimum version, and no `managed_schema` or `minimum_chrome_version` (Firefox reads
 * managed storage from policies.json `3rdparty` and ignores both keys with a warning).
 */
export function manifestFor(browser: 'chrome' | 'firefox'): ManifestV3Export {
  if (browser === 'chrome') return defineManifest(chromium);
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { minimum_chrome_version, storage, background, key, ...rest } = chromium;
  return defineManifest({
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '142.0',
        // What leaves the browser (to the tenant's own server): AI-app visits and metadata of
        // guarded actions. Never page content or matched values (docs/permissions.md).
        data_collection_permissions: { required: ['browsingActivity', 'websiteActivity'] },
      },
    },
  } as Parameters<typeof defineManifest>[0]);
}

export default manifestFor('chrome');
