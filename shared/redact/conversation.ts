/**
 * The `placeholder` and `pseudonymize` operators: typed, numbered placeholders that are stable
 * within one conversation and never collide with placeholder-shaped text already in it.
 *
 * A {@link Conversation} is the working copy of a {@link RedactionState} during one call: it
 * indexes the entries, issues placeholders and is turned back into a new state. The given state is
 * never changed.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { FindingType } from '../detect/types.ts';
import { forEachPlaceholderToken, formatPlaceholder, placeholderLabel } from './placeholder.ts';
import type { PlaceholderEntry, RedactionState } from './state.ts';

/** UTF-16 code units as bytes: exact for any string, lone surrogates included (UTF-8 is not). */
function utf16Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 * i] = c >>> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

type Hasher = ReturnType<typeof sha256.create>;

export class Conversation {
  private readonly entries: PlaceholderEntry[];
  private readonly counters: Record<string, number>;
  private readonly reserved: string[];
  private readonly reservedSet: Set<string>;
  /** placeholder -> entry index */
  private readonly issued = new Map<string, number>();
  /** `type \0 value` -> entry index, for entries that keep their value */
  private readonly byValue = new Map<string, number>();
  /** hash -> entry index */
  private readonly byHash = new Map<string, number>();
  /** `type \0 value` -> entry index, for everything resolved during this call (saves re-hashing) */
  private readonly resolved = new Map<string, number>();
  private salted: Hasher | undefined;
  private work: Hasher | undefined;
  private readonly digest = new Uint8Array(32);

  constructor(private readonly state: RedactionState) {
    this.entries = state.entries.slice();
    this.counters = { ...state.counters };
    this.reserved = state.reserved.slice();
    this.reservedSet = new Set(state.reserved);
    this.entries.forEach((e, i) => {
      this.issued.set(e.placeholder, i);
      if (e.value !== undefined) this.byValue.set(`${e.type}\0${e.value}`, i);
      if (e.hash !== undefined) this.byHash.set(e.hash, i);
    });
  }

  /**
   * Records placeholder-shaped tokens of text the AI gets to see that we did not put there, so
   * they are never issued. A token equal to a placeholder issued earlier is a reference to it (the
   * user copied it from the chat) and stays as it is.
   */
  observe(literalText: string): void {
    forEachPlaceholderToken(literalText, (token) => {
      if (this.issued.has(token) || this.reservedSet.has(token)) return;
      this.reservedSet.add(token);
      this.reserved.push(token);
    });
  }

  /**
   * The placeholder for a value: the one it got before in this conversation (by value, or by
   * hash for `placeholder` entries), else the next free number for its label.
   *
   * @param keepValue true for `pseudonymize`: the value is stored so `restore` can put it back.
   */
  placeholderFor(type: FindingType, value: string, keepValue: boolean): string {
    const valueKey = `${type}\0${value}`;
    // Within one call a type always has the same operator, so an earlier answer stands.
    const known = this.resolved.get(valueKey) ?? this.byValue.get(valueKey);
    if (known !== undefined) return (this.entries[known] as PlaceholderEntry).placeholder;
    // Hash only when needed: a conversation that only pseudonymizes never computes one.
    const hash = !keepValue || this.byHash.size > 0 ? this.hash(type, value) : undefined;
    const hashed = hash === undefined ? undefined : this.byHash.get(hash);
    if (hashed !== undefined) {
      const entry = this.entries[hashed] as PlaceholderEntry;
      if (keepValue) {
        // Seen before under `placeholder`, now pseudonymized: same placeholder, now restorable.
        this.entries[hashed] = { ...entry, value };
        this.byValue.set(valueKey, hashed);
      }
      this.resolved.set(valueKey, hashed);
      return entry.placeholder;
    }
    const label = placeholderLabel(type);
    let n = (this.counters[label] ?? 0) + 1;
    while (this.reservedSet.has(formatPlaceholder(label, n))) n++;
    this.counters[label] = n;
    const placeholder = formatPlaceholder(label, n);
    const entry: PlaceholderEntry = keepValue ? { placeholder, type, value } : { placeholder, type, hash: hash as string };
    const index = this.entries.push(entry) - 1;
    this.issued.set(placeholder, index);
    this.resolved.set(valueKey, index);
    if (keepValue) this.byValue.set(valueKey, index);
    else this.byHash.set(hash as string, index);
    return placeholder;
  }

  /** The new state (a new object; the state this was built from is unchanged). */
  toState(): RedactionState {
    return {
      version: this.state.version,
      salt: this.state.salt,
      counters: { ...this.counters },
      entries: this.entries.slice(),
      reserved: this.reserved.slice(),
    };
  }

  private hash(type: FindingType, value: string): string {
    // The salted prefix is hashed once; each value restarts from a copy of that state in one
    // reused hasher (`_cloneInto` with a target allocates nothing), which keeps 10,000 findings
    // from turning into garbage-collector work.
    this.salted ??= sha256.create().update(utf16Bytes(`${this.state.salt}\0`));
    this.work = this.salted._cloneInto(this.work);
    this.work.update(utf16Bytes(`${type}\0${value}`)).digestInto(this.digest);
    return bytesToHex(this.digest.subarray(0, 16));
  }
}
