/**
 * Labelled text building blocks. A `Built` is a piece of text plus the labels that occur in it;
 * pieces compose with the `t` tagged template and `join`, so a label can never drift away from
 * the text it describes.
 */

export interface Expect {
  type: string;
  value: string | null;
}

export interface Built {
  text: string;
  expect: Expect[];
}

export type Piece = Built | string | number;

function isBuilt(p: Piece): p is Built {
  return typeof p === 'object';
}

/** A labelled value: the text is the value itself. */
export function L(type: string, value: string): Built {
  return { text: value, expect: [{ type, value }] };
}

/** Plain text with no labels. */
export function P(text: string): Built {
  return { text, expect: [] };
}

/** Tagged template composing text and labelled pieces: t`password: ${L('password', pw)}`. */
export function t(strings: TemplateStringsArray, ...pieces: Piece[]): Built {
  let text = '';
  const expect: Expect[] = [];
  strings.forEach((s, i) => {
    text += s;
    if (i < pieces.length) {
      const p = pieces[i] as Piece;
      if (isBuilt(p)) {
        text += p.text;
        expect.push(...p.expect);
      } else text += String(p);
    }
  });
  return { text, expect };
}

export function join(pieces: readonly Piece[], sep: string): Built {
  let text = '';
  const expect: Expect[] = [];
  pieces.forEach((p, i) => {
    if (i) text += sep;
    if (isBuilt(p)) {
      text += p.text;
      expect.push(...p.expect);
    } else text += String(p);
  });
  return { text, expect };
}

/** Adds whole-text labels (value null), once each. */
export function whole(b: Built, ...types: string[]): Built {
  const expect = [...b.expect];
  for (const type of types) if (!expect.some((e) => e.type === type && e.value === null)) expect.push({ type, value: null });
  return { text: b.text, expect };
}

/** Maps the text of a built without touching labelled values (e.g. JSON-escaping is NOT safe here). */
export function indent(b: Built, prefix: string): Built {
  return { text: b.text.replace(/^/gm, prefix), expect: b.expect };
}
