/**
 * Electron shell: a tray icon over desktop/core. Kept thin: every decision lives in core, which
 * runs and is tested headless; this file only wires the OS surface (tray, menu, notifications).
 */
import { app, Menu, nativeImage, Tray } from 'electron';
import { agentStatus, formatStatus } from '../core/status.ts';

function buildMenu(): Menu {
  const s = agentStatus();
  return Menu.buildFromTemplate([
    { label: `${s.product} ${s.version}`, enabled: false },
    { label: `Protection: ${s.protection}`, enabled: false },
    { type: 'separator' },
    { label: 'Quit', role: 'quit' },
  ]);
}

function start(): void {
  const tray = new Tray(nativeImage.createEmpty());
  tray.setToolTip(formatStatus(agentStatus()));
  tray.setContextMenu(buildMenu());
}

// The shell has no windows of its own yet: stay alive in the tray.
app.on('window-all-closed', () => undefined);
void app.whenReady().then(start);
