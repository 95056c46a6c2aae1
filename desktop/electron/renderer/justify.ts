/**
 * The justification page. It sees only `window.daylight` (the preload bridge); a test can load it
 * in Chromium with a fake bridge.
 */
interface Bridge {
  pause(minutes: number, justification: string): Promise<{ ok: boolean }>;
}

const bridge = (window as unknown as { daylight: Bridge }).daylight;
const minutes = Number(new URLSearchParams(location.search).get('minutes') ?? '15');
const form = document.getElementById('form') as HTMLFormElement;
const why = document.getElementById('why') as HTMLTextAreaElement;
const error = document.getElementById('error') as HTMLElement;
(document.getElementById('minutes') as HTMLElement).textContent = String(minutes);
document.getElementById('cancel')?.addEventListener('click', () => window.close());
form.addEventListener('submit', (e) => {
  e.preventDefault();
  void bridge.pause(minutes, why.value).then((r) => {
    if (r.ok) window.close();
    else error.textContent = 'Please give a reason of at least 3 characters.';
  });
});
