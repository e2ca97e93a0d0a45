/**
 * Service-API readers: where AWS Config does not record a type (or records it without an
 * attribute), read it from the service's own Describe/Get/List calls. Each reader builds
 * configuration items in the SDK's response shapes, and the one normalizer (config-items.ts)
 * turns them into resources, so a bucket read from S3 and a bucket read from Config are the
 * same resource. A refused or failed call becomes a ReadError (api.ts); a failed attribute read
 * leaves that property Unknown on that resource.
 */
import { ListBackupPlansCommand, GetBackupPlanCommand, ListBackupSelectionsCommand, GetBackupSelectionCommand, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import type { ListBackupPlansOutput, GetBackupPlanOutput, ListBackupSelectionsOutput, GetBackupSelectionOutput, ListBackupVaultsOutput } from '@aws-sdk/client-backup';
import { DescribeTrailsCommand, type DescribeTrailsCommandOutput } from '@aws-sdk/client-cloudtrail';
import { DescribeLogGroupsCommand, type DescribeLogGroupsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { ListUserPoolsCommand, DescribeUserPoolCommand, type ListUserPoolsCommandOutput, type DescribeUserPoolCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { ListTablesCommand, DescribeTableCommand, DescribeContinuousBackupsCommand, ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import type { ListTablesCommandOutput, DescribeTableCommandOutput, DescribeContinuousBackupsCommandOutput, ListTagsOfResourceCommandOutput } from '@aws-sdk/client-dynamodb';
import {
  DescribeVolumesCommand, DescribeVpcsCommand, DescribeSubnetsCommand, DescribeSecurityGroupsCommand, DescribeInternetGatewaysCommand,
  DescribeEgressOnlyInternetGatewaysCommand, DescribeNatGatewaysCommand, DescribeInstancesCommand, DescribeFlowLogsCommand,
} from '@aws-sdk/client-ec2';
import type { DescribeFlowLogsCommandOutput } from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand, DescribeBackupPolicyCommand, type DescribeFileSystemsCommandOutput, type DescribeBackupPolicyCommandOutput } from '@aws-sdk/client-efs';
import { DescribeLoadBalancersCommand, DescribeListenersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { DescribeLoadBalancersCommandOutput, DescribeListenersCommandOutput } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeReplicationGroupsCommand, DescribeCacheClustersCommand, ListTagsForResourceCommand as ListCacheTagsCommand } from '@aws-sdk/client-elasticache';
import type { DescribeReplicationGroupsCommandOutput, DescribeCacheClustersCommandOutput, ListTagsForResourceCommandOutput as CacheTagsOutput } from '@aws-sdk/client-elasticache';
import { GetAccountAuthorizationDetailsCommand, type GetAccountAuthorizationDetailsCommandOutput } from '@aws-sdk/client-iam';
import { ListKeysCommand, DescribeKeyCommand, GetKeyRotationStatusCommand, ListResourceTagsCommand } from '@aws-sdk/client-kms';
import type { ListKeysCommandOutput, DescribeKeyCommandOutput, GetKeyRotationStatusCommandOutput, ListResourceTagsCommandOutput } from '@aws-sdk/client-kms';
import { DescribeDBInstancesCommand, DescribeDBClustersCommand, type DescribeDBInstancesCommandOutput, type DescribeDBClustersCommandOutput } from '@aws-sdk/client-rds';
import {
  ListBucketsCommand, GetBucketLocationCommand, GetBucketEncryptionCommand, GetBucketVersioningCommand, GetBucketLoggingCommand,
  GetPublicAccessBlockCommand, GetBucketPolicyCommand, GetBucketReplicationCommand, GetBucketTaggingCommand,
} from '@aws-sdk/client-s3';
import type {
  ListBucketsCommandOutput, GetBucketLocationCommandOutput, GetBucketEncryptionCommandOutput, GetBucketVersioningCommandOutput,
  GetBucketLoggingCommandOutput, GetPublicAccessBlockCommandOutput, GetBucketPolicyCommandOutput, GetBucketReplicationCommandOutput,
  GetBucketTaggingCommandOutput,
} from '@aws-sdk/client-s3';
import { ListTopicsCommand, GetTopicAttributesCommand, ListTagsForResourceCommand as ListTopicTagsCommand } from '@aws-sdk/client-sns';
import type { ListTopicsCommandOutput, GetTopicAttributesCommandOutput, ListTagsForResourceCommandOutput as TopicTagsOutput } from '@aws-sdk/client-sns';
import { ListQueuesCommand, GetQueueAttributesCommand, ListQueueTagsCommand } from '@aws-sdk/client-sqs';
import type { ListQueuesCommandOutput, GetQueueAttributesCommandOutput, ListQueueTagsCommandOutput } from '@aws-sdk/client-sqs';
import { KINDS, Unknown, type Resource } from '@muniguard/core';
import type { AwsApi, CallMeta } from './api';
import { resourceFromConfigurationItem, type ConfigurationItemLike } from './config-items';

/** What the readers need to know about the account. */
export interface AccountContext {
  api: AwsApi;
  accountId: string;
  partition: string;
  /** The region global calls go to (IAM, S3 ListBuckets). */
  homeRegion: string;
}

/** A configuration item built from service responses, with the properties a failed call left Unknown. */
export interface ReadItem {
  item: ConfigurationItemLike;
  unknown?: Record<string, string>;
}

/** Normalize read items and apply their Unknown properties. */
export function resourcesFromReadItems(items: readonly ReadItem[]): Resource[] {
  const out: Resource[] = [];
  for (const { item, unknown } of items) {
    const r = resourceFromConfigurationItem(item);
    if (!r) continue;
    for (const [prop, reason] of Object.entries(unknown ?? {})) {
      if (prop === 'tags') r.tags = new Unknown(reason);
      else r.props[prop] = new Unknown(reason);
    }
    out.push(r);
  }
  return out;
}

type Reader = (ctx: AccountContext, region: string) => Promise<ReadItem[]>;

const meta = (kind: string, extra: Partial<CallMeta> = {}): CallMeta => ({ kinds: [kind], ...extra });
const about = (kind: string, address: string, properties: string[], extra: Partial<CallMeta> = {}): CallMeta => ({
  kinds: [kind], resources: [{ address, kind }], properties, ...extra,
});
const denied = (what: string) => `${what} could not be read (see the read errors)`;

/** Run `fn` over items with the api's per-service bound (the api limits in-flight calls itself). */
async function each<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map(fn));
}

// ---------------------------------------------------------------------------------------- S3

/** The region of a bucket from ListBuckets' BucketRegion or GetBucketLocation. */
function locationRegion(constraint: string | undefined | null): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

export interface BucketRef {
  name: string;
  region: string;
  arn: string;
}

/** Every bucket of the account with its region (global list). undefined when the list failed. */
export async function listBuckets(ctx: AccountContext): Promise<BucketRef[] | undefined> {
  const { pages, failed } = await ctx.api.paginate<ListBucketsCommandOutput>(
    's3', ctx.homeRegion, (t) => new ListBucketsCommand({ ...(t ? { ContinuationToken: t } : {}) }), (p) => p.ContinuationToken,
    meta(KINDS.S3Bucket),
  );
  if (failed) return undefined;
  const buckets = pages.flatMap((p) => p.Buckets ?? []);
  return each(buckets, async (b) => {
    const name = b.Name ?? '';
    const arn = `arn:${ctx.partition}:s3:::${name}`;
    let region = b.BucketRegion;
    if (!region) {
      // without its region nothing else of the bucket can be read: every unknown of it is this error's
      const loc = await ctx.api.call<GetBucketLocationCommandOutput>('s3', ctx.homeRegion, new GetBucketLocationCommand({ Bucket: name }), { kinds: [KINDS.S3Bucket], resources: [{ address: arn, kind: KINDS.S3Bucket }] });
      region = loc.ok ? locationRegion(loc.value.LocationConstraint) : undefined;
    }
    return { name, region: region ?? '', arn };
  });
}

/** The bucket attributes S3 returns one call each; `only` limits them (to complete a Config item). */
export type BucketPart = 'encryption' | 'versioning' | 'logging' | 'publicAccessBlock' | 'policy' | 'replication' | 'tags';
export const BUCKET_PARTS: readonly BucketPart[] = ['encryption', 'versioning', 'logging', 'publicAccessBlock', 'policy', 'replication', 'tags'];

/** Read a bucket's attributes into supplementaryConfiguration entries (Config's names) and tags. */
export async function readBucketParts(
  ctx: AccountContext,
  bucket: BucketRef,
  only: readonly BucketPart[] = BUCKET_PARTS,
): Promise<{ supplementary: Record<string, unknown>; tags?: Record<string, string>; unknown: Record<string, string> }> {
  const supplementary: Record<string, unknown> = {};
  const unknown: Record<string, string> = {};
  let tags: Record<string, string> | undefined;
  const r = bucket.region;
  const B = { Bucket: bucket.name };
  const m = (prop: string, absentOn: string[] = []) => about(KINDS.S3Bucket, bucket.arn, [prop], { absentOn });
  await Promise.all(only.map(async (part) => {
    switch (part) {
      case 'encryption': {
        const o = await ctx.api.call<GetBucketEncryptionCommandOutput>('s3', r, new GetBucketEncryptionCommand(B), m('encryption', ['ServerSideEncryptionConfigurationNotFoundError']));
        if (o.ok) supplementary.ServerSideEncryptionConfiguration = o.value.ServerSideEncryptionConfiguration ?? null;
        else if (o.absent) supplementary.ServerSideEncryptionConfiguration = null;
        else unknown.encryption = denied('the bucket encryption');
        break;
      }
      case 'versioning': {
        const o = await ctx.api.call<GetBucketVersioningCommandOutput>('s3', r, new GetBucketVersioningCommand(B), m('versioning'));
        if (o.ok) supplementary.BucketVersioningConfiguration = { status: o.value.Status ?? 'Off' };
        else unknown.versioning = denied('the bucket versioning');
        break;
      }
      case 'logging': {
        const o = await ctx.api.call<GetBucketLoggingCommandOutput>('s3', r, new GetBucketLoggingCommand(B), m('logging'));
        if (o.ok) supplementary.BucketLoggingConfiguration = { destinationBucketName: o.value.LoggingEnabled?.TargetBucket ?? null, logFilePrefix: o.value.LoggingEnabled?.TargetPrefix ?? null };
        else unknown.logging = denied('the bucket logging');
        break;
      }
      case 'publicAccessBlock': {
        const o = await ctx.api.call<GetPublicAccessBlockCommandOutput>('s3', r, new GetPublicAccessBlockCommand(B), m('publicAccessBlock', ['NoSuchPublicAccessBlockConfiguration']));
        if (o.ok) supplementary.PublicAccessBlockConfiguration = o.value.PublicAccessBlockConfiguration ?? null;
        else if (!o.absent) unknown.publicAccessBlock = denied('the bucket public access block');
        break;
      }
      case 'policy': {
        const o = await ctx.api.call<GetBucketPolicyCommandOutput>('s3', r, new GetBucketPolicyCommand(B), m('policy', ['NoSuchBucketPolicy']));
        if (o.ok) supplementary.BucketPolicy = { policyText: o.value.Policy ?? null };
        else if (!o.absent) unknown.policy = denied('the bucket policy');
        break;
      }
      case 'replication': {
        const o = await ctx.api.call<GetBucketReplicationCommandOutput>('s3', r, new GetBucketReplicationCommand(B), m('replication', ['ReplicationConfigurationNotFoundError']));
        if (o.ok) supplementary.BucketReplicationConfiguration = o.value.ReplicationConfiguration ?? null;
        else if (!o.absent) unknown.replication = denied('the bucket replication');
        break;
      }
      case 'tags': {
        const o = await ctx.api.call<GetBucketTaggingCommandOutput>('s3', r, new GetBucketTaggingCommand(B), m('tags', ['NoSuchTagSet']));
        if (o.ok) tags = Object.fromEntries((o.value.TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
        else if (o.absent) tags = {};
        else unknown.tags = denied('the bucket tags');
        break;
      }
    }
  }));
  return { supplementary, tags, unknown };
}

export async function readBucket(ctx: AccountContext, bucket: BucketRef): Promise<ReadItem> {
  const { supplementary, tags, unknown } = await readBucketParts(ctx, bucket);
  return {
    item: { resourceType: 'AWS::S3::Bucket', resourceId: bucket.name, resourceName: bucket.name, arn: bucket.arn, awsRegion: bucket.region, accountId: ctx.accountId, configuration: { name: bucket.name }, supplementaryConfiguration: supplementary, tags },
    unknown,
  };
}

// ---------------------------------------------------------------------------------------- IAM (global)

/** Users, roles, groups and customer-managed policies in one paginated call. */
export async function readIam(ctx: AccountContext): Promise<ReadItem[] | undefined> {
  const kinds = [KINDS.IamUser, KINDS.IamRole, KINDS.IamGroup, KINDS.IamManagedPolicy];
  const { pages, failed } = await ctx.api.paginate<GetAccountAuthorizationDetailsCommandOutput>(
    'iam', ctx.homeRegion,
    (t) => new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy'], ...(t ? { Marker: t } : {}) }),
    (p) => (p.IsTruncated ? p.Marker : undefined), { kinds },
  );
  if (failed) return undefined;
  const out: ReadItem[] = [];
  const base = { accountId: ctx.accountId, awsRegion: 'global' };
  for (const p of pages) {
    for (const u of p.UserDetailList ?? []) out.push({ item: { ...base, resourceType: 'AWS::IAM::User', resourceId: u.UserId, resourceName: u.UserName, arn: u.Arn, configuration: u, Tags: u.Tags } });
    for (const r of p.RoleDetailList ?? []) out.push({ item: { ...base, resourceType: 'AWS::IAM::Role', resourceId: r.RoleId, resourceName: r.RoleName, arn: r.Arn, configuration: r, Tags: r.Tags } });
    for (const g of p.GroupDetailList ?? []) out.push({ item: { ...base, resourceType: 'AWS::IAM::Group', resourceId: g.GroupId, resourceName: g.GroupName, arn: g.Arn, configuration: g } });
    for (const pol of p.Policies ?? []) out.push({ item: { ...base, resourceType: 'AWS::IAM::Policy', resourceId: pol.PolicyId, resourceName: pol.PolicyName, arn: pol.Arn, configuration: pol } });
  }
  return out;
}

// ---------------------------------------------------------------------------------------- regional readers

const item = (ctx: AccountContext, region: string, type: string, id: string | undefined, name: string | undefined, arn: string | undefined, configuration: unknown, extra: Partial<ConfigurationItemLike> = {}): ConfigurationItemLike => ({
  resourceType: type, resourceId: id, resourceName: name, arn, awsRegion: region, accountId: ctx.accountId, configuration, ...extra,
});

const ec2Arn = (ctx: AccountContext, region: string, what: string, id: string | undefined) => `arn:${ctx.partition}:ec2:${region}:${ctx.accountId}:${what}/${id}`;

const rdsInstances: Reader = async (ctx, region) => {
  const { pages } = await ctx.api.paginate<DescribeDBInstancesCommandOutput>('rds', region, (t) => new DescribeDBInstancesCommand({ ...(t ? { Marker: t } : {}) }), (p) => p.Marker, meta(KINDS.RdsInstance));
  return pages.flatMap((p) => p.DBInstances ?? []).map((db) => ({ item: item(ctx, region, 'AWS::RDS::DBInstance', db.DbiResourceId, db.DBInstanceIdentifier, db.DBInstanceArn, db, { Tags: db.TagList }) }));
};

const rdsClusters: Reader = async (ctx, region) => {
  const { pages } = await ctx.api.paginate<DescribeDBClustersCommandOutput>('rds', region, (t) => new DescribeDBClustersCommand({ ...(t ? { Marker: t } : {}) }), (p) => p.Marker, meta(KINDS.RdsCluster));
  return pages.flatMap((p) => p.DBClusters ?? []).map((c) => ({ item: item(ctx, region, 'AWS::RDS::DBCluster', c.DbClusterResourceId, c.DBClusterIdentifier, c.DBClusterArn, c, { Tags: c.TagList }) }));
};

const dynamoTables: Reader = async (ctx, region) => {
  const { pages } = await ctx.api.paginate<ListTablesCommandOutput>('dynamodb', region, (t) => new ListTablesCommand({ ...(t ? { ExclusiveStartTableName: t } : {}) }), (p) => p.LastEvaluatedTableName, meta(KINDS.DynamoTable));
  const names = pages.flatMap((p) => p.TableNames ?? []);
  const out = await each(names, async (name): Promise<ReadItem | undefined> => {
    const d = await ctx.api.call<DescribeTableCommandOutput>('dynamodb', region, new DescribeTableCommand({ TableName: name }), meta(KINDS.DynamoTable));
    if (!d.ok || !d.value.Table) return undefined;
    const table = d.value.Table;
    const arn = table.TableArn ?? `arn:${ctx.partition}:dynamodb:${region}:${ctx.accountId}:table/${name}`;
    const unknown: Record<string, string> = {};
    const supplementaryConfiguration: Record<string, unknown> = {};
    const [pitr, tags] = await Promise.all([
      ctx.api.call<DescribeContinuousBackupsCommandOutput>('dynamodb', region, new DescribeContinuousBackupsCommand({ TableName: name }), about(KINDS.DynamoTable, arn, ['pointInTimeRecovery'])),
      ctx.api.call<ListTagsOfResourceCommandOutput>('dynamodb', region, new ListTagsOfResourceCommand({ ResourceArn: arn }), about(KINDS.DynamoTable, arn, ['tags'])),
    ]);
    if (pitr.ok) supplementaryConfiguration.ContinuousBackupsDescription = pitr.value.ContinuousBackupsDescription ?? null;
    else unknown.pointInTimeRecovery = denied('point-in-time recovery');
    if (!tags.ok) unknown.tags = denied('the table tags');
    return { item: item(ctx, region, 'AWS::DynamoDB::Table', table.TableId, name, arn, table, { supplementaryConfiguration, Tags: tags.ok ? tags.value.Tags : undefined }), unknown };
  });
  return out.filter((x): x is ReadItem => !!x);
};

const kmsKeys: Reader = async (ctx, region) => {
  const { pages } = await ctx.api.paginate<ListKeysCommandOutput>('kms', region, (t) => new ListKeysCommand({ ...(t ? { Marker: t } : {}) }), (p) => (p.Truncated ? p.NextMarker : undefined), meta(KINDS.KmsKey));
  const keys = pages.flatMap((p) => p.Keys ?? []);
  const out = await each(keys, async (k): Promise<ReadItem | undefined> => {
    const arn = k.KeyArn ?? `arn:${ctx.partition}:kms:${region}:${ctx.accountId}:key/${k.KeyId}`;
    const d = await ctx.api.call<DescribeKeyCommandOutput>('kms', region, new DescribeKeyCommand({ KeyId: k.KeyId }), about(KINDS.KmsKey, arn, []));
    if (!d.ok || !d.value.KeyMetadata) return undefined;
    const md = d.value.KeyMetadata;
    if (md.KeyState === 'PendingDeletion' || md.KeyState === 'PendingReplicaDeletion') return undefined;
    const unknown: Record<string, string> = {};
    const supplementaryConfiguration: Record<string, unknown> = {};
    let tags: Record<string, string> | undefined;
    if (md.KeyManager === 'CUSTOMER') {
      const symmetric = (md.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT' && md.Origin !== 'EXTERNAL';
      const [rot, t] = await Promise.all([
        symmetric
          ? ctx.api.call<GetKeyRotationStatusCommandOutput>('kms', region, new GetKeyRotationStatusCommand({ KeyId: k.KeyId }), about(KINDS.KmsKey, arn, ['enableKeyRotation']))
          : Promise.resolve(undefined),
        ctx.api.call<ListResourceTagsCommandOutput>('kms', region, new ListResourceTagsCommand({ KeyId: k.KeyId }), about(KINDS.KmsKey, arn, ['tags'])),
      ]);
      if (rot === undefined) supplementaryConfiguration.KeyRotationStatus = false; // automatic rotation exists for symmetric AWS KMS key material only
      else if (rot.ok) supplementaryConfiguration.KeyRotationStatus = rot.value.KeyRotationEnabled ?? false;
      else unknown.enableKeyRotation = denied('the key rotation status');
      if (t.ok) tags = Object.fromEntries((t.value.Tags ?? []).map((x) => [x.TagKey ?? '', x.TagValue ?? '']));
      else unknown.tags = denied('the key tags');
    } else {
      supplementaryConfiguration.KeyRotationStatus = true; // AWS managed keys rotate every year
    }
    return { item: item(ctx, region, 'AWS::KMS::Key', md.KeyId, md.KeyId, md.Arn ?? arn, md, { supplementaryConfiguration, tags }), unknown };
  });
  return out.filter((x): x is ReadItem => !!x);
};

/** Trails whose home is this region and that belong to the account (organization trails of the management account are not). */
const trails: Reader = async (ctx, region) => {
  const d = await ctx.api.call<DescribeTrailsCommandOutput>('cloudtrail', region, new DescribeTrailsCommand({ includeShadowTrails: false }), meta(KINDS.Trail));
  if (!d.ok) return [];
  return (d.value.trailList ?? [])
    .filter((t) => !t.HomeRegion || t.HomeRegion === region)
    .map((t) => ({ item: item(ctx, region, 'AWS::CloudTrail::Trail', t.Name, t.Name, t.TrailARN, t) }));
};

const logGroups: Reader = async (ctx, region) => {
  const { pages } = await ctx.api.paginate<DescribeLogGroupsCommandOutput>('logs', region, (t) => new DescribeLogGroupsCommand({ ...(t ? { nextToken: t } : {}) }), (p) => p.nextToken, meta(KINDS.LogGroup));
  return pages.flatMap((p) => p.logGroups ?? []).map((g) => {
    const arn = g.logGroupArn ?? g.arn?.replace(/:\*$/, '') ?? `arn:${ctx.partition}:logs:${region}:${ctx.accountId}:log-group:${g.logGroupName}`;
    // log groups are not data stores: their tags are not read (no control needs them)
    return { item: item(ctx, region, 'AWS::Logs::LogGroup', g.logGroupName, g.logGroupName, arn, g, { tags: {} }) };
  });
};

const backup: Reader = async (ctx, region) => {
  const out: ReadItem[] = [];
  const plans = await ctx.api.paginate<ListBackupPlansOutput>('backup', region, (t) => new ListBackupPlansCommand({ ...(t ? { NextToken: t } : {}) }), (p) => p.NextToken, { kinds: [KINDS.BackupPlan, KINDS.BackupSelection] });
  await each(plans.pages.flatMap((p) => p.BackupPlansList ?? []), async (p) => {
    const plan = await ctx.api.call<GetBackupPlanOutput>('backup', region, new GetBackupPlanCommand({ BackupPlanId: p.BackupPlanId }), meta(KINDS.BackupPlan));
    if (plan.ok) out.push({ item: item(ctx, region, 'AWS::Backup::BackupPlan', p.BackupPlanId, p.BackupPlanName, p.BackupPlanArn, { BackupPlan: { ...plan.value.BackupPlan, BackupPlanName: p.BackupPlanName }, BackupPlanId: p.BackupPlanId, BackupPlanArn: p.BackupPlanArn }) });
    const sels = await ctx.api.paginate<ListBackupSelectionsOutput>('backup', region, (t) => new ListBackupSelectionsCommand({ BackupPlanId: p.BackupPlanId, ...(t ? { NextToken: t } : {}) }), (x) => x.NextToken, meta(KINDS.BackupSelection));
    await each(sels.pages.flatMap((x) => x.BackupSelectionsList ?? []), async (s) => {
      const sel = await ctx.api.call<GetBackupSelectionOutput>('backup', region, new GetBackupSelectionCommand({ BackupPlanId: p.BackupPlanId, SelectionId: s.SelectionId }), meta(KINDS.BackupSelection));
      if (sel.ok) {
        const arn = `arn:${ctx.partition}:backup:${region}:${ctx.accountId}:backup-plan:${p.BackupPlanId}/selection/${s.SelectionId}`;
        out.push({ item: item(ctx, region, 'AWS::Backup::BackupSelection', s.SelectionId, s.SelectionName, arn, { BackupSelection: sel.value.BackupSelection, BackupPlanId: p.BackupPlanId, SelectionId: s.SelectionId }) });
      }
    });
  });
  const vaults = await ctx.api.paginate<ListBackupVaultsOutput>('backup', region, (t) => new ListBackupVaultsCommand({ ...(t ? { NextToken: t } : {}) }), (p) => p.NextToken, meta(KINDS.BackupVault));
  for (const v of vaults.pages.flatMap((p) => p.BackupVaultList ?? [])) out.push({ item: item(ctx, region, 'AWS::Backup::BackupVault', v.BackupVaultName, v.BackupVaultName, v.BackupVaultArn, v) });
  return out;
};

const userPools: Reader = async (ctx, region) => {
  const { pages } = await ctx.api.paginate<ListUserPoolsCommandOutput>('cognito-idp', region, (t) => new ListUserPoolsCommand({ MaxResults: 60, ...(t ? { NextToken: t } : {}) }), (p) => p.NextToken, meta(KINDS.UserPool));
  const out = await each(pages.flatMap((p) => p.UserPools ?? []), async (p): Promise<ReadItem | undefined> => {
    const d = await ctx.api.call<DescribeUserPoolCommandOutput>('cognito-idp', region, new DescribeUserPoolCommand({ UserPoolId: p.Id }), meta(KINDS.UserPool));
    if (!d.ok || !d.value.UserPool) return undefined;
    const u = d.value.UserPool;
    return { item: item(ctx, region, 'AWS::Cognito::UserPool', u.Id, u.Name, u.Arn, u, { tags: u.UserPoolTags ?? {} }) };
  });
  return out.filter((x): x is ReadItem => !!x);
};

const efs: Reader = async (ctx, region) => {
  const { pages } = await ctx.api.paginate<DescribeFileSystemsCommandOutput>('elasticfilesystem', region, (t) => new DescribeFileSystemsCommand({ ...(t ? { Marker: t } : {}) }), (p) => p.NextMarker, meta(KINDS.EfsFileSystem));
  return each(pages.flatMap((p) => p.FileSystems ?? []), async (fs) => {
    const arn = fs.FileSystemArn ?? `arn:${ctx.partition}:elasticfilesystem:${region}:${ctx.accountId}:file-system/${fs.FileSystemId}`;
    const bp = await ctx.api.call<DescribeBackupPolicyCommandOutput>('elasticfilesystem', region, new DescribeBackupPolicyCommand({ FileSystemId: fs.FileSystemId }), about(KINDS.EfsFileSystem, arn, ['backupPolicy'], { absentOn: ['PolicyNotFound'] }));
    const conf = { ...fs, BackupPolicy: bp.ok ? bp.value.BackupPolicy : undefined };
    return { item: item(ctx, region, 'AWS::EFS::FileSystem', fs.FileSystemId, fs.Name, arn, conf, { Tags: fs.Tags }), unknown: !bp.ok && !bp.absent ? { backupPolicy: denied('the backup policy') } : undefined };
  });
};

const elasticache: Reader = async (ctx, region) => {
  const tagsOf = async (arn: string | undefined, kind: string) => {
    if (!arn) return { tags: undefined, unknown: { tags: 'no ARN' } };
    const t = await ctx.api.call<CacheTagsOutput>('elasticache', region, new ListCacheTagsCommand({ ResourceName: arn }), about(kind, arn, ['tags']));
    return t.ok ? { Tags: t.value.TagList } : { unknown: { tags: denied('the tags') } };
  };
  const groups = await ctx.api.paginate<DescribeReplicationGroupsCommandOutput>('elasticache', region, (t) => new DescribeReplicationGroupsCommand({ ...(t ? { Marker: t } : {}) }), (p) => p.Marker, meta(KINDS.CacheReplicationGroup));
  const clusters = await ctx.api.paginate<DescribeCacheClustersCommandOutput>('elasticache', region, (t) => new DescribeCacheClustersCommand({ ...(t ? { Marker: t } : {}) }), (p) => p.Marker, meta(KINDS.CacheCluster));
  const a = await each(groups.pages.flatMap((p) => p.ReplicationGroups ?? []), async (g) => {
    const t = await tagsOf(g.ARN, KINDS.CacheReplicationGroup);
    return { item: item(ctx, region, 'AWS::ElastiCache::ReplicationGroup', g.ReplicationGroupId, g.ReplicationGroupId, g.ARN, g, { Tags: 'Tags' in t ? t.Tags : undefined }), unknown: 'unknown' in t ? t.unknown : undefined };
  });
  const b = await each(clusters.pages.flatMap((p) => p.CacheClusters ?? []), async (c) => {
    const t = await tagsOf(c.ARN, KINDS.CacheCluster);
    return { item: item(ctx, region, 'AWS::ElastiCache::CacheCluster', c.CacheClusterId, c.CacheClusterId, c.ARN, c, { Tags: 'Tags' in t ? t.Tags : undefined }), unknown: 'unknown' in t ? t.unknown : undefined };
  });
  return [...a, ...b] as ReadItem[];
};

const sqs: Reader = async (ctx, region) => {
  const { pages } = await ctx.api.paginate<ListQueuesCommandOutput>('sqs', region, (t) => new ListQueuesCommand({ MaxResults: 1000, ...(t ? { NextToken: t } : {}) }), (p) => p.NextToken, meta(KINDS.SqsQueue));
  const out = await each(pages.flatMap((p) => p.QueueUrls ?? []), async (url): Promise<ReadItem | undefined> => {
    const name = url.split('/').pop() ?? url;
    const arn = `arn:${ctx.partition}:sqs:${region}:${ctx.accountId}:${name}`;
    const [attrs, tags] = await Promise.all([
      ctx.api.call<GetQueueAttributesCommandOutput>('sqs', region, new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }), about(KINDS.SqsQueue, arn, ['kmsMasterKeyId', 'sqsManagedSseEnabled'])),
      ctx.api.call<ListQueueTagsCommandOutput>('sqs', region, new ListQueueTagsCommand({ QueueUrl: url }), about(KINDS.SqsQueue, arn, ['tags'])),
    ]);
    const unknown: Record<string, string> = {};
    if (!attrs.ok) Object.assign(unknown, { kmsMasterKeyId: denied('the queue attributes'), sqsManagedSseEnabled: denied('the queue attributes') });
    if (!tags.ok) unknown.tags = denied('the queue tags');
    const conf = { QueueName: name, QueueUrl: url, ...(attrs.ok ? attrs.value.Attributes : {}) };
    return { item: item(ctx, region, 'AWS::SQS::Queue', url, name, (attrs.ok && attrs.value.Attributes?.QueueArn) || arn, conf, { tags: tags.ok ? tags.value.Tags ?? {} : undefined }), unknown };
  });
  return out.filter((x): x is ReadItem => !!x);
};

const sns: Reader = async (ctx, region) => {
  const { pages } = await ctx.api.paginate<ListTopicsCommandOutput>('sns', region, (t) => new ListTopicsCommand({ ...(t ? { NextToken: t } : {}) }), (p) => p.NextToken, meta(KINDS.SnsTopic));
  return each(pages.flatMap((p) => p.Topics ?? []), async (t) => {
    const arn = t.TopicArn ?? '';
    const [attrs, tags] = await Promise.all([
      ctx.api.call<GetTopicAttributesCommandOutput>('sns', region, new GetTopicAttributesCommand({ TopicArn: arn }), about(KINDS.SnsTopic, arn, ['kmsMasterKeyId'])),
      ctx.api.call<TopicTagsOutput>('sns', region, new ListTopicTagsCommand({ ResourceArn: arn }), about(KINDS.SnsTopic, arn, ['tags'])),
    ]);
    const unknown: Record<string, string> = {};
    if (!attrs.ok) unknown.kmsMasterKeyId = denied('the topic attributes');
    if (!tags.ok) unknown.tags = denied('the topic tags');
    const name = arn.split(':').pop();
    return { item: item(ctx, region, 'AWS::SNS::Topic', arn, name, arn, { TopicArn: arn, ...(attrs.ok ? attrs.value.Attributes : {}) }, { Tags: tags.ok ? tags.value.Tags : undefined }), unknown };
  });
};

const listeners: Reader = async (ctx, region) => {
  const { pages } = await ctx.api.paginate<DescribeLoadBalancersCommandOutput>('elasticloadbalancing', region, (t) => new DescribeLoadBalancersCommand({ ...(t ? { Marker: t } : {}) }), (p) => p.NextMarker, meta(KINDS.LbListener));
  const lists = await each(pages.flatMap((p) => p.LoadBalancers ?? []), async (lb) => {
    const l = await ctx.api.paginate<DescribeListenersCommandOutput>('elasticloadbalancing', region, (t) => new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn, ...(t ? { Marker: t } : {}) }), (p) => p.NextMarker, meta(KINDS.LbListener));
    return l.pages.flatMap((p) => p.Listeners ?? []).map((x) => ({ item: item(ctx, region, 'AWS::ElasticLoadBalancingV2::Listener', x.ListenerArn, undefined, x.ListenerArn, x, { tags: {} }) }));
  });
  return lists.flat();
};

/** EC2 Describe* readers: one paginated call per type. */
function ec2Reader(type: string, kind: string, make: (t?: string) => object, listOf: (page: Record<string, unknown>) => Record<string, unknown>[], idKey: string, arnWhat: string): Reader {
  return async (ctx, region) => {
    const { pages } = await ctx.api.paginate<Record<string, unknown>>('ec2', region, make, (p) => p.NextToken as string | undefined, meta(kind));
    return pages.flatMap(listOf).map((x) => {
      const id = x[idKey] as string | undefined;
      const tags = (x.Tags as { Key?: string; Value?: string }[] | undefined) ?? [];
      const name = tags.find((t) => t.Key === 'Name')?.Value;
      return { item: item(ctx, region, type, id, name ?? id, ec2Arn(ctx, region, arnWhat, id), x, { Tags: tags }) };
    });
  };
}

const T = (t?: string) => (t ? { NextToken: t } : {});
const arr = (k: string) => (p: Record<string, unknown>) => (p[k] as Record<string, unknown>[]) ?? [];

/** Config resource type -> its service-API reader (per region). IAM and S3 are global and read separately. */
export const SERVICE_READERS: Record<string, Reader> = {
  'AWS::RDS::DBInstance': rdsInstances,
  'AWS::RDS::DBCluster': rdsClusters,
  'AWS::DynamoDB::Table': dynamoTables,
  'AWS::KMS::Key': kmsKeys,
  'AWS::CloudTrail::Trail': trails,
  'AWS::Logs::LogGroup': logGroups,
  'AWS::Backup::BackupPlan': backup,
  'AWS::Cognito::UserPool': userPools,
  'AWS::EFS::FileSystem': efs,
  'AWS::ElastiCache::ReplicationGroup': elasticache,
  'AWS::SQS::Queue': sqs,
  'AWS::SNS::Topic': sns,
  'AWS::ElasticLoadBalancingV2::Listener': listeners,
  'AWS::EC2::Volume': ec2Reader('AWS::EC2::Volume', KINDS.EbsVolume, (t) => new DescribeVolumesCommand(T(t)), arr('Volumes'), 'VolumeId', 'volume'),
  'AWS::EC2::VPC': ec2Reader('AWS::EC2::VPC', KINDS.Vpc, (t) => new DescribeVpcsCommand(T(t)), arr('Vpcs'), 'VpcId', 'vpc'),
  'AWS::EC2::Subnet': ec2Reader('AWS::EC2::Subnet', KINDS.Subnet, (t) => new DescribeSubnetsCommand(T(t)), arr('Subnets'), 'SubnetId', 'subnet'),
  'AWS::EC2::SecurityGroup': ec2Reader('AWS::EC2::SecurityGroup', KINDS.SecurityGroup, (t) => new DescribeSecurityGroupsCommand(T(t)), arr('SecurityGroups'), 'GroupId', 'security-group'),
  'AWS::EC2::InternetGateway': ec2Reader('AWS::EC2::InternetGateway', KINDS.InternetGateway, (t) => new DescribeInternetGatewaysCommand(T(t)), arr('InternetGateways'), 'InternetGatewayId', 'internet-gateway'),
  'AWS::EC2::EgressOnlyInternetGateway': ec2Reader('AWS::EC2::EgressOnlyInternetGateway', KINDS.EgressOnlyInternetGateway, (t) => new DescribeEgressOnlyInternetGatewaysCommand(T(t)), arr('EgressOnlyInternetGateways'), 'EgressOnlyInternetGatewayId', 'egress-only-internet-gateway'),
  'AWS::EC2::NatGateway': ec2Reader('AWS::EC2::NatGateway', KINDS.NatGateway, (t) => new DescribeNatGatewaysCommand(T(t)), arr('NatGateways'), 'NatGatewayId', 'natgateway'),
  'AWS::EC2::Instance': ec2Reader('AWS::EC2::Instance', KINDS.Instance, (t) => new DescribeInstancesCommand(T(t)), (p) => ((p.Reservations as { Instances?: Record<string, unknown>[] }[]) ?? []).flatMap((r) => r.Instances ?? []), 'InstanceId', 'instance'),
};

/** Types a reader above also yields (the Backup reader yields selections; ElastiCache both kinds). */
export const READER_ALSO_COVERS: Record<string, string> = {
  'AWS::Backup::BackupSelection': 'AWS::Backup::BackupPlan',
  'AWS::ElastiCache::CacheCluster': 'AWS::ElastiCache::ReplicationGroup',
};

/** Types never in AWS Config's inventory for muniguard: always read through the service API. */
export const API_ONLY_TYPES: readonly string[] = ['AWS::Logs::LogGroup', 'AWS::Cognito::UserPool'];

/** VPC flow logs (not part of a VPC's configuration item): fold them onto the region's VPCs. */
export async function foldFlowLogs(ctx: AccountContext, region: string, vpcs: Resource[]): Promise<void> {
  if (!vpcs.length) return;
  const { pages, failed } = await ctx.api.paginate<DescribeFlowLogsCommandOutput>(
    'ec2', region, (t) => new DescribeFlowLogsCommand(T(t)), (p) => p.NextToken,
    { kinds: [KINDS.Vpc], resources: vpcs.map((v) => ({ address: v.source.address, kind: KINDS.Vpc })), properties: ['flowLogs'] },
  );
  if (failed) {
    for (const v of vpcs) v.props.flowLogs = new Unknown(denied('the VPC flow logs'));
    return;
  }
  const byVpc = new Map<string, { address: string; trafficType: string | undefined }[]>();
  for (const fl of pages.flatMap((p) => p.FlowLogs ?? [])) {
    if (!fl.ResourceId) continue;
    const list = byVpc.get(fl.ResourceId) ?? [];
    list.push({ address: `arn:${ctx.partition}:ec2:${region}:${ctx.accountId}:vpc-flow-log/${fl.FlowLogId}`, trafficType: fl.TrafficType });
    byVpc.set(fl.ResourceId, list);
  }
  for (const v of vpcs) v.props.flowLogs = byVpc.get(String(v.props.id ?? '')) ?? [];
}

