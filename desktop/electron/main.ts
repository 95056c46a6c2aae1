/**
 * Electron shell: a tray icon over desktop/core. Kept thin: every decision lives in core, which
 * runs and is tested headless; this file only wires the OS surface (tray, menu, notifications,
 * the justification window) and hands core the Electron clipboard platform.
 */
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, nativeImage, Notification, shell, Tray } from 'electron';
import { Agent } from '../core/agent.ts';
import { readConfig, resolveLocations } from '../core/config.ts';
import { runDaemon } from '../core/daemon.ts';
import { agentStatus, formatStatus } from '../core/status.ts';
import { electronClipboard } from './clipboard.ts';
import { harden } from './harden.ts';
import { PauseRequest } from './protocol.ts';

let tray: Tray | undefined;
let agent: Agent | undefined;
let stop: () => void = () => undefined;
const recent: string[] = [];

function notify(title: string, body: string): void {
  recent.unshift(`${new Date().toLocaleTimeString()} ${title}`);
  recent.length = Math.min(recent.length, 5);
  if (Notification.isSupported()) new Notification({ title, body }).show();
  refresh();
}

function askJustification(minutes: number): void {
  const win = new BrowserWindow({
    width: 420,
    height: 260,
    resizable: false,
    title: 'Pause protection',
    webPreferences: { preload: join(import.meta.dirname, 'preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  harden(win);
  void win.loadFile(join(import.meta.dirname, 'renderer/justify.html'), { query: { minutes: String(minutes) } });
}

function refresh(): void {
  if (!tray) return;
  const s = agentStatus(agent?.snapshot());
  tray.setToolTip(formatStatus(s));
  const serverUrl = agent?.config.serverUrl;
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: `${s.product} ${s.version}`, enabled: false },
      { label: `Protection: ${s.protection}${s.policyVersion ? ` (policy ${s.policyVersion})` : ''}`, enabled: false },
      { label: `Enrolled: ${s.enrolled ? 'yes' : 'no'}`, enabled: false },
      { type: 'separator' },
      s.protection === 'paused'
        ? { label: 'Resume protection', click: () => (agent?.resume(), refresh()) }
        : {
            label: 'Pause protection',
            enabled: agent !== undefined,
            submenu: [15, 60, 240].map((m) => ({
              label: `${m < 60 ? `${m} minutes` : `${m / 60} hour${m > 60 ? 's' : ''}`}…`,
              click: () => askJustification(m),
            })),
          },
      { label: 'Open dashboard', enabled: !!serverUrl, click: () => serverUrl && void shell.openExternal(`${serverUrl}/`) },
      {
        label: 'Recent events',
        submenu: recent.length ? recent.map((r) => ({ label: r, enabled: false })) : [{ label: 'None', enabled: false }],
      },
      { type: 'separator' },
      { label: 'Quit', role: 'quit' },
    ]),
  );
}

async function start(): Promise<void> {
  tray = new Tray(nativeImage.createEmpty());
  const first = resolveLocations({}, undefined);
  const config = readConfig(first.configPath);
  if (config) {
    agent = new Agent({ config, stateDir: resolveLocations({}, config).stateDir });
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    void runDaemon(agent, { clipboard: electronClipboard(), notify, stop: stopped });
  }
  ipcMain.handle('pause', (_e, raw: unknown) => {
    const req = PauseRequest.safeParse(raw);
    if (!req.success || !agent) return { ok: false };
    agent.pause(req.data.minutes, req.data.justification);
    refresh();
    return { ok: true };
  });
  refresh();
  setInterval(refresh, 30_000);
}

// The shell has no windows of its own most of the time: stay alive in the tray.
app.on('window-all-closed', () => undefined);
app.on('before-quit', () => stop());
// Start at login (packaged builds; electron-builder sets the app id).
if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: true });
void app.whenReady().then(start);
