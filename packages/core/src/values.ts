import type { Resource } from './model';
import { isRef, isUnknown, UNKNOWN, type Unknown } from './unknown';

/** Read a dotted property path of a resource's props. An Unknown on the way makes the result Unknown. */
const splitCache = new Map<string, string[]>();

export function read(resource: Resource, path: string): unknown {
  let parts = splitCache.get(path);
  if (!parts) splitCache.set(path, (parts = path.split('.')));
  let cur: unknown = resource.props;
  for (const part of parts) {
    if (isUnknown(cur)) return cur;
    if (cur === undefined || cur === null || typeof cur !== 'object' || isRef(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Present and not empty. A Ref is set (its value comes from a sibling resource). Unknown is not "set". */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || isUnknown(value)) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}

/** Boolean view of a property: booleans, "true"/"false" strings; Unknown stays Unknown, a Ref (set from another resource) is Unknown. */
export function asBool(value: unknown): boolean | Unknown | undefined {
  if (isUnknown(value)) return value;
  if (isRef(value)) return UNKNOWN;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

/** Number view: numbers and numeric strings; Unknown stays Unknown, a Ref is Unknown. */
export function asNumber(value: unknown): number | Unknown | undefined {
  if (isUnknown(value)) return value;
  if (isRef(value)) return UNKNOWN;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** Array view: arrays as they are, a single value as one element, undefined as empty. */
export function asArray(value: unknown): unknown[] | Unknown {
  if (isUnknown(value)) return value;
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** First Unknown among values, if any. */
export function firstUnknown(...values: unknown[]): Unknown | undefined {
  return values.find(isUnknown) as Unknown | undefined;
}

export { UNKNOWN };
