/**
 * SCIM 2.0 PATCH (RFC 7644 section 3.5.2) over a resource held as plain JSON, tolerant of what
 * Okta and Microsoft Entra ID actually send:
 *
 * - op names in any case (`replace`, Entra's `Replace`);
 * - no `path` with a `value` object whose keys are attribute paths (`{"active": false}`,
 *   `{"name.givenName": "Ana"}`, or an extension URN holding an object);
 * - paths with a value filter (`emails[type eq "work"].value`, `members[value eq "id"]`);
 * - `remove` of `members` with a `value` list of the members to remove (Entra).
 *
 * Attribute names are matched case-insensitively, as SCIM requires. Pure: answers a new object.
 */

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export class ScimPatchError extends Error {
  constructor(
    readonly scimType: 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidFilter',
    message: string,
  ) {
    super(message);
  }
}

export interface PatchOp {
  op: string;
  path?: string;
  value?: unknown;
}

type Obj = Record<string, unknown>;

interface Path {
  /** Extension URN holding the attribute, if any. */
  urn?: string;
  attr: string;
  filter?: { attr: string; value: string | boolean | number };
  sub?: string;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The key of `o` that equals `name` ignoring case, else `name`. */
function keyOf(o: Obj, name: string): string {
  const lower = name.toLowerCase();
  return Object.keys(o).find((k) => k.toLowerCase() === lower) ?? name;
}

const FILTER = /^([A-Za-z$][\w$-]*)\s+eq\s+(?:"((?:[^"\\]|\\.)*)"|(true|false)|(-?\d+(?:\.\d+)?))$/i;

export function parseFilterEq(text: string): { attr: string; value: string | boolean | number } | null {
  const m = FILTER.exec(text.trim());
  if (!m) return null;
  const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3] !== undefined ? m[3].toLowerCase() === 'true' : Number(m[4]);
  return { attr: m[1]!, value };
}

export function parsePath(raw: string, core: string): Path {
  let path = raw.trim();
  let urn: string | undefined;
  if (path.toLowerCase().startsWith(`${core.toLowerCase()}:`)) path = path.slice(core.length + 1);
  else if (path.toLowerCase().startsWith('urn:')) {
    // `urn:...:User:attr` : the URN is everything up to the last colon before the attribute.
    const i = path.lastIndexOf(':');
    urn = path.slice(0, i);
    path = path.slice(i + 1);
    if (urn.toLowerCase() === ENTERPRISE_USER.toLowerCase()) urn = ENTERPRISE_USER;
  }
  const m = /^([A-Za-z$][\w$-]*)(?:\[([^\]]+)\])?(?:\.([A-Za-z$][\w$-]*))?$/.exec(path);
  if (!m) throw new ScimPatchError('invalidPath', `Unsupported path: ${raw.slice(0, 200)}`);
  const filter = m[2] !== undefined ? parseFilterEq(m[2]) : undefined;
  if (filter === null) throw new ScimPatchError('invalidFilter', `Unsupported filter in path: ${raw.slice(0, 200)}`);
  return { ...(urn ? { urn } : {}), attr: m[1]!, ...(filter ? { filter } : {}), ...(m[3] ? { sub: m[3] } : {}) };
}

const same = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : String(a) === String(b);

/** Identity of a multi-valued element, for add (no duplicates) and remove by value. */
const elementKey = (e: unknown) => (isObj(e) && 'value' in e ? `v:${String(e.value)}` : `j:${JSON.stringify(e)}`);

function applyOne(root: Obj, op: 'add' | 'replace' | 'remove', p: Path, value: unknown): void {
  let target = root;
  if (p.urn) {
    const k = keyOf(root, p.urn);
    if (!isObj(root[k])) {
      if (op === 'remove') return;
      root[k] = {};
    }
    target = root[k] as Obj;
  }
  const key = keyOf(target, p.attr);
  const current = target[key];

  if (p.filter) {
    const f = p.filter;
    const list = Array.isArray(current) ? [...(current as unknown[])] : [];
    const hits = (e: unknown) => isObj(e) && same(e[keyOf(e, f.attr)], f.value);
    if (op === 'remove') {
      target[key] = p.sub
        ? list.map((e) => {
            if (!hits(e)) return e;
            const c = { ...(e as Obj) };
            delete c[keyOf(c, p.sub!)];
            return c;
          })
        : list.filter((e) => !hits(e));
      return;
    }
    if (!list.some(hits)) {
      if (!p.sub && !isObj(value)) throw new ScimPatchError('noTarget', `No element matches ${p.attr}[${f.attr} eq ...]`);
      list.push(p.sub ? { [f.attr]: f.value, [p.sub]: value } : { [f.attr]: f.value, ...(value as Obj) });
    } else {
      for (let i = 0; i < list.length; i++) {
        const e = list[i];
        if (!hits(e)) continue;
        const c = { ...(e as Obj) };
        if (p.sub) c[keyOf(c, p.sub)] = value;
        else Object.assign(c, value as Obj);
        list[i] = c;
      }
    }
    target[key] = list;
    return;
  }

  if (p.sub) {
    const inner = isObj(current) ? { ...current } : {};
    if (op === 'remove') delete inner[keyOf(inner, p.sub)];
    else inner[keyOf(inner, p.sub)] = value;
    target[key] = inner;
    return;
  }

  if (op === 'remove') {
    // Entra: remove `members` with the members to remove as the value.
    if (Array.isArray(current) && Array.isArray(value)) {
      const gone = new Set(value.map(elementKey));
      target[key] = current.filter((e) => !gone.has(elementKey(e)));
    } else delete target[key];
    return;
  }
  if (op === 'add' && Array.isArray(current)) {
    const list = [...(current as unknown[])];
    const seen = new Set(list.map(elementKey));
    for (const v of Array.isArray(value) ? value : [value]) if (!seen.has(elementKey(v))) list.push(v);
    target[key] = list;
    return;
  }
  if (op === 'add' && isObj(current) && isObj(value)) {
    target[key] = { ...current, ...value };
    return;
  }
  target[key] = value;
}

/** Applies `ops` in order to a copy of `resource`. `core` is the resource's core schema URN. */
export function applyPatch(resource: Obj, ops: readonly PatchOp[], core: string): Obj {
  const root = structuredClone(resource);
  for (const o of ops) {
    const op = o.op.toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new ScimPatchError('invalidSyntax', `Unknown op: ${o.op.slice(0, 20)}`);
    if (o.path !== undefined && o.path.trim() !== '') {
      applyOne(root, op, parsePath(o.path, core), o.value);
      continue;
    }
    if (op === 'remove') throw new ScimPatchError('noTarget', 'remove needs a path');
    if (!isObj(o.value)) throw new ScimPatchError('invalidValue', `${o.op} without a path needs an object value`);
    for (const [k, v] of Object.entries(o.value)) {
      if (k.toLowerCase().startsWith('urn:') && isObj(v) && !k.toLowerCase().startsWith(`${core.toLowerCase()}:`)) {
        // An extension as a whole: {"urn:...:enterprise:2.0:User": {"department": "R&D"}}
        for (const [sk, sv] of Object.entries(v)) applyOne(root, op, parsePath(`${k}:${sk}`, core), sv);
      } else {
        const dotted = /^([A-Za-z$][\w$-]*)\.([A-Za-z$][\w$-]*)$/.exec(k);
        applyOne(root, op, dotted ? { attr: dotted[1]!, sub: dotted[2]! } : parsePath(k, core), v);
      }
    }
  }
  return root;
}

/** SCIM booleans as IdPs send them: true/false, or Entra's "True"/"False" strings. */
export function scimBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}
