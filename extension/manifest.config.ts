import { defineManifest } from '@crxjs/vite-plugin';
import { matchPatterns } from '../shared/catalog/match.ts';
import { PRODUCT } from '../shared/version.ts';

/**
 * The manifest is built from the AI-app catalog: content scripts run only on catalog hosts, so
 * nothing is read from pages that are not AI apps. Every permission is justified in
 * docs/permissions.md.
 */
export default defineManifest({
  manifest_version: 3,
  name: PRODUCT.name,
  description: 'Shows which AI apps are used and stops sensitive data from leaking into them.',
  version: PRODUCT.version,
  minimum_chrome_version: '120',
  permissions: ['storage', 'alarms', 'declarativeNetRequestWithHostAccess'],
  // The same hosts as the content scripts: needed to redirect blocked AI apps to the block page.
  host_permissions: matchPatterns(),
  storage: { managed_schema: 'managed-schema.json' },
  background: { service_worker: 'background/index.ts', type: 'module' },
  action: { default_popup: 'ui/popup/index.html', default_title: PRODUCT.name },
  // The block page must be reachable by the redirect of a blocked navigation.
  web_accessible_resources: [{ resources: ['ui/blocked/index.html'], matches: ['<all_urls>'] }],
  content_scripts: [
    {
      matches: matchPatterns(),
      js: ['content/index.ts'],
      run_at: 'document_start',
      all_frames: true,
    },
  ],
});
