import type { FakeSite } from './sites.ts';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const attrs = (a: Record<string, string>): string =>
  Object.entries(a)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(' ');

/**
 * The page's own script, written like the real apps behave:
 * - the editor keeps its own model of the text (like ProseMirror's state) and renders from it;
 *   typed input is read back from the DOM on `input`, paste is handled by the page itself;
 * - Enter (without Shift) or the send button sends the model's text to `/__send`;
 * - a file input uploads the file at once to `/__upload`;
 * - links navigate inside the SPA with history.pushState, re-rendering the composer;
 * - after a send, the "assistant" streams a reply that quotes the prompt (so placeholders the
 *   user sent come back in the answer, as they do with real models).
 */
const PAGE_SCRIPT = String.raw`
(() => {
  const cfg = JSON.parse(document.getElementById('site-config').textContent);
  const post = (path, body) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const log = (line) => { const li = document.createElement('li'); li.textContent = line; document.getElementById('log').append(li); };
  let model = '';
  function composer() { return document.querySelector('[data-fake-composer]'); }
  function read() { const c = composer(); return cfg.composer === 'textarea' ? c.value : model; }
  function render() {
    const c = composer();
    if (cfg.composer === 'textarea') return;
    c.replaceChildren(...(model === '' ? [''] : model.split('\n')).map((line) => { const p = document.createElement('p'); p.textContent = line; if (!line) p.append(document.createElement('br')); return p; }));
  }
  function mount() {
    const root = document.getElementById('composer-root');
    const tag = cfg.composer === 'textarea' ? 'textarea' : 'div';
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(cfg.composerAttrs)) el.setAttribute(k, v);
    el.setAttribute('data-fake-composer', cfg.composer);
    if (tag === 'div') { el.contentEditable = 'true'; el.setAttribute('role', 'textbox'); }
    root.replaceChildren(el);
    model = '';
    render();
    el.addEventListener('input', () => { if (cfg.composer !== 'textarea') model = el.innerText.replace(/\n$/, ''); });
    if (cfg.composer === 'prosemirror') {
      // ProseMirror handles paste itself: it reads the clipboard and updates its own state.
      el.addEventListener('paste', (e) => {
        e.preventDefault();
        const text = e.clipboardData.getData('text/plain');
        // Like ProseMirror, the paste replaces the selection (all of it, or a part), else goes at the end.
        const sel = document.getSelection();
        const picked = sel && !sel.isCollapsed && el.contains(sel.anchorNode) ? sel.toString() : '';
        if (picked && picked.replace(/\n+/g, '\n').trim() === model.trim()) model = text;
        else if (picked && model.includes(picked)) model = model.replace(picked, text);
        else model = model + text;
        render();
        window.__pasted = (window.__pasted || 0) + 1;
      });
    }
    el.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send('enter'); } });
  }
  async function send(via) {
    const text = read();
    if (!text.trim()) return;
    await post('/__send', { text, via, path: location.pathname });
    log('sent: ' + text.length + ' chars via ' + via);
    const c = composer();
    if (cfg.composer === 'textarea') c.value = ''; else { model = ''; render(); }
    const reply = document.createElement('div');
    reply.setAttribute('data-fake-reply', '');
    document.getElementById('replies').append(reply);
    const answer = 'Sure. Drafting a note about: ' + text;
    // Streamed in chunks, the whole text re-rendered each time, as chat UIs do.
    for (let i = 8; i < answer.length + 8; i += 8) {
      reply.textContent = answer.slice(0, i);
      await new Promise((r) => setTimeout(r, 5));
    }
    reply.setAttribute('data-done', '');
  }
  document.getElementById('send').addEventListener('click', () => send('button'));
  document.getElementById('file').addEventListener('change', async (e) => {
    for (const f of e.target.files) {
      const content = f.size < 1e6 ? await f.text() : null;
      await post('/__upload', { name: f.name, size: f.size, type: f.type, content, path: location.pathname });
      log('uploaded: ' + f.name);
    }
    e.target.value = '';
  });
  document.getElementById('composer-root').addEventListener('drop', async (e) => {
    if (!e.dataTransfer || e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    for (const f of e.dataTransfer.files) {
      const content = f.size < 1e6 ? await f.text() : null;
      await post('/__upload', { name: f.name, size: f.size, type: f.type, content, path: location.pathname, via: 'drop' });
      log('dropped: ' + f.name);
    }
  });
  document.getElementById('composer-root').addEventListener('dragover', (e) => e.preventDefault());
  document.querySelectorAll('a[data-spa]').forEach((a) => a.addEventListener('click', (e) => {
    e.preventDefault();
    history.pushState({}, '', a.getAttribute('href'));
    document.getElementById('where').textContent = location.pathname;
    mount();
  }));
  mount();
})();
`;

export function renderSitePage(site: FakeSite, path: string, slowMs = 0): string {
  const config = JSON.stringify({ composer: site.composer, composerAttrs: site.composerAttrs }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(site.title)}</title>
<style>body{font:15px system-ui;margin:24px}[data-fake-composer]{display:block;width:600px;min-height:60px;border:1px solid #999;padding:6px}</style>
</head><body>
<h1>${esc(site.title)}</h1>
<nav><a data-spa href="/c/1">Chat 1</a> <a data-spa href="/c/2">Chat 2</a></nav>
<p id="where">${esc(path)}</p>
<form onsubmit="return false"><div id="composer-root"></div>
<input id="file" type="file" multiple aria-label="Attach files">
<button id="send" type="button" ${attrs(site.sendAttrs)}>Send</button></form>
<div id="replies"></div>
<ul id="log"></ul>
<script type="application/json" id="site-config">${config}</script>
<script>${PAGE_SCRIPT}</script>
${slowMs ? `<script src="/__slow.js?ms=${slowMs}"></script>` : ''}
</body></html>`;
}

/** A page that embeds the same site's composer in an iframe (for all-frames tests). */
export function renderFramePage(site: FakeSite): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(site.title)} (frame)</title></head>
<body><h1>Embedded composer</h1><iframe id="inner" src="/c/embedded" width="800" height="400"></iframe></body></html>`;
}
