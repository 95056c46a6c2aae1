/**
 * Canonical JSON (RFC 8785, JCS, for the values JSON.parse can produce): object keys sorted by
 * UTF-16 code units, no whitespace, strings and numbers as ECMAScript serializes them. Signatures
 * and hash chains are computed over these bytes, so the server and every client must agree on
 * them byte for byte whatever key order or spacing a document travelled with.
 *
 * Only plain data is accepted: a non-finite number, `undefined` inside an array, a bigint, a
 * function or a class instance (Date, Map...) throws instead of being silently dropped or
 * coerced, because a signature over a lossy encoding would vouch for something else.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, null, 'x'] }); // '{"a":[true,null,"x"],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, out, 0);
  return out.join('');
}

/** Deep enough for any real policy; bounds recursion so hostile input cannot blow the stack. */
const MAX_DEPTH = 64;

function write(v: unknown, out: string[], depth: number): void {
  if (depth > MAX_DEPTH) throw new TypeError('canonicalJson: nesting deeper than 64 levels');
  if (v === null || typeof v === 'boolean') {
    out.push(String(v));
    return;
  }
  if (typeof v === 'string') {
    out.push(JSON.stringify(v));
    return;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError('canonicalJson: non-finite number');
    // ECMAScript Number::toString is exactly JCS's number format; -0 serializes as 0.
    out.push(JSON.stringify(v));
    return;
  }
  if (Array.isArray(v)) {
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(',');
      if (v[i] === undefined) throw new TypeError('canonicalJson: undefined in array');
      write(v[i], out, depth + 1);
    }
    out.push(']');
    return;
  }
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new TypeError('canonicalJson: only plain objects');
    const obj = v as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is what JCS prescribes.
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    out.push('{');
    keys.forEach((k, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(k), ':');
      write(obj[k], out, depth + 1);
    });
    out.push('}');
    return;
  }
  throw new TypeError(`canonicalJson: cannot encode ${typeof v}`);
}
