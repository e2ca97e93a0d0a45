import type { Resource, Val } from './model';
import { isUnknown, UNKNOWN, type Unknown } from './unknown';

/** The tag keys every profile accepts; a profile may add its own (e.g. 重要性分類). */
export const DEFAULT_TAG_KEYS = {
  classification: 'DataClassification',
  contractEnd: 'ContractEnd',
  networkSegment: 'NetworkSegment',
  criticalSystem: 'CriticalSystem',
} as const;
export type TagRole = keyof typeof DEFAULT_TAG_KEYS;

/** Compare tag values the way people write them: NFKC (Ⅱ = II, Ａ = A, １ = 1), trimmed, case-folded. */
export function normalizeTagValue(value: string): string {
  return value.normalize('NFKC').trim().toUpperCase().replace(/\s+/g, '');
}

export interface TagHit {
  key: string;
  value: Val<string>;
}

/**
 * The first of `keys` present on the resource. Returns Unknown when the tag map itself is
 * unknown, undefined when none of the keys is there.
 */
export function findTag(resource: Resource, keys: readonly string[]): TagHit | Unknown | undefined {
  const tags = resource.tags;
  if (isUnknown(tags)) return UNKNOWN;
  if (!tags) return undefined;
  for (const key of keys) {
    if (Object.prototype.hasOwnProperty.call(tags, key)) return { key, value: tags[key] };
  }
  // tag keys are case-sensitive in AWS, but a differently-cased key is still the author's intent
  const lower = new Map(Object.keys(tags).map((k) => [k.normalize('NFKC').toLowerCase(), k]));
  for (const key of keys) {
    const found = lower.get(key.normalize('NFKC').toLowerCase());
    if (found) return { key: found, value: tags[found] };
  }
  return undefined;
}

const TRUE_WORDS = new Set(['TRUE', 'YES', '1', 'ON', 'Y', 'はい', '該当', '重要', '重要システム']);
const FALSE_WORDS = new Set(['FALSE', 'NO', '0', 'OFF', 'N', 'いいえ', '非該当', 'なし']);

/** Parse a yes/no tag value (CriticalSystem). undefined = not a recognised word. */
export function parseFlag(value: string): boolean | undefined {
  const v = normalizeTagValue(value);
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return undefined;
}
