import type { CheckResult } from './control';
import type { Resource } from './model';
import type { Profile, Level, SegmentValue } from './profile';
import { findLevel } from './profile';
import { DEFAULT_TAG_KEYS, findTag, normalizeTagValue, parseFlag, type TagRole } from './tags';
import { isRef, isUnknown, UNKNOWN, type Unknown } from './unknown';

/** Index of one scan's resources: built once, so stack-scope checks look up instead of rescanning. */
export class ResourceIndex {
  readonly byId = new Map<string, Resource>();
  readonly byKind = new Map<string, Resource[]>();
  private readonly byArn = new Map<string, Resource>();
  private readonly byName = new Map<string, Resource[]>();

  constructor(readonly all: readonly Resource[]) {
    for (const r of all) {
      this.byId.set(r.id, r);
      let list = this.byKind.get(r.kind);
      if (!list) this.byKind.set(r.kind, (list = []));
      list.push(r);
      const arn = r.props.arn;
      if (typeof arn === 'string') this.byArn.set(arn, r);
      for (const n of [r.name, r.props.bucket, r.props.name]) {
        if (typeof n === 'string') {
          const key = `${r.kind}\u0000${n}`;
          const same = this.byName.get(key);
          if (same) same.push(r);
          else this.byName.set(key, [r]);
        }
      }
    }
  }

  /** Per-scan memo for derived facts (a resource's classification): computed once, read by every control. */
  readonly memo = new Map<string, Map<Resource, unknown>>();

  ofKind(kind: string): readonly Resource[] {
    return this.byKind.get(kind) ?? [];
  }

  /** A Ref, an ARN, or a name (of one of `kinds`) -> the resource of this scan, if any. */
  resolve(value: unknown, kinds?: readonly string[]): Resource | undefined {
    if (isRef(value)) return this.byId.get(value.address);
    if (typeof value !== 'string') return undefined;
    const byArn = this.byArn.get(value);
    if (byArn) return byArn;
    for (const kind of kinds ?? []) {
      const hits = this.byName.get(`${kind}\u0000${value}`);
      if (hits?.length === 1) return hits[0];
    }
    return undefined;
  }
}

export type ClassStatus = 'valid' | 'missing' | 'invalid' | 'unknown';
export interface Classification {
  status: ClassStatus;
  key?: string;
  raw?: string;
  level?: Level;
  /** The rank used for applicability: the level's, or the most sensitive one when not valid. */
  effectiveRank: number;
}

/** What a check can read besides its resource. No clock, no I/O: everything comes from here. */
export class CheckContext {
  constructor(
    readonly profile: Profile,
    readonly index: ResourceIndex,
    readonly params: Readonly<Record<string, unknown>>,
    /** The scan date, YYYY-MM-DD (`--as-of`). */
    readonly asOf: string,
  ) {}

  tagKeys(role: TagRole): string[] {
    const extra =
      role === 'classification' ? this.profile.classification.tagKeys
      : role === 'networkSegment' ? this.profile.segments.tagKeys
      : this.profile.tagKeys?.[role] ?? [];
    return [DEFAULT_TAG_KEYS[role], ...extra];
  }

  tag(resource: Resource, role: TagRole) {
    return findTag(resource, this.tagKeys(role));
  }

  classification(resource: Resource): Classification {
    let memo = this.index.memo.get('classification') as Map<Resource, Classification> | undefined;
    if (!memo) this.index.memo.set('classification', (memo = new Map()));
    let c = memo.get(resource);
    if (!c) memo.set(resource, (c = this.classify(resource)));
    return c;
  }

  private classify(resource: Resource): Classification {
    const worst = this.profile.maxRank;
    const hit = this.tag(resource, 'classification');
    if (isUnknown(hit)) return { status: 'unknown', effectiveRank: worst };
    if (!hit) return { status: 'missing', effectiveRank: worst };
    // a value from another resource (a Ref) or any non-string is not known at scan time
    if (isUnknown(hit.value) || typeof hit.value !== 'string') return { status: 'unknown', key: hit.key, effectiveRank: worst };
    const level = findLevel(this.profile.levels, hit.value);
    if (!level) return { status: 'invalid', key: hit.key, raw: hit.value, effectiveRank: worst };
    return { status: 'valid', key: hit.key, raw: hit.value, level, effectiveRank: level.rank };
  }

  /** The segment the resource is tagged with: its entry, Unknown, 'invalid', or undefined (untagged). */
  segment(resource: Resource): SegmentValue | Unknown | 'invalid' | undefined {
    const hit = this.tag(resource, 'networkSegment');
    if (isUnknown(hit)) return UNKNOWN;
    if (!hit) return undefined;
    if (isUnknown(hit.value) || typeof hit.value !== 'string') return UNKNOWN;
    const v = normalizeTagValue(hit.value);
    return this.profile.segments.values.find((s) => [s.value, ...(s.aliases ?? [])].some((x) => normalizeTagValue(x) === v)) ?? 'invalid';
  }

  /** CriticalSystem tag: true/false, Unknown, 'invalid' (unrecognised word) or undefined (untagged). */
  criticalSystem(resource: Resource): boolean | Unknown | 'invalid' | undefined {
    const hit = this.tag(resource, 'criticalSystem');
    if (isUnknown(hit)) return UNKNOWN;
    if (!hit) return undefined;
    if (isUnknown(hit.value) || typeof hit.value !== 'string') return UNKNOWN;
    return parseFlag(hit.value) ?? 'invalid';
  }

  resolve(value: unknown, kinds?: readonly string[]): Resource | undefined {
    return this.index.resolve(value, kinds);
  }

  pass(): CheckResult {
    return { verdict: 'pass' };
  }
  fail(messageId: string, options: { path?: string; data?: Record<string, unknown>; advisory?: boolean } = {}): CheckResult {
    return { verdict: 'fail', messageId, ...options };
  }
  /** `path` is the property that could not be known. */
  unknown(path: string, messageId = 'unknownValue', data: Record<string, unknown> = {}): CheckResult {
    return { verdict: 'unknown', messageId, path, data: { path, ...data } };
  }
  notApplicable(messageId = 'notApplicable', data?: Record<string, unknown>): CheckResult {
    return { verdict: 'not-applicable', messageId, data };
  }
}

/** The same context for a stack-scope check; the resources it gets are already filtered by applicability. */
export type StackContext = CheckContext;
