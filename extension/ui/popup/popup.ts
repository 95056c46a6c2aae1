import { Status } from '../../messaging/protocol.ts';
import { browser } from '../../platform/browser.ts';

async function render(): Promise<void> {
  const status = Status.parse(await browser.runtime.sendMessage({ type: 'popup->background:get-status' }));
  const enrollment = document.getElementById('enrollment');
  if (enrollment)
    enrollment.textContent = `Version ${status.version} · ${status.enrolled ? 'enrolled' : 'not enrolled'} · policy ${status.policyVersion ?? 'built-in default'} · ${status.queued} events queued`;
  const notices = document.getElementById('notices');
  if (notices) {
    notices.hidden = status.notices.length === 0;
    notices.querySelector('ul')?.replaceChildren(
      ...status.notices.slice(0, 5).map((n) => {
        const li = document.createElement('li');
        const what = n.kind === 'justification_denied' ? 'Request declined' : 'Request approved';
        li.textContent = `${what}${n.app ? ` (${n.app})` : ''}: ${n.message}`;
        li.dataset.kind = n.kind;
        return li;
      }),
    );
  }
  const list = document.getElementById('recent');
  if (!list) return;
  list.replaceChildren(
    ...status.recent.slice(0, 10).map((a) => {
      const li = document.createElement('li');
      li.textContent = `${a.appId} (${a.host}) ${new Date(a.at).toLocaleTimeString()}`;
      return li;
    }),
  );
  if (status.recent.length === 0)
    list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'No AI app visited yet.' }));
}

void render();
