import { shell, type BrowserWindow } from 'electron';

/**
 * Electron hardening for every window of the shell: its pages are local files, so any navigation
 * or new window is refused (links open in the default browser instead), and no permission is
 * granted. See https://www.electronjs.org/docs/latest/tutorial/security.
 */
export function harden(win: BrowserWindow): void {
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.session.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
}
