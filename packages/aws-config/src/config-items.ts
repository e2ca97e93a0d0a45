/**
 * AWS Config configuration items -> normalized resources.
 *
 * One normalizer serves every way an item arrives: a `SelectResourceConfig` /
 * `SelectAggregateResourceConfig` row (JSON text), a `BatchGetResourceConfig` item, the
 * `configurationItem` of a Config rule invocation, and the items the service-API readers build
 * from Describe/Get responses. Config writes camelCase Java-bean names with odd casing
 * (`dBInstanceIdentifier`, `ssedescription.kmsmasterKeyArn`, `multiAZ`), the SDK writes
 * PascalCase (`DBInstanceIdentifier`, `SSEDescription.KMSMasterKeyArn`): properties are read
 * case-insensitively so both land on the same normalized names (see core `kinds.ts`).
 */
import { KINDS, Unknown, type Resource, type Tags } from '@muniguard/core';

/**
 * A configuration item as AWS Config returns it: `BatchGetResourceConfig` / `GetResourceConfigHistory`
 * (camelCase keys), a `SelectResourceConfig` row (JSON text of the same keys), or the
 * `configurationItem` of a Config rule invocation event. `configuration` may be an object or a JSON
 * string; `supplementaryConfiguration` values are sometimes JSON strings (some encoded twice).
 */
export interface ConfigurationItemLike {
  resourceType?: string;
  resourceId?: string;
  resourceName?: string;
  arn?: string;
  ARN?: string;
  awsRegion?: string;
  accountId?: string;
  configurationItemStatus?: string;
  configurationItemCaptureTime?: string | Date;
  configuration?: unknown;
  supplementaryConfiguration?: Record<string, unknown>;
  tags?: Record<string, string> | Array<{ key?: string; value?: string; Key?: string; Value?: string }>;
  Tags?: Array<{ Key?: string; Value?: string; key?: string; value?: string }>;
  [key: string]: unknown;
}

type Obj = Record<string, unknown>;

/** Item statuses that describe no current resource. */
const GONE = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded', 'ResourceNotRecorded']);

/** Parse a value that may be JSON text, JSON text of JSON text (Config encodes some values twice), or already a value. */
export function decodeJson(value: unknown): unknown {
  let v = value;
  for (let i = 0; i < 3 && typeof v === 'string'; i++) {
    const t = v.trim();
    if (!(t.startsWith('{') || t.startsWith('[') || t.startsWith('"') || t === 'true' || t === 'false' || t === 'null')) break;
    try {
      v = JSON.parse(t);
    } catch {
      break;
    }
  }
  return v;
}

/** IAM policy documents in Config items and in GetAccountAuthorizationDetails are URL-encoded JSON. */
export function decodePolicyDocument(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  let text = value.trim();
  if (text.startsWith('%7B') || text.startsWith('%7b') || /^%[0-9A-Fa-f]{2}/.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return value;
    }
  }
  const parsed = decodeJson(text);
  return typeof parsed === 'object' && parsed !== null ? parsed : text;
}

const lowerKeys = new WeakMap<object, Map<string, string>>();

/** Read one key of an object, ignoring case (`multiAZ` = `MultiAZ`). */
function key(obj: unknown, name: string): unknown {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const o = obj as Obj;
  if (name in o) return o[name];
  let map = lowerKeys.get(o);
  if (!map) {
    map = new Map();
    for (const k of Object.keys(o)) map.set(k.toLowerCase(), k);
    lowerKeys.set(o, map);
  }
  const real = map.get(name.toLowerCase());
  return real === undefined ? undefined : o[real];
}

/** Read a dotted path case-insensitively, decoding JSON text on the way. */
export function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    cur = decodeJson(cur);
    cur = key(cur, part);
    if (cur === undefined || cur === null) return cur;
  }
  return decodeJson(cur);
}

/** First defined of several paths. */
function first(obj: unknown, ...paths: string[]): unknown {
  for (const p of paths) {
    const v = get(obj, p);
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

function list(value: unknown): unknown[] {
  const v = decodeJson(value);
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function bool(value: unknown): boolean | undefined {
  const v = decodeJson(value);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === 'enabled' || s === 'enabling') return true;
    if (s === 'false' || s === 'disabled' || s === 'disabling') return false;
  }
  return undefined;
}

function num(value: unknown): number | undefined {
  const v = decodeJson(value);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function str(value: unknown): string | undefined {
  const v = decodeJson(value);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Tags in every shape Config and the SDK use: a map, [{key, value}], [{Key, Value}], Select's [{key, value, tag}]. */
export function tagsOf(...sources: unknown[]): Tags {
  const out: Tags = {};
  for (const source of sources) {
    const t = decodeJson(source);
    if (!t) continue;
    if (Array.isArray(t)) {
      for (const e of t) {
        const k = key(e, 'key');
        const v = key(e, 'value');
        if (typeof k === 'string') out[k] = typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
      }
    } else if (typeof t === 'object') {
      for (const [k, v] of Object.entries(t as Obj)) if (typeof v === 'string') out[k] = v;
    }
  }
  return out;
}

/** A configuration item's parts, decoded once. */
export interface ItemView {
  item: ConfigurationItemLike;
  type: string;
  conf: unknown;
  supp: Obj;
  region?: string;
  accountId?: string;
}

interface Mapping {
  kind: string;
  global?: boolean;
  name?(v: ItemView): unknown;
  props(v: ItemView): Obj;
}

const c = (v: ItemView, ...paths: string[]) => first(v.conf, ...paths);
const s = (v: ItemView, ...paths: string[]) => first(v.supp, ...paths);

/** Lower-case Off -> Disabled, the normalized S3 versioning status. */
function versioningStatus(value: unknown): string | undefined {
  const v = str(value);
  if (v === undefined) return undefined;
  const l = v.toLowerCase();
  if (l === 'enabled') return 'Enabled';
  if (l === 'suspended') return 'Suspended';
  if (l === 'off' || l === 'disabled') return 'Disabled';
  return v;
}

const NOT_RECORDED = (what: string) => new Unknown(`AWS Config did not record ${what}`);

function s3Props(v: ItemView): Obj {
  const out: Obj = { bucket: v.item.resourceName ?? c(v, 'name'), arn: arnOf(v.item) };
  const sse = s(v, 'ServerSideEncryptionConfiguration');
  if (sse === undefined) out.encryption = 'ServerSideEncryptionConfiguration' in v.supp ? undefined : NOT_RECORDED('the bucket encryption');
  else if (sse !== null) {
    const rule = list(get(sse, 'rules'))[0];
    const d = get(rule, 'applyServerSideEncryptionByDefault');
    out.encryption = d ? { algorithm: str(get(d, 'sseAlgorithm')), kmsKeyId: str(get(d, 'kmsMasterKeyID')), bucketKeyEnabled: bool(get(rule, 'bucketKeyEnabled')) } : undefined;
  }
  const ver = s(v, 'BucketVersioningConfiguration');
  out.versioning = ver === undefined ? NOT_RECORDED('the bucket versioning') : ver === null ? undefined : { status: versioningStatus(get(ver, 'status')) ?? 'Disabled' };
  const logging = s(v, 'BucketLoggingConfiguration');
  const target = str(get(logging, 'destinationBucketName') ?? get(logging, 'targetBucket'));
  out.logging = logging === undefined ? NOT_RECORDED('the bucket logging') : target ? { targetBucket: target, targetPrefix: str(get(logging, 'logFilePrefix') ?? get(logging, 'targetPrefix')) } : undefined;
  const pab = s(v, 'PublicAccessBlockConfiguration');
  if (pab && typeof pab === 'object') {
    out.publicAccessBlock = {
      blockPublicAcls: bool(get(pab, 'blockPublicAcls')) ?? false,
      blockPublicPolicy: bool(get(pab, 'blockPublicPolicy')) ?? false,
      ignorePublicAcls: bool(get(pab, 'ignorePublicAcls')) ?? false,
      restrictPublicBuckets: bool(get(pab, 'restrictPublicBuckets')) ?? false,
    };
  }
  const policy = s(v, 'BucketPolicy');
  const policyText = policy && typeof policy === 'object' ? get(policy, 'policyText') : policy;
  if (policyText !== undefined && policyText !== null && policyText !== '') out.policy = decodeJson(policyText);
  const repl = s(v, 'BucketReplicationConfiguration');
  if (repl && typeof repl === 'object') {
    const rules = get(repl, 'rules');
    const ruleList = Array.isArray(rules) ? rules : rules && typeof rules === 'object' ? Object.entries(rules as Obj).map(([id, r]) => ({ id, ...(r as Obj) })) : [];
    out.replication = {
      rules: ruleList.map((r) => {
        const dest = get(r, 'destinationConfig') ?? get(r, 'destination');
        const bucketArn = str(get(dest, 'bucketARN') ?? get(dest, 'bucket'));
        return { id: str(get(r, 'id')), status: str(get(r, 'status')), destinationBucket: bucketArn, destinationRegion: undefined };
      }),
    };
  }
  return out;
}

function dynamoProps(v: ItemView): Obj {
  const sse = c(v, 'ssedescription', 'SSEDescription');
  const status = str(get(sse, 'status'));
  const pitr = s(v, 'ContinuousBackupsDescription');
  const pitrStatus = str(get(pitr, 'pointInTimeRecoveryDescription.pointInTimeRecoveryStatus'));
  return {
    name: c(v, 'tableName') ?? v.item.resourceName,
    arn: c(v, 'tableArn') ?? arnOf(v.item),
    // no SSE description: the table is encrypted with an AWS owned key
    sse: sse ? { enabled: status === undefined ? undefined : status === 'ENABLED' || status === 'ENABLING', kmsKeyArn: str(get(sse, 'kmsmasterKeyArn')), sseType: str(get(sse, 'ssetype')) } : undefined,
    pointInTimeRecovery: pitr === undefined ? NOT_RECORDED('point-in-time recovery') : pitrStatus === undefined ? undefined : pitrStatus === 'ENABLED',
    replicas: list(c(v, 'replicas')).map((r) => ({ regionName: str(get(r, 'regionName')), kmsKeyArn: str(get(r, 'kmsmasterKeyId')) })),
  };
}

function ingressOf(perms: unknown): Obj[] {
  return list(perms).map((p) => {
    const v4 = [
      ...list(get(p, 'ipv4Ranges')).map((r) => str(typeof r === 'string' ? r : get(r, 'cidrIp'))),
      ...list(get(p, 'ipRanges')).map((r) => str(typeof r === 'string' ? r : get(r, 'cidrIp'))),
    ].filter((x): x is string => !!x);
    const v6 = list(get(p, 'ipv6Ranges')).map((r) => str(typeof r === 'string' ? r : get(r, 'cidrIpv6'))).filter((x): x is string => !!x);
    const proto = str(get(p, 'ipProtocol'));
    return { protocol: proto, fromPort: num(get(p, 'fromPort')), toPort: num(get(p, 'toPort')), cidrIpv4: [...new Set(v4)], cidrIpv6: [...new Set(v6)] };
  });
}

function policyList(value: unknown): unknown[] {
  return list(value).map((p) => decodePolicyDocument(get(p, 'policyDocument')));
}

function attachedArns(value: unknown): string[] {
  return list(value).map((p) => str(get(p, 'policyArn'))).filter((x): x is string => !!x);
}

function backupRules(v: ItemView): unknown[] {
  const plan = c(v, 'BackupPlan', 'BackupPlanDocument') ?? v.conf;
  return list(get(plan, 'BackupPlanRule') ?? get(plan, 'Rules')).map((r) => ({
    name: str(get(r, 'RuleName')),
    schedule: str(get(r, 'ScheduleExpression')),
    deleteAfterDays: num(get(r, 'Lifecycle.DeleteAfterDays')),
    copyActions: list(get(r, 'CopyActions')).map((a) => ({
      destinationVaultArn: str(get(a, 'DestinationBackupVaultArn')),
      deleteAfterDays: num(get(a, 'Lifecycle.DeleteAfterDays')),
    })),
  }));
}

function selectionProps(v: ItemView): Obj {
  const sel = c(v, 'BackupSelection') ?? v.conf;
  const conds = get(sel, 'Conditions');
  const pairs = (k: string) => list(get(conds, k)).map((x) => ({ key: str(get(x, 'ConditionKey')), value: str(get(x, 'ConditionValue')) }));
  return {
    planId: c(v, 'BackupPlanId'),
    name: str(get(sel, 'SelectionName')),
    resources: list(get(sel, 'Resources')),
    notResources: list(get(sel, 'NotResources')),
    selectionTags: list(get(sel, 'ListOfTags')).map((t) => ({ type: str(get(t, 'ConditionType')), key: str(get(t, 'ConditionKey')), value: str(get(t, 'ConditionValue')) })),
    conditions: conds ? { stringEquals: pairs('StringEquals'), stringLike: pairs('StringLike'), stringNotEquals: pairs('StringNotEquals'), stringNotLike: pairs('StringNotLike') } : undefined,
  };
}

/** Config resource type -> normalized kind and properties. */
export const CONFIG_MAPPINGS: Record<string, Mapping> = {
  'AWS::S3::Bucket': { kind: KINDS.S3Bucket, name: (v) => v.item.resourceName ?? c(v, 'name'), props: s3Props },
  'AWS::RDS::DBInstance': {
    kind: KINDS.RdsInstance,
    name: (v) => c(v, 'dBInstanceIdentifier') ?? v.item.resourceName,
    props: (v) => ({
      engine: str(c(v, 'engine')), storageEncrypted: bool(c(v, 'storageEncrypted')), kmsKeyId: str(c(v, 'kmsKeyId')),
      backupRetentionPeriod: num(c(v, 'backupRetentionPeriod')), copyTagsToSnapshot: bool(c(v, 'copyTagsToSnapshot')),
      multiAz: bool(c(v, 'multiAZ')), publiclyAccessible: bool(c(v, 'publiclyAccessible')),
      replicateSourceDb: str(c(v, 'readReplicaSourceDBInstanceIdentifier')), dbClusterIdentifier: str(c(v, 'dBClusterIdentifier')),
      arn: str(c(v, 'dBInstanceArn')) ?? arnOf(v.item), identifier: str(c(v, 'dBInstanceIdentifier')) ?? v.item.resourceName,
    }),
  },
  'AWS::RDS::DBCluster': {
    kind: KINDS.RdsCluster,
    name: (v) => c(v, 'dBClusterIdentifier') ?? v.item.resourceName,
    props: (v) => ({
      engine: str(c(v, 'engine')), storageEncrypted: bool(c(v, 'storageEncrypted')), kmsKeyId: str(c(v, 'kmsKeyId')),
      backupRetentionPeriod: num(c(v, 'backupRetentionPeriod')), copyTagsToSnapshot: bool(c(v, 'copyTagsToSnapshot')),
      availabilityZones: list(c(v, 'availabilityZones')).map((z) => str(typeof z === 'object' ? get(z, 'value') : z)).filter(Boolean),
      replicationSourceIdentifier: str(c(v, 'replicationSourceIdentifier')),
      arn: str(c(v, 'dBClusterArn')) ?? arnOf(v.item), clusterIdentifier: str(c(v, 'dBClusterIdentifier')) ?? v.item.resourceName,
    }),
  },
  'AWS::DynamoDB::Table': { kind: KINDS.DynamoTable, name: (v) => c(v, 'tableName') ?? v.item.resourceName, props: dynamoProps },
  'AWS::EFS::FileSystem': {
    kind: KINDS.EfsFileSystem,
    name: (v) => c(v, 'Name') ?? v.item.resourceName,
    props: (v) => {
      const bp = c(v, 'BackupPolicy');
      return { encrypted: bool(c(v, 'Encrypted')), kmsKeyId: str(c(v, 'KmsKeyId')), backupPolicy: bp ? { status: str(get(bp, 'Status')) } : undefined, arn: str(c(v, 'Arn', 'FileSystemArn')) ?? arnOf(v.item) };
    },
  },
  'AWS::EC2::Volume': {
    kind: KINDS.EbsVolume,
    props: (v) => ({ encrypted: bool(c(v, 'encrypted')), kmsKeyId: str(c(v, 'kmsKeyId')), availabilityZone: str(c(v, 'availabilityZone')), arn: arnOf(v.item) }),
  },
  'AWS::ElastiCache::ReplicationGroup': {
    kind: KINDS.CacheReplicationGroup,
    name: (v) => c(v, 'replicationGroupId') ?? v.item.resourceName,
    props: (v) => ({
      atRestEncryptionEnabled: bool(c(v, 'atRestEncryptionEnabled')), transitEncryptionEnabled: bool(c(v, 'transitEncryptionEnabled')),
      kmsKeyId: str(c(v, 'kmsKeyId')), snapshotRetentionLimit: num(c(v, 'snapshotRetentionLimit')),
      multiAzEnabled: bool(c(v, 'multiAZ')), automaticFailoverEnabled: bool(c(v, 'automaticFailover')), arn: str(c(v, 'aRN', 'arn')) ?? arnOf(v.item),
    }),
  },
  'AWS::ElastiCache::CacheCluster': {
    kind: KINDS.CacheCluster,
    name: (v) => c(v, 'cacheClusterId') ?? v.item.resourceName,
    props: (v) => ({ engine: str(c(v, 'engine')), snapshotRetentionLimit: num(c(v, 'snapshotRetentionLimit')), replicationGroupId: str(c(v, 'replicationGroupId')), arn: str(c(v, 'aRN', 'arn')) ?? arnOf(v.item) }),
  },
  'AWS::SQS::Queue': {
    kind: KINDS.SqsQueue,
    name: (v) => c(v, 'QueueName') ?? v.item.resourceName,
    props: (v) => ({
      kmsMasterKeyId: str(c(v, 'KmsMasterKeyId')), sqsManagedSseEnabled: bool(c(v, 'SqsManagedSseEnabled')),
      arn: str(c(v, 'QueueArn')) ?? arnOf(v.item), name: str(c(v, 'QueueName')) ?? v.item.resourceName,
    }),
  },
  'AWS::SNS::Topic': {
    kind: KINDS.SnsTopic,
    name: (v) => v.item.resourceName ?? lastSegment(str(c(v, 'TopicArn'))),
    props: (v) => ({ kmsMasterKeyId: str(c(v, 'KmsMasterKeyId')), arn: str(c(v, 'TopicArn')) ?? arnOf(v.item), name: v.item.resourceName ?? lastSegment(str(c(v, 'TopicArn'))) }),
  },
  'AWS::KMS::Key': {
    kind: KINDS.KmsKey,
    props: (v) => {
      const rotation = s(v, 'KeyRotationStatus') ?? c(v, 'KeyRotationEnabled');
      return {
        enableKeyRotation: rotation === undefined ? NOT_RECORDED('the key rotation status') : bool(rotation),
        keySpec: str(c(v, 'keySpec', 'customerMasterKeySpec')) ?? 'SYMMETRIC_DEFAULT',
        keyUsage: str(c(v, 'keyUsage')) ?? 'ENCRYPT_DECRYPT', keyManager: str(c(v, 'keyManager')), keyState: str(c(v, 'keyState')),
        arn: str(c(v, 'arn')) ?? arnOf(v.item),
      };
    },
  },
  'AWS::ElasticLoadBalancingV2::Listener': {
    kind: KINDS.LbListener,
    props: (v) => ({
      protocol: str(c(v, 'Protocol')), port: num(c(v, 'Port')), sslPolicy: str(c(v, 'SslPolicy')),
      defaultActions: list(c(v, 'DefaultActions')).map((a) => ({ type: str(get(a, 'Type')), redirectProtocol: str(get(a, 'RedirectConfig.Protocol')) })),
      arn: str(c(v, 'ListenerArn')) ?? arnOf(v.item),
    }),
  },
  'AWS::Backup::BackupPlan': {
    kind: KINDS.BackupPlan,
    name: (v) => c(v, 'BackupPlan.BackupPlanName', 'BackupPlanName') ?? v.item.resourceName,
    props: (v) => ({ name: str(c(v, 'BackupPlan.BackupPlanName', 'BackupPlanName')) ?? v.item.resourceName, arn: str(c(v, 'BackupPlanArn')) ?? arnOf(v.item), id: str(c(v, 'BackupPlanId')), rules: backupRules(v) }),
  },
  'AWS::Backup::BackupSelection': { kind: KINDS.BackupSelection, name: (v) => c(v, 'BackupSelection.SelectionName') ?? v.item.resourceName, props: selectionProps },
  'AWS::Backup::BackupVault': {
    kind: KINDS.BackupVault,
    name: (v) => c(v, 'BackupVaultName') ?? v.item.resourceName,
    props: (v) => ({ kmsKeyArn: str(c(v, 'EncryptionKeyArn')), arn: str(c(v, 'BackupVaultArn')) ?? arnOf(v.item), name: str(c(v, 'BackupVaultName')) ?? v.item.resourceName }),
  },
  'AWS::CloudTrail::Trail': {
    kind: KINDS.Trail,
    name: (v) => c(v, 'name') ?? v.item.resourceName,
    props: (v) => ({
      isMultiRegionTrail: bool(c(v, 'isMultiRegionTrail')), enableLogFileValidation: bool(c(v, 'logFileValidationEnabled')),
      kmsKeyId: str(c(v, 'kmsKeyId')), isOrganizationTrail: bool(c(v, 'isOrganizationTrail')), homeRegion: str(c(v, 'homeRegion')),
      arn: str(c(v, 'trailARN')) ?? arnOf(v.item), name: str(c(v, 'name')) ?? v.item.resourceName,
    }),
  },
  'AWS::EC2::VPC': { kind: KINDS.Vpc, props: (v) => ({ cidrBlock: str(c(v, 'cidrBlock')), id: str(c(v, 'vpcId')) ?? v.item.resourceId, arn: arnOf(v.item) }) },
  'AWS::EC2::Subnet': { kind: KINDS.Subnet, props: (v) => ({ vpcId: str(c(v, 'vpcId')), mapPublicIpOnLaunch: bool(c(v, 'mapPublicIpOnLaunch')), id: v.item.resourceId }) },
  'AWS::EC2::InternetGateway': { kind: KINDS.InternetGateway, props: (v) => ({ vpcId: str(get(list(c(v, 'attachments'))[0], 'vpcId')), id: v.item.resourceId }) },
  'AWS::EC2::EgressOnlyInternetGateway': { kind: KINDS.EgressOnlyInternetGateway, props: (v) => ({ vpcId: str(get(list(c(v, 'attachments'))[0], 'vpcId')), id: v.item.resourceId }) },
  'AWS::EC2::NatGateway': { kind: KINDS.NatGateway, props: (v) => ({ subnetId: str(c(v, 'subnetId')), connectivityType: str(c(v, 'connectivityType')) ?? 'public', id: v.item.resourceId }) },
  'AWS::EC2::Instance': {
    kind: KINDS.Instance,
    props: (v) => ({ subnetId: str(c(v, 'subnetId')), associatePublicIpAddress: !!str(c(v, 'publicIpAddress')), id: v.item.resourceId }),
  },
  'AWS::EC2::SecurityGroup': {
    kind: KINDS.SecurityGroup,
    name: (v) => c(v, 'groupName') ?? v.item.resourceName,
    props: (v) => ({ vpcId: str(c(v, 'vpcId')), ingress: ingressOf(c(v, 'ipPermissions')), id: str(c(v, 'groupId')) ?? v.item.resourceId }),
  },
  'AWS::Cognito::UserPool': {
    kind: KINDS.UserPool,
    name: (v) => c(v, 'Name', 'UserPoolName') ?? v.item.resourceName,
    props: (v) => ({ mfaConfiguration: str(c(v, 'MfaConfiguration')), arn: str(c(v, 'Arn')) ?? arnOf(v.item), name: str(c(v, 'Name', 'UserPoolName')) ?? v.item.resourceName }),
  },
  'AWS::Logs::LogGroup': {
    kind: KINDS.LogGroup,
    name: (v) => c(v, 'logGroupName', 'LogGroupName') ?? v.item.resourceName,
    props: (v) => ({
      retentionInDays: num(c(v, 'retentionInDays', 'RetentionInDays')), kmsKeyId: str(c(v, 'kmsKeyId', 'KmsKeyId')),
      logGroupClass: str(c(v, 'logGroupClass', 'LogGroupClass')), arn: arnOf(v.item), name: str(c(v, 'logGroupName', 'LogGroupName')) ?? v.item.resourceName,
    }),
  },
  'AWS::IAM::Role': {
    kind: KINDS.IamRole, global: true,
    name: (v) => c(v, 'roleName') ?? v.item.resourceName,
    props: (v) => ({
      name: str(c(v, 'roleName')) ?? v.item.resourceName, arn: str(c(v, 'arn')) ?? arnOf(v.item),
      assumeRolePolicy: decodePolicyDocument(c(v, 'assumeRolePolicyDocument')),
      managedPolicyArns: attachedArns(c(v, 'attachedManagedPolicies')), inlinePolicies: policyList(c(v, 'rolePolicyList')),
    }),
  },
  'AWS::IAM::User': {
    kind: KINDS.IamUser, global: true,
    name: (v) => c(v, 'userName') ?? v.item.resourceName,
    props: (v) => ({
      name: str(c(v, 'userName')) ?? v.item.resourceName, arn: str(c(v, 'arn')) ?? arnOf(v.item),
      managedPolicyArns: attachedArns(c(v, 'attachedManagedPolicies')), inlinePolicies: policyList(c(v, 'userPolicyList')),
      groups: list(c(v, 'groupList')).map((g) => str(g)).filter(Boolean),
      // the console password and the credential report's facts are not in Config: the scan folds them on (credential-report.ts)
    }),
  },
  'AWS::IAM::Group': {
    kind: KINDS.IamGroup, global: true,
    name: (v) => c(v, 'groupName') ?? v.item.resourceName,
    props: (v) => ({ name: str(c(v, 'groupName')) ?? v.item.resourceName, arn: str(c(v, 'arn')) ?? arnOf(v.item), managedPolicyArns: attachedArns(c(v, 'attachedManagedPolicies')), inlinePolicies: policyList(c(v, 'groupPolicyList')) }),
  },
  'AWS::IAM::Policy': {
    kind: KINDS.IamManagedPolicy, global: true,
    name: (v) => c(v, 'policyName') ?? v.item.resourceName,
    props: (v) => {
      const versions = list(c(v, 'policyVersionList'));
      const def = versions.find((x) => bool(get(x, 'isDefaultVersion')) === true) ?? versions[0];
      return { name: str(c(v, 'policyName')) ?? v.item.resourceName, arn: str(c(v, 'arn')) ?? arnOf(v.item), policyDocument: decodePolicyDocument(get(def, 'document')) };
    },
  },
};

/** Config resource types muniguard reads, by normalized kind (the inverse of CONFIG_MAPPINGS). */
export const CONFIG_TYPE_OF_KIND: Record<string, string> = Object.fromEntries(Object.entries(CONFIG_MAPPINGS).map(([type, m]) => [m.kind, type]));

function lastSegment(arn: string | undefined): string | undefined {
  return arn?.split(':').pop();
}

function arnOf(item: ConfigurationItemLike): string | undefined {
  const a = item.arn ?? item.ARN;
  return typeof a === 'string' && a ? a : undefined;
}

/** The address of a live resource: its ARN, or `<type>:<account>:<region>:<id>` for the few items without one. */
export function itemAddress(item: ConfigurationItemLike): string {
  return arnOf(item) ?? `${item.resourceType}:${item.accountId ?? ''}:${item.awsRegion ?? ''}:${item.resourceId ?? ''}`;
}

/** Parse a SelectResourceConfig / SelectAggregateResourceConfig result row (JSON text) into an item. */
export function itemFromSelectRow(row: string | ConfigurationItemLike): ConfigurationItemLike {
  const parsed = typeof row === 'string' ? (decodeJson(row) as ConfigurationItemLike) : row;
  if (!parsed || typeof parsed !== 'object') throw new Error('a SelectResourceConfig row is not a JSON object');
  return parsed;
}

/**
 * Normalize one configuration item into a muniguard Resource, or `undefined` when the item
 * describes a deleted / not-recorded resource or a type muniguard has no mapping for.
 */
export function resourceFromConfigurationItem(item: ConfigurationItemLike): Resource | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const type = item.resourceType;
  if (!type) return undefined;
  const status = item.configurationItemStatus;
  if (typeof status === 'string' && GONE.has(status)) return undefined;
  const mapping = CONFIG_MAPPINGS[type];
  if (!mapping) return undefined;
  const conf = decodeJson(item.configuration);
  const suppRaw = decodeJson(item.supplementaryConfiguration);
  const supp: Obj = {};
  if (suppRaw && typeof suppRaw === 'object') for (const [k, v] of Object.entries(suppRaw as Obj)) supp[k] = decodeJson(v);
  const region = typeof item.awsRegion === 'string' && item.awsRegion !== 'global' ? item.awsRegion : undefined;
  const view: ItemView = { item, type, conf, supp, region, accountId: item.accountId };
  const props = mapping.props(view);
  for (const k of Object.keys(props)) if (props[k] === undefined) delete props[k];
  const name = mapping.name?.(view);
  const address = itemAddress(item);
  return {
    kind: mapping.kind,
    id: address,
    name: typeof name === 'string' ? name : undefined,
    region: mapping.global ? undefined : region,
    tags: tagsOf(item.tags, item.Tags, get(conf, 'tags'), get(conf, 'tagList'), get(conf, 'tagSet')),
    props,
    source: { adapter: 'aws-config', address },
  };
}

/** Normalize many configuration items (skipping deleted ones and unmapped types). Linear. */
export function resourcesFromConfigurationItems(items: Iterable<ConfigurationItemLike>): Resource[] {
  const out: Resource[] = [];
  for (const item of items) {
    const r = resourceFromConfigurationItem(item);
    if (r) out.push(r);
  }
  return out;
}


/** Identity properties that stay readable when nothing else of a resource could be read. */
const IDENTITY = new Set(['arn', 'name', 'bucket', 'id', 'identifier', 'clusterIdentifier']);

/**
 * A resource whose configuration could not be read (a BatchGet key that stayed unprocessed):
 * its kind, address, name, region and tags as listed, every other property Unknown.
 */
export function unreadableResource(item: ConfigurationItemLike, reason: string): Resource | undefined {
  const mapping = CONFIG_MAPPINGS[item.resourceType ?? ''];
  if (!mapping) return undefined;
  const bare = resourceFromConfigurationItem({ ...item, configuration: {}, supplementaryConfiguration: {} });
  if (!bare) return undefined;
  const keys = Object.keys(mapping.props({ item, type: item.resourceType!, conf: {}, supp: {}, region: bare.region as string | undefined }));
  const unknown = new Unknown(reason);
  for (const k of new Set([...keys, ...Object.keys(bare.props)])) if (!IDENTITY.has(k)) bare.props[k] = unknown;
  return bare;
}
