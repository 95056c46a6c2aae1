import type { WindowFacts } from '../../../shared/catalog/desktop.ts';

/** The window in front, as far as the platform can tell. */
export interface ForegroundWindow extends WindowFacts {
  /** The platform's window id, to notice when focus moves. */
  id: string;
  title?: string;
  pid?: number;
}

/**
 * Everything the clipboard guard needs from the OS, one implementation per platform:
 * Linux/X11 in `x11.ts` (xclip, xprop); macOS and Windows through the Electron shell's clipboard
 * API and the foreground-app lookups described in docs/desktop.md.
 */
export interface ClipboardPlatform {
  readonly name: string;
  /** The clipboard as text; `undefined` when it holds no text (or nothing). */
  readText(): Promise<string | undefined>;
  writeText(text: string): Promise<void>;
  /** Empties the clipboard. */
  clear(): Promise<void>;
  /** The window in front; `undefined` when none or unknown. */
  foreground(): Promise<ForegroundWindow | undefined>;
  /**
   * Optional push notification of focus changes; the guard then checks at once instead of at its
   * next poll. Returns a function that stops watching.
   */
  watchForeground?(onChange: () => void): () => void;
  /** Releases helper processes. */
  close?(): void;
}

/** Shows the user a message; the Electron shell uses native notifications, headless logs or `notify-send`. */
export type Notifier = (title: string, body: string) => void;
