import { BlockedInfo } from '../../messaging/protocol.ts';
import { browser } from '../../platform/browser.ts';

/**
 * The block page that declarativeNetRequest redirects blocked AI apps to: why, what to use instead,
 * and a request for access that reaches the tenant's reviewers as a justification.
 */
const params = new URLSearchParams(location.search);
const appId = params.get('app') ?? '';
// The original URL is the last parameter and is not encoded (it is the rule's \0 substitution).
const rawUrl = location.search.includes('&url=') ? location.search.slice(location.search.indexOf('&url=') + 5) : '';
let host = '';
try {
  host = new URL(rawUrl).hostname;
} catch {
  // A missing or broken URL: the page still explains the block.
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

async function render(): Promise<void> {
  const info = BlockedInfo.parse(await browser.runtime.sendMessage({ type: 'page->background:blocked-info', appId }));
  $('app').textContent = info.app ? `${info.app.name} (${info.app.vendor})${host ? ` at ${host}` : ''}` : host;
  $('message').textContent = info.message;
  if (info.alternatives.length) {
    $('alternatives-section').hidden = false;
    $('alternatives').replaceChildren(
      ...info.alternatives.map((a) => {
        const li = document.createElement('li');
        li.append(Object.assign(document.createElement('a'), { href: a.url, textContent: a.name }));
        return li;
      }),
    );
  }
  if (!info.canRequest || !host) return;
  $('request-section').hidden = false;
  const form = $<HTMLFormElement>('request');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const reason = $<HTMLSelectElement>('reason').value;
    const text = $<HTMLTextAreaElement>('details').value.trim();
    if (!reason || text.length < 3) {
      $('error').textContent = 'Please choose a reason and describe what you need.';
      return;
    }
    void browser.runtime.sendMessage({ type: 'page->background:request-access', appId, host, reason, text }).then(() => {
      form.hidden = true;
      $('sent').hidden = false;
    });
  });
}

void render();
