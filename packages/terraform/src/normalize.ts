import { isRef, isUnknown, KINDS, Ref, Unknown, GLOBAL_KINDS, type Resource, type Tags } from '@muniguard/core';
import { UNRESOLVED } from './expressions';
import type { RawResource } from './raw';

type Attrs = Record<string, unknown>;

/** First object of a nested block (Terraform JSON writes a block as an object or a list of objects). */
export function block(value: unknown): Attrs | Unknown | undefined {
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) return value.length ? block(value[0]) : undefined;
  if (value && typeof value === 'object' && !isRef(value)) return value as Attrs;
  return undefined;
}

/** Every object of a nested block. */
export function blocks(value: unknown): Attrs[] | Unknown {
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) {
    const u = value.find(isUnknown);
    if (u) return u as Unknown;
    return value.filter((v) => v && typeof v === 'object' && !isRef(v)) as Attrs[];
  }
  if (value && typeof value === 'object' && !isRef(value)) return [value as Attrs];
  return [];
}

/** Read a key of a block that may be Unknown. */
function at(b: Attrs | Unknown | undefined, key: string): unknown {
  if (isUnknown(b)) return b;
  return b?.[key];
}

function mapBlocks<T>(value: unknown, fn: (b: Attrs) => T): T[] | Unknown {
  const list = blocks(value);
  return isUnknown(list) ? list : list.map(fn);
}

function policyDoc(value: unknown): unknown {
  // parsed by the controls (core/policy.ts) from an object or a JSON string; a Ref to a
  // policy-document data source is resolved in foldPolicyDocuments
  return value;
}

interface Mapping {
  kind: string;
  props(a: Attrs): Attrs;
  name?(a: Attrs): unknown;
  tagsAttr?: string;
}

const S3_LEGACY = (a: Attrs): Attrs => {
  const out: Attrs = { bucket: a.bucket, arn: a.arn, acl: a.acl, policy: policyDoc(a.policy) };
  const sse = block(a.server_side_encryption_configuration);
  if (sse !== undefined) out.encryption = encryptionFromRules(at(sse, 'rule'));
  const versioning = block(a.versioning);
  if (versioning !== undefined) {
    const enabled = at(versioning, 'enabled');
    out.versioning = isUnknown(enabled) ? enabled : { status: enabled === true || enabled === 'true' ? 'Enabled' : 'Suspended' };
  }
  const logging = block(a.logging);
  if (logging !== undefined) out.logging = isUnknown(logging) ? logging : { targetBucket: logging.target_bucket, targetPrefix: logging.target_prefix };
  const repl = block(a.replication_configuration);
  if (repl !== undefined) out.replication = isUnknown(repl) ? repl : { rules: replicationRules(repl.rules ?? repl.rule) };
  return out;
};

function encryptionFromRules(rules: unknown): unknown {
  const rule = block(rules);
  if (isUnknown(rule)) return rule;
  if (!rule) return undefined;
  const d = block(rule.apply_server_side_encryption_by_default);
  if (isUnknown(d)) return d;
  if (!d) return undefined;
  return { algorithm: d.sse_algorithm, kmsKeyId: d.kms_master_key_id, bucketKeyEnabled: rule.bucket_key_enabled };
}

function replicationRules(value: unknown): unknown {
  return mapBlocks(value, (r) => {
    const dest = block(r.destination);
    return { id: r.id, status: r.status, destinationBucket: at(dest, 'bucket'), destinationRegion: undefined, kmsKeyId: at(block(at(dest, 'encryption_configuration')), 'replica_kms_key_id') };
  });
}

const ingressRules = (value: unknown) =>
  mapBlocks(value, (r) => ({ protocol: r.protocol, fromPort: r.from_port, toPort: r.to_port, cidrIpv4: r.cidr_blocks ?? [], cidrIpv6: r.ipv6_cidr_blocks ?? [] }));

/** Terraform type -> normalized kind and properties. */
export const MAPPINGS: Record<string, Mapping> = {
  aws_s3_bucket: { kind: KINDS.S3Bucket, props: S3_LEGACY, name: (a) => a.bucket },
  aws_db_instance: {
    kind: KINDS.RdsInstance,
    name: (a) => a.identifier,
    props: (a) => ({
      engine: a.engine, storageEncrypted: a.storage_encrypted, kmsKeyId: a.kms_key_id, backupRetentionPeriod: a.backup_retention_period,
      copyTagsToSnapshot: a.copy_tags_to_snapshot, multiAz: a.multi_az, publiclyAccessible: a.publicly_accessible,
      replicateSourceDb: a.replicate_source_db, arn: a.arn, identifier: a.identifier,
    }),
  },
  aws_rds_cluster_instance: {
    kind: KINDS.RdsInstance,
    name: (a) => a.identifier,
    props: (a) => ({
      engine: a.engine, dbClusterIdentifier: a.cluster_identifier, copyTagsToSnapshot: a.copy_tags_to_snapshot,
      publiclyAccessible: a.publicly_accessible, arn: a.arn, identifier: a.identifier,
    }),
  },
  aws_rds_cluster: {
    kind: KINDS.RdsCluster,
    name: (a) => a.cluster_identifier,
    props: (a) => ({
      engine: a.engine, storageEncrypted: a.storage_encrypted, kmsKeyId: a.kms_key_id, backupRetentionPeriod: a.backup_retention_period,
      copyTagsToSnapshot: a.copy_tags_to_snapshot, availabilityZones: a.availability_zones, replicationSourceIdentifier: a.replication_source_identifier,
      arn: a.arn, clusterIdentifier: a.cluster_identifier,
    }),
  },
  aws_dynamodb_table: {
    kind: KINDS.DynamoTable,
    name: (a) => a.name,
    props: (a) => {
      const sse = block(a.server_side_encryption);
      const pitr = block(a.point_in_time_recovery);
      return {
        name: a.name, arn: a.arn,
        sse: sse === undefined || isUnknown(sse) ? sse : { enabled: sse.enabled, kmsKeyArn: sse.kms_key_arn },
        pointInTimeRecovery: pitr === undefined ? undefined : at(pitr, 'enabled'),
        replicas: mapBlocks(a.replica, (r) => ({ regionName: r.region_name, kmsKeyArn: r.kms_key_arn })),
      };
    },
  },
  aws_efs_file_system: { kind: KINDS.EfsFileSystem, props: (a) => ({ encrypted: a.encrypted, kmsKeyId: a.kms_key_id, arn: a.arn }) },
  aws_ebs_volume: { kind: KINDS.EbsVolume, props: (a) => ({ encrypted: a.encrypted, kmsKeyId: a.kms_key_id, availabilityZone: a.availability_zone, arn: a.arn }) },
  aws_elasticache_replication_group: {
    kind: KINDS.CacheReplicationGroup,
    name: (a) => a.replication_group_id,
    props: (a) => ({
      atRestEncryptionEnabled: a.at_rest_encryption_enabled, transitEncryptionEnabled: a.transit_encryption_enabled, kmsKeyId: a.kms_key_id,
      snapshotRetentionLimit: a.snapshot_retention_limit, multiAzEnabled: a.multi_az_enabled, automaticFailoverEnabled: a.automatic_failover_enabled, arn: a.arn,
    }),
  },
  aws_elasticache_cluster: {
    kind: KINDS.CacheCluster,
    name: (a) => a.cluster_id,
    props: (a) => ({ engine: a.engine, snapshotRetentionLimit: a.snapshot_retention_limit, replicationGroupId: a.replication_group_id, arn: a.arn }),
  },
  aws_sqs_queue: { kind: KINDS.SqsQueue, name: (a) => a.name, props: (a) => ({ kmsMasterKeyId: a.kms_master_key_id, sqsManagedSseEnabled: a.sqs_managed_sse_enabled, arn: a.arn, name: a.name }) },
  aws_sns_topic: { kind: KINDS.SnsTopic, name: (a) => a.name, props: (a) => ({ kmsMasterKeyId: a.kms_master_key_id, arn: a.arn, name: a.name }) },
  aws_kms_key: {
    kind: KINDS.KmsKey,
    props: (a) => ({ enableKeyRotation: a.enable_key_rotation, keySpec: a.customer_master_key_spec ?? 'SYMMETRIC_DEFAULT', keyUsage: a.key_usage ?? 'ENCRYPT_DECRYPT', keyManager: 'CUSTOMER', arn: a.arn }),
  },
  aws_lb_listener: { kind: KINDS.LbListener, props: listenerProps },
  aws_alb_listener: { kind: KINDS.LbListener, props: listenerProps },
  aws_backup_plan: {
    kind: KINDS.BackupPlan,
    name: (a) => a.name,
    props: (a) => ({
      name: a.name, arn: a.arn,
      rules: mapBlocks(a.rule, (r) => ({
        name: r.rule_name,
        schedule: r.schedule,
        deleteAfterDays: at(block(r.lifecycle), 'delete_after'),
        copyActions: mapBlocks(r.copy_action, (c) => ({ destinationVaultArn: c.destination_vault_arn, deleteAfterDays: at(block(c.lifecycle), 'delete_after') })),
      })),
    }),
  },
  aws_backup_selection: {
    kind: KINDS.BackupSelection,
    name: (a) => a.name,
    props: (a) => ({
      planId: a.plan_id,
      resources: a.resources ?? [],
      notResources: a.not_resources ?? [],
      selectionTags: mapBlocks(a.selection_tag, (t) => ({ type: t.type, key: t.key, value: t.value })),
      conditions: conditionsOf(a.condition),
    }),
  },
  aws_backup_vault: { kind: KINDS.BackupVault, name: (a) => a.name, props: (a) => ({ kmsKeyArn: a.kms_key_arn, arn: a.arn, name: a.name }) },
  aws_cloudwatch_log_group: { kind: KINDS.LogGroup, name: (a) => a.name, props: (a) => ({ retentionInDays: a.retention_in_days, kmsKeyId: a.kms_key_id, logGroupClass: a.log_group_class, arn: a.arn, name: a.name }) },
  aws_cloudtrail: {
    kind: KINDS.Trail,
    name: (a) => a.name,
    props: (a) => ({
      isMultiRegionTrail: a.is_multi_region_trail, enableLogFileValidation: a.enable_log_file_validation, kmsKeyId: a.kms_key_id,
      isOrganizationTrail: a.is_organization_trail, arn: a.arn, name: a.name,
    }),
  },
  aws_vpc: { kind: KINDS.Vpc, props: (a) => ({ cidrBlock: a.cidr_block, flowLogs: [], id: a.id }) },
  aws_subnet: { kind: KINDS.Subnet, props: (a) => ({ vpcId: a.vpc_id, mapPublicIpOnLaunch: a.map_public_ip_on_launch }) },
  aws_internet_gateway: { kind: KINDS.InternetGateway, props: (a) => ({ vpcId: a.vpc_id }) },
  aws_egress_only_internet_gateway: { kind: KINDS.EgressOnlyInternetGateway, props: (a) => ({ vpcId: a.vpc_id }) },
  aws_nat_gateway: { kind: KINDS.NatGateway, props: (a) => ({ subnetId: a.subnet_id, connectivityType: a.connectivity_type ?? 'public' }) },
  aws_instance: { kind: KINDS.Instance, props: (a) => ({ subnetId: a.subnet_id, associatePublicIpAddress: a.associate_public_ip_address }) },
  aws_security_group: { kind: KINDS.SecurityGroup, name: (a) => a.name, props: (a) => ({ vpcId: a.vpc_id, ingress: ingressRules(a.ingress) }) },
  aws_cognito_user_pool: { kind: KINDS.UserPool, name: (a) => a.name, props: (a) => ({ mfaConfiguration: a.mfa_configuration, arn: a.arn, name: a.name }) },
  aws_iam_role: {
    kind: KINDS.IamRole,
    name: (a) => a.name,
    props: (a) => ({
      name: a.name, arn: a.arn, assumeRolePolicy: policyDoc(a.assume_role_policy),
      managedPolicyArns: a.managed_policy_arns ?? [],
      inlinePolicies: mapBlocks(a.inline_policy, (p) => policyDoc(p.policy)),
    }),
  },
  aws_iam_user: { kind: KINDS.IamUser, name: (a) => a.name, props: (a) => ({ name: a.name, arn: a.arn, managedPolicyArns: [], inlinePolicies: [], groups: [] }) },
  aws_iam_group: { kind: KINDS.IamGroup, name: (a) => a.name, props: (a) => ({ name: a.name, arn: a.arn, managedPolicyArns: [], inlinePolicies: [] }) },
  aws_iam_policy: { kind: KINDS.IamManagedPolicy, name: (a) => a.name, props: (a) => ({ name: a.name, arn: a.arn, policyDocument: policyDoc(a.policy) }) },
};

function listenerProps(a: Attrs): Attrs {
  return {
    protocol: a.protocol,
    port: a.port,
    sslPolicy: a.ssl_policy,
    defaultActions: mapBlocks(a.default_action, (d) => ({ type: d.type, redirectProtocol: at(block(d.redirect), 'protocol') })),
  };
}

function conditionsOf(value: unknown): unknown {
  const c = block(value);
  if (isUnknown(c)) return c;
  if (!c) return undefined;
  const pairs = (k: string) => mapBlocks(c[k], (x) => ({ key: x.key, value: x.value }));
  return { stringEquals: pairs('string_equals'), stringLike: pairs('string_like'), stringNotEquals: pairs('string_not_equals'), stringNotLike: pairs('string_not_like') };
}

/** Types that exist only globally (no region). */
const GLOBAL_TYPE = /^aws_(iam_|route53_(?!resolver)|cloudfront_|organizations_|shield_|budgets_|ce_|account_)/;

/** How a split resource lands on its parent. */
interface Fold {
  parentTypes: string[];
  /** attribute holding the parent's reference or name */
  link: string;
  /** attribute of the parent that a literal link value names */
  parentNameAttr: string;
  apply(parent: Resource, a: Attrs, address: string): void;
}

function setProp(parent: Resource, key: string, value: unknown, address: string) {
  parent.props[key] = value;
  (parent.source.origins ??= {})[key] = address;
}
function pushProp(parent: Resource, key: string, value: unknown, address: string) {
  const cur = parent.props[key];
  if (isUnknown(cur)) return;
  parent.props[key] = [...(Array.isArray(cur) ? cur : []), value];
  (parent.source.origins ??= {})[key] = address;
}

const S3 = ['aws_s3_bucket'];
export const FOLDS: Record<string, Fold> = {
  aws_s3_bucket_server_side_encryption_configuration: {
    parentTypes: S3, link: 'bucket', parentNameAttr: 'bucket',
    apply: (p, a, addr) => setProp(p, 'encryption', encryptionFromRules(a.rule), addr),
  },
  aws_s3_bucket_versioning: {
    parentTypes: S3, link: 'bucket', parentNameAttr: 'bucket',
    apply: (p, a, addr) => {
      const conf = block(a.versioning_configuration);
      setProp(p, 'versioning', isUnknown(conf) ? conf : { status: at(conf, 'status') }, addr);
    },
  },
  aws_s3_bucket_logging: {
    parentTypes: S3, link: 'bucket', parentNameAttr: 'bucket',
    apply: (p, a, addr) => setProp(p, 'logging', { targetBucket: a.target_bucket, targetPrefix: a.target_prefix }, addr),
  },
  aws_s3_bucket_public_access_block: {
    parentTypes: S3, link: 'bucket', parentNameAttr: 'bucket',
    apply: (p, a, addr) =>
      setProp(p, 'publicAccessBlock', {
        blockPublicAcls: a.block_public_acls ?? false, blockPublicPolicy: a.block_public_policy ?? false,
        ignorePublicAcls: a.ignore_public_acls ?? false, restrictPublicBuckets: a.restrict_public_buckets ?? false,
      }, addr),
  },
  aws_s3_bucket_policy: { parentTypes: S3, link: 'bucket', parentNameAttr: 'bucket', apply: (p, a, addr) => setProp(p, 'policy', policyDoc(a.policy), addr) },
  aws_s3_bucket_acl: { parentTypes: S3, link: 'bucket', parentNameAttr: 'bucket', apply: (p, a, addr) => setProp(p, 'acl', a.acl, addr) },
  aws_s3_bucket_replication_configuration: {
    parentTypes: S3, link: 'bucket', parentNameAttr: 'bucket',
    apply: (p, a, addr) => setProp(p, 'replication', { rules: replicationRules(a.rule) }, addr),
  },
  aws_efs_backup_policy: {
    parentTypes: ['aws_efs_file_system'], link: 'file_system_id', parentNameAttr: 'id',
    apply: (p, a, addr) => setProp(p, 'backupPolicy', { status: at(block(a.backup_policy), 'status') }, addr),
  },
  aws_flow_log: {
    parentTypes: ['aws_vpc'], link: 'vpc_id', parentNameAttr: 'id',
    apply: (p, a, addr) => pushProp(p, 'flowLogs', { address: addr, trafficType: a.traffic_type }, addr),
  },
  aws_iam_role_policy_attachment: {
    parentTypes: ['aws_iam_role'], link: 'role', parentNameAttr: 'name',
    apply: (p, a, addr) => pushProp(p, 'managedPolicyArns', a.policy_arn, addr),
  },
  aws_iam_role_policy: { parentTypes: ['aws_iam_role'], link: 'role', parentNameAttr: 'name', apply: (p, a, addr) => pushProp(p, 'inlinePolicies', policyDoc(a.policy), addr) },
  aws_iam_user_policy_attachment: {
    parentTypes: ['aws_iam_user'], link: 'user', parentNameAttr: 'name',
    apply: (p, a, addr) => pushProp(p, 'managedPolicyArns', a.policy_arn, addr),
  },
  aws_iam_user_policy: { parentTypes: ['aws_iam_user'], link: 'user', parentNameAttr: 'name', apply: (p, a, addr) => pushProp(p, 'inlinePolicies', policyDoc(a.policy), addr) },
  aws_iam_user_login_profile: { parentTypes: ['aws_iam_user'], link: 'user', parentNameAttr: 'name', apply: (p, _a, addr) => setProp(p, 'loginProfile', true, addr) },
  aws_iam_group_policy_attachment: {
    parentTypes: ['aws_iam_group'], link: 'group', parentNameAttr: 'name',
    apply: (p, a, addr) => pushProp(p, 'managedPolicyArns', a.policy_arn, addr),
  },
  aws_iam_group_policy: { parentTypes: ['aws_iam_group'], link: 'group', parentNameAttr: 'name', apply: (p, a, addr) => pushProp(p, 'inlinePolicies', policyDoc(a.policy), addr) },
  aws_iam_user_group_membership: {
    parentTypes: ['aws_iam_user'], link: 'user', parentNameAttr: 'name',
    apply: (p, a, addr) => { for (const g of Array.isArray(a.groups) ? a.groups : []) pushProp(p, 'groups', g, addr); },
  },
  aws_security_group_rule: {
    parentTypes: ['aws_security_group'], link: 'security_group_id', parentNameAttr: 'id',
    apply: (p, a, addr) => {
      if (a.type !== 'ingress') return;
      pushProp(p, 'ingress', { protocol: a.protocol, fromPort: a.from_port, toPort: a.to_port, cidrIpv4: a.cidr_blocks ?? [], cidrIpv6: a.ipv6_cidr_blocks ?? [] }, addr);
    },
  },
  aws_vpc_security_group_ingress_rule: {
    parentTypes: ['aws_security_group'], link: 'security_group_id', parentNameAttr: 'id',
    apply: (p, a, addr) =>
      pushProp(p, 'ingress', {
        protocol: a.ip_protocol, fromPort: a.from_port, toPort: a.to_port,
        cidrIpv4: a.cidr_ipv4 === undefined ? [] : [a.cidr_ipv4], cidrIpv6: a.cidr_ipv6 === undefined ? [] : [a.cidr_ipv6],
      }, addr),
  },
  aws_internet_gateway_attachment: {
    parentTypes: ['aws_internet_gateway'], link: 'internet_gateway_id', parentNameAttr: 'id',
    apply: (p, a, addr) => setProp(p, 'vpcId', a.vpc_id, addr),
  },
};

/** aws_iam_policy_attachment names several users, roles and groups at once. */
const MULTI_ATTACH = 'aws_iam_policy_attachment';

function tagsOf(raw: RawResource): Tags | Unknown {
  const a = raw.attrs;
  if (isUnknown(a.tags_all)) {
    // fall through to tags + defaults
  } else if (a.tags_all && typeof a.tags_all === 'object' && !isRef(a.tags_all)) {
    return a.tags_all as Tags;
  }
  if (isUnknown(a.tags)) return a.tags;
  if (isUnknown(raw.defaultTags)) return raw.defaultTags;
  return { ...(raw.defaultTags ?? {}), ...((a.tags as Tags) ?? {}) } as Tags;
}

const NO_REGION = new Unknown('the provider sets no region (taken from the environment at apply time)');

/** Turn raw Terraform resources into normalized resources, folding split resources onto their parents. */
export function normalize(raws: readonly RawResource[]): Resource[] {
  const out: Resource[] = [];
  const byAddress = new Map<string, { raw: RawResource; res: Resource }>();
  const byName = new Map<string, Resource[]>();
  const policyDocs = new Map<string, unknown>();

  for (const raw of raws) {
    if (raw.mode === 'data') {
      if (raw.type === 'aws_iam_policy_document') policyDocs.set(raw.address, raw.attrs.json ?? documentFromStatements(raw.attrs));
      continue;
    }
    if (!raw.type.startsWith('aws_') || FOLDS[raw.type] || raw.type === MULTI_ATTACH) continue;
    const mapping = MAPPINGS[raw.type];
    const kind = mapping?.kind ?? `Terraform::${raw.type}`;
    const global = GLOBAL_KINDS.includes(kind) || GLOBAL_TYPE.test(raw.type);
    const ownRegion = raw.attrs.region;
    const region = global ? undefined : typeof ownRegion === 'string' || isUnknown(ownRegion) ? ownRegion : raw.providerRegion ?? NO_REGION;
    const props = mapping ? mapping.props(raw.attrs) : { ...raw.attrs };
    for (const k of Object.keys(props)) if (props[k] === undefined) delete props[k];
    const name = mapping?.name?.(raw.attrs);
    const res: Resource = {
      kind,
      id: raw.address,
      name: typeof name === 'string' || isUnknown(name) ? name : undefined,
      region,
      tags: tagsOf(raw),
      props,
      source: { adapter: 'terraform', address: raw.address, file: raw.file, ...(raw.constructPath ? { constructPath: raw.constructPath } : {}) },
    };
    out.push(res);
    byAddress.set(baseAddress(raw.address), { raw, res });
    byAddress.set(raw.address, { raw, res });
    for (const nameAttr of ['bucket', 'name', 'id']) {
      const v = raw.attrs[nameAttr];
      if (typeof v === 'string') {
        const key = `${raw.type}\u0000${nameAttr}\u0000${v}`;
        byName.set(key, [...(byName.get(key) ?? []), res]);
      }
    }
  }

  const parentOf = (value: unknown, types: string[], nameAttr: string, from: string): Resource | undefined => {
    if (isRef(value)) {
      // instance keys: a referrer aws_x.y[0] pointing at aws_b.c means aws_b.c[0]
      const key = /\[[^\]]*\]$/.exec(from)?.[0];
      const hit = (key && byAddress.get(value.address + key)) || byAddress.get(value.address) || byAddress.get(baseAddress(value.address));
      return hit && types.includes(hit.raw.type) ? hit.res : undefined;
    }
    if (typeof value === 'string') {
      for (const t of types) {
        const hits = byName.get(`${t}\u0000${nameAttr}\u0000${value}`);
        if (hits?.length === 1) return hits[0];
      }
    }
    return undefined;
  };

  for (const raw of raws) {
    if (raw.mode === 'data') continue;
    const fold = FOLDS[raw.type];
    if (fold) {
      const parent = parentOf(raw.attrs[fold.link], fold.parentTypes, fold.parentNameAttr, raw.address);
      if (parent) fold.apply(parent, raw.attrs, raw.address);
      continue;
    }
    if (raw.type === MULTI_ATTACH) {
      for (const [attr, type] of [['users', 'aws_iam_user'], ['roles', 'aws_iam_role'], ['groups', 'aws_iam_group']] as const) {
        const list = raw.attrs[attr];
        for (const v of Array.isArray(list) ? list : []) {
          const parent = parentOf(v, [type], 'name', raw.address);
          if (parent) pushProp(parent, 'managedPolicyArns', raw.attrs.policy_arn, raw.address);
        }
      }
    }
  }

  // policies given as a reference to an aws_iam_policy_document data source
  if (policyDocs.size) for (const res of out) resolvePolicyRefs(res.props, policyDocs);
  return out;
}

function baseAddress(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

const POLICY_KEYS = new Set(['policy', 'assumeRolePolicy', 'policyDocument', 'inlinePolicies']);
function resolvePolicyRefs(props: Attrs, docs: Map<string, unknown>): void {
  for (const key of Object.keys(props)) {
    if (!POLICY_KEYS.has(key)) continue;
    const swap = (v: unknown) => (isRef(v) && docs.has(v.address) ? docs.get(v.address) : v);
    const v = props[key];
    props[key] = Array.isArray(v) ? v.map(swap) : swap(v);
  }
}

/** Build a policy JSON object from an aws_iam_policy_document's statement blocks (config input). */
function documentFromStatements(attrs: Attrs): unknown {
  const statements = blocks(attrs.statement);
  if (isUnknown(statements)) return statements;
  const principalMap = (list: unknown) => {
    const ps = blocks(list);
    if (isUnknown(ps)) return ps;
    if (ps.length === 0) return undefined;
    const out: Record<string, unknown[]> = {};
    for (const p of ps) {
      const type = String(p.type);
      const ids = Array.isArray(p.identifiers) ? p.identifiers : [p.identifiers];
      out[type] = [...(out[type] ?? []), ...ids];
    }
    // Terraform renders `type = "*"` (or AWS ["*"]) alone as Principal "*"
    const only = Object.keys(out);
    if (only.length === 1 && (only[0] === '*' || only[0] === 'AWS') && out[only[0]].length === 1 && out[only[0]][0] === '*') return '*';
    return out;
  };
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => {
      const condition: Record<string, Record<string, unknown>> = {};
      const conds = blocks(s.condition);
      if (!isUnknown(conds)) for (const c of conds) (condition[String(c.test)] ??= {})[String(c.variable)] = c.values;
      return {
        ...(s.sid ? { Sid: s.sid } : {}),
        Effect: s.effect ?? 'Allow',
        ...(s.actions ? { Action: s.actions } : {}),
        ...(s.not_actions ? { NotAction: s.not_actions } : {}),
        ...(s.resources ? { Resource: s.resources } : {}),
        ...(s.principals ? { Principal: principalMap(s.principals) } : {}),
        ...(Object.keys(condition).length ? { Condition: condition } : {}),
      };
    }),
  };
}

export { UNRESOLVED, Ref };
