/**
 * Helpers shared by data-store controls: a boolean setting that must be on (encryption flags,
 * copy-tags…), and cluster membership (an Aurora / Multi-AZ cluster instance belongs to its DB
 * cluster, a cache node to its replication group: settings such as encryption live on the parent).
 */
import type { CheckResult } from './control';
import type { CheckContext } from './context';
import { KINDS } from './kinds';
import type { Resource } from './model';
import { isRef, isUnknown, type Unknown } from './unknown';
import { read } from './values';

export type FlagState = 'on' | 'off' | 'omitted' | 'unknown';

/**
 * How a control must read a boolean setting. A Ref (set from a sibling's attribute) is set but its
 * value is not known, so it is 'unknown' like an Unknown; a value that is not a boolean is 'unknown'
 * too (never a silent pass, never a guessed fail).
 */
export function flagState(value: unknown): FlagState {
  if (value === undefined || value === null) return 'omitted';
  if (isUnknown(value) || isRef(value)) return 'unknown';
  if (value === true) return 'on';
  if (value === false) return 'off';
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true') return 'on';
    if (v === 'false') return 'off';
  }
  return 'unknown';
}

/**
 * Pass when the boolean at `path` is on. Off and omitted fail with their own message ids (the caller
 * has decided that the AWS default, when omitted, is not compliant); anything else is unknown.
 */
export function requireFlagOn(
  resource: Resource,
  ctx: CheckContext,
  path: string,
  messages: { off: string; omitted: string },
  data: Record<string, unknown> = {},
): CheckResult {
  switch (flagState(read(resource, path))) {
    case 'on':
      return ctx.pass();
    case 'off':
      return ctx.fail(messages.off, { path, data });
    case 'omitted':
      return ctx.fail(messages.omitted, { path, data });
    default:
      return ctx.unknown(path);
  }
}

/** Member kind -> the property naming its parent and the parent's kinds. */
const MEMBER_LINKS: Record<string, { path: string; parentKinds: readonly string[] }> = {
  [KINDS.RdsInstance]: { path: 'dbClusterIdentifier', parentKinds: [KINDS.RdsCluster] },
  [KINDS.CacheCluster]: { path: 'replicationGroupId', parentKinds: [KINDS.CacheReplicationGroup] },
};

/** The property that makes a resource a cluster member (dbClusterIdentifier, replicationGroupId), if its kind has one. */
export function memberLinkPath(resource: Resource): string | undefined {
  return MEMBER_LINKS[resource.kind]?.path;
}

/**
 * Whether the resource is a member of a cluster (an RDS instance with dbClusterIdentifier, a cache
 * node with replicationGroupId). A Ref counts as set; Unknown stays Unknown.
 */
export function isClusterMember(resource: Resource): boolean | Unknown {
  const link = MEMBER_LINKS[resource.kind];
  if (!link) return false;
  const value = read(resource, link.path);
  if (isUnknown(value)) return value;
  if (isRef(value)) return true;
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
}

/** The cluster (of this scan) a member belongs to, resolved through the index; undefined if not a member or not in the scan. */
export function clusterParent(resource: Resource, ctx: CheckContext): Resource | undefined {
  const link = MEMBER_LINKS[resource.kind];
  if (!link) return undefined;
  const value = read(resource, link.path);
  if (value === undefined || value === null || isUnknown(value)) return undefined;
  const parent = ctx.resolve(value, link.parentKinds);
  return parent && link.parentKinds.includes(parent.kind) ? parent : undefined;
}
