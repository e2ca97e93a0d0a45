/**
 * @pulumi/aws-native resources are CloudFormation resources (through Cloud Control): their
 * properties are the CloudFormation properties in camelCase, a different shape from the
 * Terraform attributes, so they map straight to the normalized properties through this table.
 */
import { GLOBAL_KINDS, isRef, isUnknown, KINDS, Ref, Unknown, UNKNOWN, type Resource, type Tags } from '@muniguard/core';
import { block, blocks } from '@muniguard/terraform';
import { convertValue, type ConvertOptions, type PulumiResource } from './model';
import type { ProviderInfo } from './adapter';

export const NATIVE_PREFIX = 'aws-native:';

type Attrs = Record<string, unknown>;

const CONVERT: ConvertOptions = {
  key: (k) => k,
  opaque: new Set(['tags', 'fileSystemTags', 'policyDocument', 'assumeRolePolicyDocument']),
  noRef: new Set(['tags', 'fileSystemTags']),
};

/** Read a key of a value that may be Unknown (stays Unknown), a Ref (not readable yet) or absent. */
function at(value: unknown, key: string): unknown {
  if (isUnknown(value)) return value;
  if (isRef(value)) return UNKNOWN;
  if (value && typeof value === 'object' && !Array.isArray(value)) return (value as Attrs)[key];
  return undefined;
}
function path(value: unknown, dotted: string): unknown {
  return dotted.split('.').reduce((v, k) => at(v, k), value);
}
/** Map the objects of a list; an Unknown list stays Unknown. */
function each<T>(value: unknown, fn: (item: Attrs) => T): T[] | Unknown {
  const list = blocks(value);
  return isUnknown(list) ? list : list.map(fn);
}
/** An optional nested object mapped by fn: absent stays absent, Unknown stays Unknown. */
function opt(value: unknown, fn: (item: Attrs) => unknown): unknown {
  const b = block(value);
  if (b === undefined || isUnknown(b)) return b;
  return fn(b);
}

interface NativeMapping {
  kind: string;
  /** the property that holds the resource's AWS name */
  name?: string;
  /** the property that holds tags (CloudFormation names it per resource) */
  tags?: string;
  props(p: Attrs): Attrs;
}

const keyProps = (p: Attrs) => ({ kmsKeyId: p.kmsKeyId });

/** aws-native type token -> normalized kind and properties (every kind in core's KINDS). */
export const NATIVE_TYPES: Readonly<Record<string, NativeMapping>> = {
  'aws-native:s3:Bucket': {
    kind: KINDS.S3Bucket,
    name: 'bucketName',
    props: (p) => ({
      bucket: p.bucketName,
      arn: p.arn,
      acl: p.accessControl,
      encryption: opt(p.bucketEncryption, (e) => {
        const rule = block(e.serverSideEncryptionConfiguration);
        if (rule === undefined || isUnknown(rule)) return rule;
        const d = block(rule.serverSideEncryptionByDefault);
        if (d === undefined || isUnknown(d)) return d;
        return { algorithm: d.sseAlgorithm, kmsKeyId: d.kmsMasterKeyId, bucketKeyEnabled: rule.bucketKeyEnabled };
      }),
      versioning: opt(p.versioningConfiguration, (v) => ({ status: v.status })),
      logging: opt(p.loggingConfiguration, (l) => ({ targetBucket: l.destinationBucketName, targetPrefix: l.logFilePrefix })),
      publicAccessBlock: opt(p.publicAccessBlockConfiguration, (b) => ({
        blockPublicAcls: b.blockPublicAcls ?? false, blockPublicPolicy: b.blockPublicPolicy ?? false,
        ignorePublicAcls: b.ignorePublicAcls ?? false, restrictPublicBuckets: b.restrictPublicBuckets ?? false,
      })),
      replication: opt(p.replicationConfiguration, (r) => ({
        rules: each(r.rules, (x) => ({
          id: x.id, status: x.status, destinationBucket: path(x, 'destination.bucket'), destinationRegion: undefined,
          kmsKeyId: path(x, 'destination.encryptionConfiguration.replicaKmsKeyId'),
        })),
      })),
    }),
  },
  'aws-native:rds:DbInstance': {
    kind: KINDS.RdsInstance,
    name: 'dbInstanceIdentifier',
    props: (p) => ({
      engine: p.engine, storageEncrypted: p.storageEncrypted, kmsKeyId: p.kmsKeyId, backupRetentionPeriod: p.backupRetentionPeriod,
      copyTagsToSnapshot: p.copyTagsToSnapshot, multiAz: p.multiAz, publiclyAccessible: p.publiclyAccessible,
      replicateSourceDb: p.sourceDbInstanceIdentifier, dbClusterIdentifier: p.dbClusterIdentifier, arn: p.dbInstanceArn,
      identifier: p.dbInstanceIdentifier,
    }),
  },
  'aws-native:rds:DbCluster': {
    kind: KINDS.RdsCluster,
    name: 'dbClusterIdentifier',
    props: (p) => ({
      engine: p.engine, storageEncrypted: p.storageEncrypted, kmsKeyId: p.kmsKeyId, backupRetentionPeriod: p.backupRetentionPeriod,
      copyTagsToSnapshot: p.copyTagsToSnapshot, availabilityZones: p.availabilityZones, replicationSourceIdentifier: p.replicationSourceIdentifier,
      arn: p.dbClusterArn, clusterIdentifier: p.dbClusterIdentifier,
    }),
  },
  'aws-native:dynamodb:Table': {
    kind: KINDS.DynamoTable,
    name: 'tableName',
    props: (p) => ({
      name: p.tableName, arn: p.arn,
      sse: opt(p.sseSpecification, (s) => ({ enabled: s.sseEnabled, kmsKeyArn: s.kmsMasterKeyId })),
      pointInTimeRecovery: p.pointInTimeRecoverySpecification === undefined ? undefined : at(p.pointInTimeRecoverySpecification, 'pointInTimeRecoveryEnabled'),
      replicas: [],
    }),
  },
  'aws-native:efs:FileSystem': {
    kind: KINDS.EfsFileSystem,
    tags: 'fileSystemTags',
    props: (p) => ({ encrypted: p.encrypted, kmsKeyId: p.kmsKeyId, arn: p.arn, backupPolicy: opt(p.backupPolicy, (b) => ({ status: b.status })) }),
  },
  'aws-native:ec2:Volume': { kind: KINDS.EbsVolume, props: (p) => ({ encrypted: p.encrypted, ...keyProps(p), availabilityZone: p.availabilityZone }) },
  'aws-native:elasticache:ReplicationGroup': {
    kind: KINDS.CacheReplicationGroup,
    name: 'replicationGroupId',
    props: (p) => ({
      atRestEncryptionEnabled: p.atRestEncryptionEnabled, transitEncryptionEnabled: p.transitEncryptionEnabled, kmsKeyId: p.kmsKeyId,
      snapshotRetentionLimit: p.snapshotRetentionLimit, multiAzEnabled: p.multiAzEnabled, automaticFailoverEnabled: p.automaticFailoverEnabled,
    }),
  },
  'aws-native:elasticache:CacheCluster': {
    kind: KINDS.CacheCluster,
    name: 'clusterName',
    props: (p) => ({ engine: p.engine, snapshotRetentionLimit: p.snapshotRetentionLimit }),
  },
  'aws-native:sqs:Queue': {
    kind: KINDS.SqsQueue,
    name: 'queueName',
    props: (p) => ({ kmsMasterKeyId: p.kmsMasterKeyId, sqsManagedSseEnabled: p.sqsManagedSseEnabled, arn: p.arn, name: p.queueName }),
  },
  'aws-native:sns:Topic': { kind: KINDS.SnsTopic, name: 'topicName', props: (p) => ({ kmsMasterKeyId: p.kmsMasterKeyId, arn: p.topicArn, name: p.topicName }) },
  'aws-native:kms:Key': {
    kind: KINDS.KmsKey,
    props: (p) => ({ enableKeyRotation: p.enableKeyRotation, keySpec: p.keySpec ?? 'SYMMETRIC_DEFAULT', keyUsage: p.keyUsage ?? 'ENCRYPT_DECRYPT', keyManager: 'CUSTOMER', arn: p.arn }),
  },
  'aws-native:elasticloadbalancingv2:Listener': {
    kind: KINDS.LbListener,
    props: (p) => ({
      protocol: p.protocol, port: p.port, sslPolicy: p.sslPolicy,
      defaultActions: each(p.defaultActions, (d) => ({ type: d.type, redirectProtocol: path(d, 'redirectConfig.protocol') })),
    }),
  },
  'aws-native:backup:BackupPlan': {
    kind: KINDS.BackupPlan,
    name: 'backupPlan.backupPlanName',
    props: (p) => ({
      name: path(p, 'backupPlan.backupPlanName'), arn: p.backupPlanArn,
      rules: each(at(p.backupPlan, 'backupPlanRule'), (r) => ({
        name: r.ruleName,
        schedule: r.scheduleExpression,
        deleteAfterDays: path(r, 'lifecycle.deleteAfterDays'),
        copyActions: each(r.copyActions, (c) => ({ destinationVaultArn: c.destinationBackupVaultArn, deleteAfterDays: path(c, 'lifecycle.deleteAfterDays') })),
      })),
    }),
  },
  'aws-native:backup:BackupSelection': {
    kind: KINDS.BackupSelection,
    name: 'backupSelection.selectionName',
    props: (p) => {
      const s = p.backupSelection;
      const pairs = (v: unknown) => each(v, (x) => ({ key: x.conditionKey, value: x.conditionValue }));
      return {
        planId: p.backupPlanId,
        resources: at(s, 'resources') ?? [],
        notResources: at(s, 'notResources') ?? [],
        selectionTags: each(at(s, 'listOfTags'), (t) => ({ type: t.conditionType, key: t.conditionKey, value: t.conditionValue })),
        conditions: opt(at(s, 'conditions'), (c) => ({
          stringEquals: pairs(c.stringEquals), stringLike: pairs(c.stringLike), stringNotEquals: pairs(c.stringNotEquals), stringNotLike: pairs(c.stringNotLike),
        })),
      };
    },
  },
  'aws-native:backup:BackupVault': {
    kind: KINDS.BackupVault,
    name: 'backupVaultName',
    tags: 'backupVaultTags',
    props: (p) => ({ kmsKeyArn: p.encryptionKeyArn, arn: p.backupVaultArn, name: p.backupVaultName }),
  },
  'aws-native:logs:LogGroup': {
    kind: KINDS.LogGroup,
    name: 'logGroupName',
    props: (p) => ({ retentionInDays: p.retentionInDays, kmsKeyId: p.kmsKeyId, arn: p.arn, name: p.logGroupName }),
  },
  'aws-native:cloudtrail:Trail': {
    kind: KINDS.Trail,
    name: 'trailName',
    props: (p) => ({
      isMultiRegionTrail: p.isMultiRegionTrail, enableLogFileValidation: p.enableLogFileValidation, kmsKeyId: p.kmsKeyId,
      isOrganizationTrail: p.isOrganizationTrail, arn: p.arn, name: p.trailName,
    }),
  },
  'aws-native:ec2:Vpc': { kind: KINDS.Vpc, props: (p) => ({ cidrBlock: p.cidrBlock, flowLogs: [], id: p.vpcId }) },
  'aws-native:ec2:Subnet': { kind: KINDS.Subnet, props: (p) => ({ vpcId: p.vpcId, mapPublicIpOnLaunch: p.mapPublicIpOnLaunch }) },
  'aws-native:ec2:InternetGateway': { kind: KINDS.InternetGateway, props: () => ({}) },
  'aws-native:ec2:EgressOnlyInternetGateway': { kind: KINDS.EgressOnlyInternetGateway, props: (p) => ({ vpcId: p.vpcId }) },
  'aws-native:ec2:NatGateway': { kind: KINDS.NatGateway, props: (p) => ({ subnetId: p.subnetId, connectivityType: p.connectivityType ?? 'public' }) },
  'aws-native:ec2:Instance': {
    kind: KINDS.Instance,
    props: (p) => ({ subnetId: p.subnetId, associatePublicIpAddress: at(block(p.networkInterfaces), 'associatePublicIpAddress') }),
  },
  'aws-native:ec2:SecurityGroup': {
    kind: KINDS.SecurityGroup,
    name: 'groupName',
    props: (p) => ({ vpcId: p.vpcId, ingress: each(p.securityGroupIngress ?? [], ingressRule) }),
  },
  'aws-native:cognito:UserPool': {
    kind: KINDS.UserPool,
    name: 'userPoolName',
    tags: 'userPoolTags',
    props: (p) => ({ mfaConfiguration: p.mfaConfiguration, arn: p.arn, name: p.userPoolName }),
  },
  'aws-native:iam:Role': {
    kind: KINDS.IamRole,
    name: 'roleName',
    props: (p) => ({
      name: p.roleName, arn: p.arn, assumeRolePolicy: p.assumeRolePolicyDocument,
      managedPolicyArns: p.managedPolicyArns ?? [], inlinePolicies: each(p.policies ?? [], (x) => x.policyDocument),
    }),
  },
  'aws-native:iam:User': {
    kind: KINDS.IamUser,
    name: 'userName',
    props: (p) => ({
      name: p.userName, arn: p.arn, loginProfile: p.loginProfile === undefined ? undefined : isUnknown(p.loginProfile) ? p.loginProfile : true,
      managedPolicyArns: p.managedPolicyArns ?? [], inlinePolicies: each(p.policies ?? [], (x) => x.policyDocument), groups: p.groups ?? [],
    }),
  },
  'aws-native:iam:Group': {
    kind: KINDS.IamGroup,
    name: 'groupName',
    props: (p) => ({ name: p.groupName, arn: p.arn, managedPolicyArns: p.managedPolicyArns ?? [], inlinePolicies: each(p.policies ?? [], (x) => x.policyDocument) }),
  },
  'aws-native:iam:ManagedPolicy': {
    kind: KINDS.IamManagedPolicy,
    name: 'managedPolicyName',
    props: (p) => ({ name: p.managedPolicyName, arn: p.policyArn, policyDocument: p.policyDocument }),
  },
};

function ingressRule(r: Attrs) {
  return {
    protocol: r.ipProtocol, fromPort: r.fromPort, toPort: r.toPort,
    cidrIpv4: r.cidrIp === undefined ? [] : [r.cidrIp], cidrIpv6: r.cidrIpv6 === undefined ? [] : [r.cidrIpv6],
  };
}

function setProp(parent: Resource, key: string, value: unknown, from: string) {
  parent.props[key] = value;
  (parent.source.origins ??= {})[key] = from;
}
function pushProp(parent: Resource, key: string, value: unknown, from: string) {
  const cur = parent.props[key];
  if (isUnknown(cur)) return;
  parent.props[key] = [...(Array.isArray(cur) ? cur : []), value];
  (parent.source.origins ??= {})[key] = from;
}

interface NativeFold {
  parents: readonly string[];
  /** the property that names the parent */
  link: string;
  /** properties of the parent a literal link value may equal (besides its id) */
  parentNames: readonly string[];
  apply(parent: Resource, p: Attrs, urn: string): void;
}

/** Separate aws-native resources that land on a parent, like the Terraform folds. */
export const NATIVE_FOLDS: Readonly<Record<string, NativeFold>> = {
  'aws-native:s3:BucketPolicy': {
    parents: ['aws-native:s3:Bucket'], link: 'bucket', parentNames: ['bucketName'],
    apply: (b, p, urn) => setProp(b, 'policy', p.policyDocument, urn),
  },
  'aws-native:ec2:FlowLog': {
    parents: ['aws-native:ec2:Vpc'], link: 'resourceId', parentNames: ['vpcId'],
    apply: (vpc, p, urn) => pushProp(vpc, 'flowLogs', { address: urn, trafficType: p.trafficType }, urn),
  },
  'aws-native:ec2:VpcGatewayAttachment': {
    parents: ['aws-native:ec2:InternetGateway'], link: 'internetGatewayId', parentNames: ['internetGatewayId'],
    apply: (igw, p, urn) => setProp(igw, 'vpcId', p.vpcId, urn),
  },
  'aws-native:ec2:SecurityGroupIngress': {
    parents: ['aws-native:ec2:SecurityGroup'], link: 'groupId', parentNames: ['groupId'],
    apply: (sg, p, urn) => pushProp(sg, 'ingress', ingressRule(p), urn),
  },
};

const NATIVE_FOLD_NAMES = [...new Set(Object.values(NATIVE_FOLDS).flatMap((f) => f.parentNames))];
const NO_REGION = new Unknown('the provider sets no region (taken from the environment at apply time)');

function tagsOf(value: unknown): Tags | Unknown {
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) {
    const out: Tags = {};
    for (const t of value) {
      if (isUnknown(t)) return t;
      if (t && typeof t === 'object' && typeof (t as Attrs).key === 'string') out[(t as Attrs).key as string] = (t as Attrs).value as string;
    }
    return out;
  }
  if (value && typeof value === 'object' && !isRef(value)) return value as Tags;
  return {};
}

/** Normalize the aws-native resources of one stack (folds included). */
export function normalizeNative(resources: readonly PulumiResource[], providerOf: (r: PulumiResource) => ProviderInfo, file: string): Resource[] {
  const out: Resource[] = [];
  const byUrn = new Map<string, { r: PulumiResource; res: Resource; attrs: Attrs }>();
  const byLiteral = new Map<string, Resource[]>();
  const converted = new Map<PulumiResource, Attrs>();
  const convert = (r: PulumiResource): Attrs => {
    let attrs = converted.get(r);
    if (!attrs) {
      attrs = {};
      const deps = r.propertyDependencies ?? {};
      for (const [k, v] of Object.entries(r.properties ?? {})) {
        if (k.startsWith('__')) continue;
        const c = convertValue(v, deps[k] ?? [], CONVERT, CONVERT.opaque.has(k), !CONVERT.noRef.has(k));
        if (c !== undefined) attrs[k] = c;
      }
      converted.set(r, attrs);
    }
    return attrs;
  };

  for (const r of resources) {
    const mapping = NATIVE_TYPES[r.type];
    if (!mapping) {
      if (NATIVE_FOLDS[r.type]) continue;
      // a type no control reads: kept for the region check
      const provider = providerOf(r);
      out.push({
        kind: `Pulumi::${r.type}`, id: r.urn, region: provider.region ?? NO_REGION, tags: tagsOf(convert(r).tags), props: {},
        source: { adapter: 'pulumi', address: r.urn, ...(file ? { file } : {}) },
      });
      continue;
    }
    const attrs = convert(r);
    const props = mapping.props(attrs);
    for (const k of Object.keys(props)) if (props[k] === undefined) delete props[k];
    const name = mapping.name ? path(attrs, mapping.name) : undefined;
    const provider = providerOf(r);
    const global = GLOBAL_KINDS.includes(mapping.kind);
    const ownTags = tagsOf(attrs[mapping.tags ?? 'tags']);
    const defaults = provider.defaultTags;
    const tags = isUnknown(ownTags) ? ownTags : isUnknown(defaults) ? defaults : { ...(defaults ?? {}), ...ownTags } as Tags;
    const res: Resource = {
      kind: mapping.kind,
      id: r.urn,
      name: typeof name === 'string' || isUnknown(name) ? name : undefined,
      region: global ? undefined : provider.region ?? NO_REGION,
      tags,
      props,
      source: { adapter: 'pulumi', address: r.urn, ...(file ? { file } : {}) },
    };
    out.push(res);
    byUrn.set(r.urn, { r, res, attrs });
    for (const v of [r.id, attrs.id, attrs.arn, ...(NATIVE_FOLD_NAMES.map((n) => attrs[n]))]) {
      if (typeof v === 'string') byLiteral.set(`${r.type}\u0000${v}`, [...(byLiteral.get(`${r.type}\u0000${v}`) ?? []), res]);
    }
  }

  for (const r of resources) {
    const fold = NATIVE_FOLDS[r.type];
    if (!fold) continue;
    const attrs = convert(r);
    const link = attrs[fold.link];
    let parent: Resource | undefined;
    const fromDeps = (r.propertyDependencies?.[fold.link] ?? []).map((u) => byUrn.get(u)).filter((x) => x && fold.parents.includes(x.r.type));
    if (fromDeps.length === 1) parent = fromDeps[0]!.res;
    else if (link instanceof Ref) {
      const hit = byUrn.get(link.address);
      if (hit && fold.parents.includes(hit.r.type)) parent = hit.res;
    } else if (typeof link === 'string') {
      const hits = fold.parents.flatMap((t) => byLiteral.get(`${t}\u0000${link}`) ?? []);
      if (hits.length === 1) parent = hits[0];
    }
    if (parent) fold.apply(parent, attrs, r.urn);
  }
  return out;
}
