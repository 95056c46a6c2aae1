/**
 * The only bridge from the justification page to the shell: one call, validated again in main.
 * Built to `preload.cjs`: sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('daylight', {
  pause: (minutes: number, justification: string): Promise<{ ok: boolean }> => ipcRenderer.invoke('pause', { minutes, justification }),
});
