// `node:assert/strict` for the web worker extension host, which has no Node built-ins: the web test
// bundle (scripts/build.mjs --tests) aliases the suite's `import * as assert from 'node:assert/strict'`
// to this file. It has the strict semantics of Node's: `equal` is Object.is, `deepEqual` is
// deepStrictEqual (same prototypes, same own enumerable keys, values compared strictly), so a suite
// file passes or fails the same way in both hosts. Only what the suite uses, and its close relatives.
import type * as nodeAssert from 'node:assert/strict';

export class AssertionError extends Error {
  override name = 'AssertionError';
  readonly code = 'ERR_ASSERTION';
  /** Mocha's reporters show a diff of actual and expected when this is set. */
  readonly showDiff: boolean;

  constructor(
    message: string,
    readonly actual: unknown,
    readonly expected: unknown,
    readonly operator: string,
    readonly generatedMessage = false,
  ) {
    super(message);
    this.showDiff = operator === 'strictEqual' || operator === 'deepStrictEqual';
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `[Function ${value.name || '(anonymous)'}]`;
  if (value instanceof RegExp || value instanceof Error || typeof value === 'symbol') return String(value);
  if (value === undefined || Number.isNaN(value) || value === Infinity || value === -Infinity) return String(value);
  if (Object.is(value, -0)) return '-0';
  try {
    const seen = new WeakSet<object>();
    const text = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[Circular]';
        seen.add(v);
        if (v instanceof Map) return { Map: [...v.entries()] };
        if (v instanceof Set) return { Set: [...v.values()] };
      }
      return v === undefined ? '[undefined]' : v;
    });
    const name = typeof value === 'object' && value !== null ? value.constructor?.name : undefined;
    return name && name !== 'Object' && name !== 'Array' ? `${name} ${text}` : text;
  } catch {
    return String(value);
  }
}

function fails(message: string | Error | undefined, generated: string, actual: unknown, expected: unknown, operator: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? generated, actual, expected, operator, message === undefined);
}

const tag = (v: object) => Object.prototype.toString.call(v);

function ownKeys(v: object): PropertyKey[] {
  return Reflect.ownKeys(v).filter((k) => Object.prototype.propertyIsEnumerable.call(v, k));
}

/** Node's deepStrictEqual comparison (without its special cases for WeakMap, Proxy and boxed primitives' extra keys). */
function deepStrict(a: unknown, b: unknown, seen: Map<object, object>): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || tag(a) !== tag(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date) return Object.is(a.getTime(), (b as Date).getTime()) && sameKeys(a, b, seen);
  if (a instanceof RegExp) {
    const r = b as RegExp;
    return a.source === r.source && a.flags === r.flags && a.lastIndex === r.lastIndex && sameKeys(a, b, seen);
  }
  if (a instanceof Error) {
    const e = b as Error;
    if (a.message !== e.message || a.name !== e.name) return false;
  }
  if (a instanceof Number || a instanceof String || a instanceof Boolean) {
    if (!Object.is(a.valueOf(), (b as typeof a).valueOf())) return false;
  }
  if (ArrayBuffer.isView(a)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array((b as ArrayBufferView).buffer, (b as ArrayBufferView).byteOffset, (b as ArrayBufferView).byteLength);
    if (x.length !== y.length || x.some((byte, i) => byte !== y[i])) return false;
    if (!(a instanceof DataView)) return sameKeys(a, b, seen, (k) => typeof k !== 'string' || !/^\d+$/u.test(k));
  }
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (Object.prototype.hasOwnProperty.call(a, i) !== Object.prototype.hasOwnProperty.call(other, i)) return false;
      if (!deepStrict(a[i], other[i], seen)) return false;
    }
    return sameKeys(a, b, seen, (k) => typeof k !== 'string' || !/^\d+$/u.test(k));
  }
  if (a instanceof Set) {
    const other = b as Set<unknown>;
    if (a.size !== other.size) return false;
    const rest = [...other];
    for (const item of a) {
      if (other.has(item)) continue;
      const i = rest.findIndex((candidate) => !a.has(candidate) && deepStrict(item, candidate, new Map(seen)));
      if (i < 0) return false;
      rest.splice(i, 1);
    }
    return sameKeys(a, b, seen);
  }
  if (a instanceof Map) {
    const other = b as Map<unknown, unknown>;
    if (a.size !== other.size) return false;
    for (const [key, value] of a) {
      if (other.has(key)) {
        if (!deepStrict(value, other.get(key), seen)) return false;
        continue;
      }
      const match = [...other].find(([k, v]) => !a.has(k) && deepStrict(key, k, new Map(seen)) && deepStrict(value, v, new Map(seen)));
      if (!match) return false;
    }
    return sameKeys(a, b, seen);
  }
  return sameKeys(a, b, seen);
}

function sameKeys(a: object, b: object, seen: Map<object, object>, which: (k: PropertyKey) => boolean = () => true): boolean {
  const ka = ownKeys(a).filter(which);
  const kb = ownKeys(b).filter(which);
  if (ka.length !== kb.length) return false;
  const inB = new Set(kb);
  return ka.every((k) => inB.has(k) && deepStrict((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k], seen));
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fails(message, `The expression evaluated to a falsy value:\n\n  assert.ok(${show(value)})\n`, value, true, '==');
}

export function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) fails(message, `Expected values to be strictly equal:\n\n${show(actual)} !== ${show(expected)}\n`, actual, expected, 'strictEqual');
}

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fails(message, `Expected "actual" to be strictly unequal to: ${show(expected)}`, actual, expected, 'notStrictEqual');
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!deepStrict(actual, expected, new Map())) {
    fails(message, `Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ ${show(actual)}\n- ${show(expected)}\n`, actual, expected, 'deepStrictEqual');
  }
}

export function notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (deepStrict(actual, expected, new Map())) fails(message, `Expected "actual" not to be strictly deep-equal to: ${show(expected)}`, actual, expected, 'notDeepStrictEqual');
}

export function match(value: string, regExp: RegExp, message?: string | Error): void {
  if (typeof value !== 'string') fails(message, `The "string" argument must be of type string. Received ${show(value)}`, value, regExp, 'match');
  if (!regExp.test(value)) fails(message, `The input did not match the regular expression ${String(regExp)}. Input:\n\n${show(value)}\n`, value, regExp, 'match');
}

export function doesNotMatch(value: string, regExp: RegExp, message?: string | Error): void {
  if (typeof value !== 'string') fails(message, `The "string" argument must be of type string. Received ${show(value)}`, value, regExp, 'doesNotMatch');
  if (regExp.test(value)) fails(message, `The input was expected to not match the regular expression ${String(regExp)}. Input:\n\n${show(value)}\n`, value, regExp, 'doesNotMatch');
}

export function fail(message: string | Error = 'Failed'): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message, undefined, undefined, 'fail');
}

type ErrorCheck = RegExp | ((new (...args: never[]) => unknown) & { prototype: unknown }) | ((error: unknown) => boolean) | object;

function checkError(error: unknown, expected: ErrorCheck | undefined, message: string | Error | undefined, operator: string): void {
  if (expected === undefined) return;
  if (expected instanceof RegExp) {
    if (!expected.test(String(error))) fails(message, `The error did not match the regular expression ${String(expected)}: ${show(String(error))}`, error, expected, operator);
    return;
  }
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && error instanceof (expected as new () => unknown)) return;
    if (expected === Error || expected.prototype instanceof Error) fails(message, `The error is expected to be an instance of "${expected.name}": ${show(error)}`, error, expected, operator);
    if ((expected as (e: unknown) => boolean)(error) !== true) fails(message, `The validation function did not accept the error: ${show(error)}`, error, expected, operator);
    return;
  }
  for (const [key, want] of Object.entries(expected)) {
    const got = (error as Record<string, unknown>)?.[key];
    const okValue = want instanceof RegExp && typeof got === 'string' ? want.test(got) : deepStrict(got, want, new Map());
    if (!okValue) fails(message, `The error's "${key}" is ${show(got)}, expected ${show(want)}`, error, expected, operator);
  }
}

export function throws(fn: () => unknown, expected?: ErrorCheck | string, message?: string | Error): void {
  if (typeof expected === 'string') [message, expected] = [expected, undefined];
  try {
    fn();
  } catch (e) {
    checkError(e, expected, message, 'throws');
    return;
  }
  fails(message, 'Missing expected exception.', undefined, expected, 'throws');
}

export async function rejects(promise: Promise<unknown> | (() => Promise<unknown>), expected?: ErrorCheck | string, message?: string | Error): Promise<void> {
  if (typeof expected === 'string') [message, expected] = [expected, undefined];
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    checkError(e, expected, message, 'rejects');
    return;
  }
  fails(message, 'Missing expected rejection.', undefined, expected, 'rejects');
}

export { equal as strictEqual, notEqual as notStrictEqual, deepEqual as deepStrictEqual, notDeepEqual as notDeepStrictEqual };

// The suite is typed against Node's module: what it calls must be here with a compatible signature.
// (`fail` only in its one-argument form: the others are deprecated in Node.)
type Used = 'ok' | 'equal' | 'notEqual' | 'deepEqual' | 'notDeepEqual' | 'match' | 'doesNotMatch' | 'throws' | 'rejects' | 'strictEqual' | 'deepStrictEqual';
const shape: Pick<typeof nodeAssert, Used> & { fail: typeof fail } = { ok, equal, notEqual, deepEqual, notDeepEqual, match, doesNotMatch, fail, throws, rejects, strictEqual: equal, deepStrictEqual: deepEqual };
export default shape;
