/**
 * Backups of data stores: how long a store keeps its own backups (RDS retention, ElastiCache
 * snapshots, log retention days…), whether it has a native backup at all, and whether an AWS
 * Backup selection of the scan picks it up. Shared by the backup controls so that "what AWS
 * does when the attribute is omitted" is decided in one place.
 */
import type { ResourceIndex } from './context';
import type { ParamSpec } from './control';
import { BACKUP_STORE_KINDS, KINDS } from './kinds';
import type { Resource } from './model';
import { flagState, isClusterMember } from './stores';
import { isRef, isUnknown, UNKNOWN, type Unknown } from './unknown';
import { asArray, read } from './values';

/**
 * The backup parameters, defined once: every control that reads one declares this same spec so a
 * profile sets it once for all of them.
 */
export const BACKUP_PARAMS = {
  minBackupRetentionDays: {
    schema: { type: 'integer', minimum: 1 },
    default: 7,
    description: {
      ja: 'バックアップ（復元ポイント）を保持する最短の日数。',
      en: 'The fewest days a backup (restore point) must be kept.',
    },
    rationale: {
      ja: '1 週間分の復元ポイントが一般的な基準です（AWS Security Hub の RDS.11 や AWS Config のマネージドルールの既定値も 7 日）。週末や連休をまたいで障害や誤操作に気付いた場合でも戻せる期間です。',
      en: 'A week of restore points is the common baseline (AWS Security Hub RDS.11 and the AWS Config managed rules default to 7 days): long enough to go back after a fault or mistake noticed only after a weekend or holidays.',
    },
  },
  maxBackupIntervalHours: {
    schema: { type: 'integer', minimum: 1 },
    default: 24,
    description: {
      ja: 'バックアップを取得する間隔の上限（時間）。',
      en: 'The longest time allowed between two backups, in hours.',
    },
    rationale: {
      ja: '日次バックアップ（24 時間）が一般的な基準で、失われ得るデータを最大 1 日分に抑えます。',
      en: 'Daily backups (24 hours) are the common baseline: at most one day of data can be lost.',
    },
  },
} satisfies Record<string, ParamSpec>;

/** RDS and Aurora keep automated backups for 1 day when backup_retention_period is not given (API default). */
export const RDS_DEFAULT_BACKUP_RETENTION_DAYS = 1;

/**
 * A count of days (retention, snapshot limit): a number, undefined when omitted, Unknown when it
 * cannot be known now. A Ref (set from a sibling's attribute) and a value that is not a number
 * are Unknown: set, but not comparable.
 */
export function retentionDays(value: unknown): number | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return UNKNOWN;
}

/**
 * Whose backups an RDS resource's data is in: its own (`own`), its Aurora / Multi-AZ DB
 * cluster's (`cluster-member`: the instance has no backup settings), or its source's
 * (`read-replica`: AWS creates replicas without automated backups; the source's backups hold
 * the data). `unknown` (with the property) when membership or the source is not known at scan time.
 */
export function rdsBackupOwner(db: Resource): { owner: 'own' | 'cluster-member' | 'read-replica' | 'unknown'; path?: string } {
  if (db.kind !== KINDS.RdsInstance) return { owner: 'own' };
  const engine = read(db, 'engine');
  if (typeof engine === 'string' && engine.toLowerCase().startsWith('aurora')) return { owner: 'cluster-member' };
  const member = isClusterMember(db);
  if (member === true) return { owner: 'cluster-member' };
  if (isUnknown(member)) return { owner: 'unknown', path: 'dbClusterIdentifier' };
  const source = read(db, 'replicateSourceDb');
  if (isUnknown(source)) return { owner: 'unknown', path: 'replicateSourceDb' };
  if (isRef(source) || (typeof source === 'string' && source.trim() !== '')) return { owner: 'read-replica' };
  return { owner: 'own' };
}

/** Automated backup retention of an RDS instance / Aurora cluster in days; omitted = the AWS default (1). */
export function rdsRetentionDays(db: Resource): { days: number | Unknown; omitted: boolean } {
  const days = retentionDays(read(db, 'backupRetentionPeriod'));
  return days === undefined ? { days: RDS_DEFAULT_BACKUP_RETENTION_DAYS, omitted: true } : { days, omitted: false };
}

export type NativeBackupState = 'on' | 'off' | 'unknown' | 'not-applicable';

export interface NativeBackup {
  state: NativeBackupState;
  /** The property that decides (or could not be known). */
  path?: string;
  /** For not-applicable: why the store needs no backup of its own. */
  reason?: 'cluster-member' | 'read-replica' | 'cache-node' | 'memcached';
}

/** Kinds AWS Backup can protect (ElastiCache is not one: its snapshots are its only backup). */
export const AWS_BACKUP_KINDS: readonly string[] = BACKUP_STORE_KINDS.filter(
  (k) => k !== KINDS.CacheReplicationGroup && k !== KINDS.CacheCluster,
);

const dayCount = (store: Resource, path: string): NativeBackup => {
  const days = retentionDays(read(store, path));
  if (isUnknown(days)) return { state: 'unknown', path };
  return { state: days !== undefined && days >= 1 ? 'on' : 'off', path };
};

/**
 * Whether a data store has a backup of its own: RDS / Aurora automated backups (retention >= 1;
 * omitted = AWS default 1), DynamoDB point-in-time recovery, an EFS backup policy, ElastiCache
 * snapshots (retention >= 1; omitted = 0), S3 replication (an enabled rule). EBS has none.
 */
export function nativeBackup(store: Resource): NativeBackup {
  switch (store.kind) {
    case KINDS.RdsInstance:
    case KINDS.RdsCluster: {
      const path = 'backupRetentionPeriod';
      const { owner, path: ownerPath } = rdsBackupOwner(store);
      if (owner === 'cluster-member' || owner === 'read-replica') return { state: 'not-applicable', reason: owner };
      const { days } = rdsRetentionDays(store);
      if (!isUnknown(days) && days >= 1) return { state: 'on', path };
      if (owner === 'unknown') return { state: 'unknown', path: ownerPath };
      return { state: isUnknown(days) ? 'unknown' : 'off', path };
    }
    case KINDS.DynamoTable: {
      const pitr = flagState(read(store, 'pointInTimeRecovery'));
      return { state: pitr === 'on' ? 'on' : pitr === 'unknown' ? 'unknown' : 'off', path: 'pointInTimeRecovery' };
    }
    case KINDS.EfsFileSystem: {
      const status = read(store, 'backupPolicy.status');
      if (isUnknown(status) || isRef(status)) return { state: 'unknown', path: 'backupPolicy.status' };
      const s = typeof status === 'string' ? status.toUpperCase() : '';
      return { state: s === 'ENABLED' || s === 'ENABLING' ? 'on' : 'off', path: 'backupPolicy.status' };
    }
    case KINDS.CacheReplicationGroup:
      return dayCount(store, 'snapshotRetentionLimit');
    case KINDS.CacheCluster: {
      const member = isClusterMember(store);
      if (member === true) return { state: 'not-applicable', reason: 'cache-node' };
      const engine = read(store, 'engine');
      if (typeof engine === 'string' && engine.toLowerCase() === 'memcached') return { state: 'not-applicable', reason: 'memcached' };
      const own = dayCount(store, 'snapshotRetentionLimit');
      if (own.state === 'on') return own;
      if (isUnknown(member)) return { state: 'unknown', path: 'replicationGroupId' };
      if (isUnknown(engine) || isRef(engine)) return { state: 'unknown', path: 'engine' };
      return own;
    }
    case KINDS.S3Bucket: {
      const replication = read(store, 'replication');
      if (isUnknown(replication)) return { state: 'unknown', path: 'replication' };
      const rules = asArray(read(store, 'replication.rules'));
      if (isUnknown(rules)) return { state: 'unknown', path: 'replication.rules' };
      let unknown = false;
      for (const rule of rules) {
        const status = rule && typeof rule === 'object' && !isRef(rule) ? (rule as Record<string, unknown>).status : rule;
        if (isUnknown(status) || isRef(status)) unknown = true;
        else if (typeof status === 'string' && status.toLowerCase() === 'enabled') return { state: 'on', path: 'replication.rules' };
      }
      return { state: unknown ? 'unknown' : 'off', path: 'replication.rules' };
    }
    default:
      return { state: 'off' };
  }
}

// ---------------------------------------------------------------------------------------------
// AWS Backup selections
// ---------------------------------------------------------------------------------------------

/** Three-valued logic: a selection may or may not pick a store, or it cannot be known yet. */
export type TriState = boolean | 'unknown';

const or = (a: TriState, b: TriState): TriState => (a === true || b === true ? true : a === 'unknown' || b === 'unknown' ? 'unknown' : false);
const and = (a: TriState, b: TriState): TriState => (a === false || b === false ? false : a === 'unknown' || b === 'unknown' ? 'unknown' : true);
const not = (a: TriState): TriState => (a === 'unknown' ? a : !a);

type Pattern = { ref: string } | { literal: string } | { regex: RegExp } | 'unknown' | 'never';
type TagOp = 'equals' | 'like' | 'notEquals' | 'notLike';
interface TagTest {
  op: TagOp;
  key: string | 'unknown';
  value: string | RegExp | 'unknown';
}
/** Patterns indexed for lookup: references and literal ARNs by set, only wildcards scanned. */
interface PatternSet {
  refs: Set<string>;
  literals: Set<string>;
  wildcards: RegExp[];
  unknown: boolean;
}
interface CompiledSelection {
  address: string;
  region: unknown;
  resources: PatternSet | 'unknown';
  notResources: PatternSet | 'unknown';
  listOfTags: TagTest[] | 'unknown';
  conditions: TagTest[] | 'unknown';
}

/** Stands for a part of a store's ARN that is not known yet: only a wildcard matches it. */
const HIDDEN = '\u0001';

const escape = (s: string) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');

/** AWS Backup wildcards: `*` is zero or more characters (IAM-style `?` one character in tag conditions). */
function glob(text: string, question = false): RegExp {
  const body = escape(text).replace(/\*/g, '[^\\s]*');
  return new RegExp(`^${question ? body.replace(/\?/g, '.') : body.replace(/\?/g, '\\?')}$`);
}

function compilePattern(value: unknown): Pattern {
  if (isUnknown(value)) return 'unknown';
  if (isRef(value)) return { ref: value.address };
  if (typeof value !== 'string') return 'never';
  const normalized = withoutAccount(value);
  return normalized.includes('*') ? { regex: glob(normalized) } : { literal: normalized };
}

/** A selection only ever sees its own account: the account part never excludes a store. */
function withoutAccount(arn: string): string {
  const parts = arn.split(':');
  if (parts.length >= 6) parts[4] = '*';
  return parts.join(':');
}

function compileTags(list: unknown, op: TagOp | undefined): TagTest[] | 'unknown' {
  const items = asArray(list);
  if (isUnknown(items)) return 'unknown';
  const out: TagTest[] = [];
  for (const item of items) {
    if (isUnknown(item) || !item || typeof item !== 'object' || isRef(item)) {
      out.push({ op: op ?? 'equals', key: 'unknown', value: 'unknown' });
      continue;
    }
    const t = item as Record<string, unknown>;
    const key = typeof t.key === 'string' ? t.key.replace(/^aws:ResourceTag\//i, '') : 'unknown';
    const testOp: TagOp = op ?? 'equals';
    let value: TagTest['value'] = 'unknown';
    if (typeof t.value === 'string') value = testOp === 'like' || testOp === 'notLike' ? glob(t.value, true) : t.value;
    out.push({ op: testOp, key, value });
  }
  return out;
}

function compileConditions(value: unknown): TagTest[] | 'unknown' {
  if (value === undefined || value === null) return [];
  if (isUnknown(value) || isRef(value) || typeof value !== 'object') return 'unknown';
  const c = value as Record<string, unknown>;
  const out: TagTest[] = [];
  for (const [prop, op] of [['stringEquals', 'equals'], ['stringLike', 'like'], ['stringNotEquals', 'notEquals'], ['stringNotLike', 'notLike']] as const) {
    const tests = compileTags(c[prop], op);
    if (tests === 'unknown') return 'unknown';
    out.push(...tests);
  }
  return out;
}

function compilePatterns(value: unknown): PatternSet | 'unknown' {
  const list = asArray(value);
  if (isUnknown(list)) return 'unknown';
  const set: PatternSet = { refs: new Set(), literals: new Set(), wildcards: [], unknown: false };
  // an element may itself be a list (one expression referencing several resources)
  for (const p of list.flat().map(compilePattern)) {
    if (p === 'unknown') set.unknown = true;
    else if (p === 'never') continue;
    else if ('ref' in p) set.refs.add(p.ref);
    else if ('literal' in p) set.literals.add(p.literal);
    else set.wildcards.push(p.regex);
  }
  return set;
}

function partitionOf(region: unknown): string {
  if (typeof region !== 'string') return 'aws';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function known(...values: unknown[]): string {
  const v = values.find((x) => typeof x === 'string' && x !== '');
  return typeof v === 'string' ? v : HIDDEN;
}

/**
 * The store's ARN: the recorded one, or one built from its name with `HIDDEN` where a part is
 * known only after apply (account ids never matter: see compilePattern).
 */
export function storeArn(store: Resource): string {
  const arn = store.props.arn;
  if (typeof arn === 'string' && arn.startsWith('arn:')) return arn;
  const region = typeof store.region === 'string' ? store.region : HIDDEN;
  const p = partitionOf(store.region);
  const name = (...keys: string[]) => known(...keys.map((k) => store.props[k]), store.name);
  switch (store.kind) {
    case KINDS.S3Bucket:
      return `arn:${p}:s3:::${name('bucket')}`;
    case KINDS.RdsInstance:
      return `arn:${p}:rds:${region}:${HIDDEN}:db:${name('identifier', 'dbInstanceIdentifier')}`;
    case KINDS.RdsCluster:
      return `arn:${p}:rds:${region}:${HIDDEN}:cluster:${name('clusterIdentifier', 'dbClusterIdentifier')}`;
    case KINDS.DynamoTable:
      return `arn:${p}:dynamodb:${region}:${HIDDEN}:table/${name('name', 'tableName')}`;
    case KINDS.EfsFileSystem:
      return `arn:${p}:elasticfilesystem:${region}:${HIDDEN}:file-system/${known(store.props.id, store.props.fileSystemId)}`;
    case KINDS.EbsVolume:
      return `arn:${p}:ec2:${region}:${HIDDEN}:volume/${known(store.props.id, store.props.volumeId)}`;
    default:
      return `arn:${p}:${HIDDEN}`;
  }
}

function anyPattern(patterns: PatternSet | 'unknown', store: Resource, arn: string): TriState {
  if (patterns === 'unknown') return 'unknown';
  if (patterns.refs.has(store.id)) return true;
  const normalized = withoutAccount(arn);
  if (patterns.literals.has(normalized) || patterns.wildcards.some((r) => r.test(normalized))) return true;
  return patterns.unknown ? 'unknown' : false;
}

function tagMatches(t: TagTest, tags: Resource['tags']): TriState {
  if (t.key === 'unknown' || t.value === 'unknown' || isUnknown(tags)) return 'unknown';
  const has = tags && Object.prototype.hasOwnProperty.call(tags, t.key);
  const v = has ? tags[t.key] : undefined;
  if (isUnknown(v)) return 'unknown';
  const present = typeof v === 'string';
  switch (t.op) {
    case 'equals':
      return present && v === t.value;
    case 'like':
      return present && (t.value as RegExp).test(v);
    case 'notEquals':
      return !present || v !== t.value;
    case 'notLike':
      return !present || !(t.value as RegExp).test(v);
  }
}

/**
 * Which AWS Backup selections of the scan pick up which store. Build it once per check (it
 * compiles every selection), then ask `covers(store)` for each store.
 *
 * AWS semantics: a selection assigns what matches `resources` (ARNs, ARN wildcards, `*`) OR
 * `listOfTags` (selectionTags, each StringEquals, OR-ed), AND every condition of `conditions`,
 * AND NOT `notResources`. A selection with neither resources nor tags assigns nothing here
 * (AWS rejects it). A selection covers only stores of its own region.
 */
export class BackupSelections {
  private readonly selections: CompiledSelection[];

  constructor(index: ResourceIndex) {
    this.selections = index.ofKind(KINDS.BackupSelection).map((s) => ({
      address: s.source.address,
      region: s.region,
      resources: compilePatterns(read(s, 'resources')),
      notResources: compilePatterns(read(s, 'notResources')),
      listOfTags: compileTags(read(s, 'selectionTags'), undefined),
      conditions: compileConditions(read(s, 'conditions')),
    }));
  }

  get size(): number {
    return this.selections.length;
  }

  /** Whether one selection assigns the store. */
  private assigns(sel: CompiledSelection, store: Resource, arn: string): TriState {
    if (typeof sel.region === 'string' && typeof store.region === 'string' && sel.region !== store.region) return false;
    const byResource = anyPattern(sel.resources, store, arn);
    let byTag: TriState = false;
    if (sel.listOfTags === 'unknown') byTag = 'unknown';
    else for (const t of sel.listOfTags) byTag = or(byTag, tagMatches(t, store.tags));
    let included = or(byResource, byTag);
    if (included === false) return false;
    if (sel.conditions === 'unknown') included = and(included, 'unknown');
    else for (const t of sel.conditions) included = and(included, tagMatches(t, store.tags));
    if (included === false) return false;
    return and(included, not(anyPattern(sel.notResources, store, arn)));
  }

  /** The first selection that assigns the store, or the first that might (unknown), or none. */
  covers(store: Resource): { state: TriState; selection?: string } {
    if (!AWS_BACKUP_KINDS.includes(store.kind)) return { state: false };
    const arn = storeArn(store);
    let maybe: string | undefined;
    for (const sel of this.selections) {
      const r = this.assigns(sel, store, arn);
      if (r === true) return { state: true, selection: sel.address };
      if (r === 'unknown' && maybe === undefined) maybe = sel.address;
    }
    return maybe === undefined ? { state: false } : { state: 'unknown', selection: maybe };
  }
}
