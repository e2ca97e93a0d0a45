import { BackupSelections, nativeBackup, rdsBackupOwner, rdsRetentionDays, retentionDays, storeArn } from './backup';
import { ResourceIndex } from './context';
import { KINDS } from './kinds';
import { makeResource } from './testing';
import { Ref, UNKNOWN } from './unknown';

describe('retentionDays', () => {
  it('reads numbers and numeric strings; a Ref or junk is Unknown; absent is undefined', () => {
    expect(retentionDays(7)).toBe(7);
    expect(retentionDays('35')).toBe(35);
    expect(retentionDays(undefined)).toBeUndefined();
    expect(retentionDays(UNKNOWN)).toBe(UNKNOWN);
    expect(retentionDays(new Ref('terraform_data.x', 'output'))).toBe(UNKNOWN);
    expect(retentionDays('seven')).toBe(UNKNOWN);
  });
});

describe('RDS', () => {
  it('omitted retention is the AWS default of one day', () => {
    expect(rdsRetentionDays(makeResource(KINDS.RdsInstance, {}))).toEqual({ days: 1, omitted: true });
    expect(rdsRetentionDays(makeResource(KINDS.RdsInstance, { backupRetentionPeriod: 0 }))).toEqual({ days: 0, omitted: false });
  });

  it('tells cluster members and read replicas from instances with their own backups', () => {
    expect(rdsBackupOwner(makeResource(KINDS.RdsInstance, { engine: 'postgres' })).owner).toBe('own');
    expect(rdsBackupOwner(makeResource(KINDS.RdsInstance, { engine: 'aurora-mysql' })).owner).toBe('cluster-member');
    expect(rdsBackupOwner(makeResource(KINDS.RdsInstance, { dbClusterIdentifier: new Ref('aws_rds_cluster.c', 'id') })).owner).toBe('cluster-member');
    expect(rdsBackupOwner(makeResource(KINDS.RdsInstance, { replicateSourceDb: 'primary' })).owner).toBe('read-replica');
    expect(rdsBackupOwner(makeResource(KINDS.RdsInstance, { replicateSourceDb: UNKNOWN }))).toEqual({ owner: 'unknown', path: 'replicateSourceDb' });
    expect(rdsBackupOwner(makeResource(KINDS.RdsCluster, { engine: 'aurora-mysql' })).owner).toBe('own');
  });
});

describe('nativeBackup', () => {
  it.each([
    ['RDS retention omitted (AWS default 1)', KINDS.RdsInstance, {}, 'on'],
    ['RDS retention 0', KINDS.RdsInstance, { backupRetentionPeriod: 0 }, 'off'],
    ['RDS retention unknown', KINDS.RdsInstance, { backupRetentionPeriod: UNKNOWN }, 'unknown'],
    ['RDS read replica', KINDS.RdsInstance, { backupRetentionPeriod: 0, replicateSourceDb: 'primary' }, 'not-applicable'],
    ['Aurora cluster default', KINDS.RdsCluster, {}, 'on'],
    ['DynamoDB PITR on', KINDS.DynamoTable, { pointInTimeRecovery: true }, 'on'],
    ['DynamoDB PITR omitted', KINDS.DynamoTable, {}, 'off'],
    ['EFS backup policy ENABLED', KINDS.EfsFileSystem, { backupPolicy: { status: 'ENABLED' } }, 'on'],
    ['EFS backup policy omitted', KINDS.EfsFileSystem, {}, 'off'],
    ['ElastiCache snapshots kept 5 days', KINDS.CacheReplicationGroup, { snapshotRetentionLimit: 5 }, 'on'],
    ['ElastiCache snapshots omitted (0)', KINDS.CacheReplicationGroup, {}, 'off'],
    ['ElastiCache node of a replication group', KINDS.CacheCluster, { replicationGroupId: 'rg' }, 'not-applicable'],
    ['Memcached cluster', KINDS.CacheCluster, { engine: 'memcached' }, 'not-applicable'],
    ['S3 replication enabled', KINDS.S3Bucket, { replication: { rules: [{ status: 'Enabled' }] } }, 'on'],
    ['S3 replication disabled', KINDS.S3Bucket, { replication: { rules: [{ status: 'Disabled' }] } }, 'off'],
    ['S3 without replication', KINDS.S3Bucket, {}, 'off'],
    ['S3 replication known after apply', KINDS.S3Bucket, { replication: UNKNOWN }, 'unknown'],
    ['EBS has no native backup', KINDS.EbsVolume, { encrypted: true }, 'off'],
  ])('%s', (_name, kind, props, state) => {
    expect(nativeBackup(makeResource(kind, props)).state).toBe(state);
  });
});

describe('BackupSelections', () => {
  const table = () => makeResource(KINDS.DynamoTable, { name: 'orders' }, { id: 'aws_dynamodb_table.orders', tags: { DataClassification: 'Ⅱ', backup: 'daily' } });
  const volume = () => makeResource(KINDS.EbsVolume, {}, { id: 'aws_ebs_volume.data', tags: { backup: 'daily' } });
  const selection = (props: Record<string, unknown>, region = 'ap-northeast-1') =>
    makeResource(KINDS.BackupSelection, { resources: [], notResources: [], selectionTags: [], ...props }, { id: 'aws_backup_selection.s', region, tags: {} });
  const covers = (store: ReturnType<typeof table>, ...sels: ReturnType<typeof selection>[]) => new BackupSelections(new ResourceIndex([store, ...sels])).covers(store).state;

  it('builds ARNs from names, hiding what is known only after apply', () => {
    expect(storeArn(table())).toBe('arn:aws:dynamodb:ap-northeast-1:\u0001:table/orders');
    expect(storeArn(makeResource(KINDS.S3Bucket, { bucket: 'logs' }))).toBe('arn:aws:s3:::logs');
    expect(storeArn(makeResource(KINDS.S3Bucket, { arn: 'arn:aws:s3:::real' }))).toBe('arn:aws:s3:::real');
  });

  it.each([
    ['a Ref to the store', { resources: [new Ref('aws_dynamodb_table.orders', 'arn')] }, true],
    ['a Ref to another store', { resources: [new Ref('aws_dynamodb_table.other', 'arn')] }, false],
    ['the literal ARN (any account)', { resources: ['arn:aws:dynamodb:ap-northeast-1:111122223333:table/orders'] }, true],
    ['an ARN wildcard of the type', { resources: ['arn:aws:dynamodb:*:*:table/*'] }, true],
    ['an ARN wildcard of another type', { resources: ['arn:aws:rds:*:*:db:*'] }, false],
    ['everything', { resources: ['*'] }, true],
    ['everything but tables', { resources: ['*'], notResources: ['arn:aws:dynamodb:*:*:table/*'] }, false],
    ['a selection tag (OR with resources)', { resources: ['arn:aws:rds:*:*:db:*'], selectionTags: [{ type: 'STRINGEQUALS', key: 'backup', value: 'daily' }] }, true],
    ['a selection tag that does not match', { selectionTags: [{ type: 'STRINGEQUALS', key: 'backup', value: 'weekly' }] }, false],
    ['resources AND conditions (matching)', { resources: ['*'], conditions: { stringEquals: [{ key: 'aws:ResourceTag/backup', value: 'daily' }] } }, true],
    ['resources AND conditions (not matching)', { resources: ['*'], conditions: { stringEquals: [{ key: 'aws:ResourceTag/backup', value: 'never' }] } }, false],
    ['StringLike condition', { resources: ['*'], conditions: { stringLike: [{ key: 'aws:ResourceTag/backup', value: 'dai*' }] } }, true],
    ['StringNotEquals on a missing tag', { resources: ['*'], conditions: { stringNotEquals: [{ key: 'aws:ResourceTag/skip', value: 'true' }] } }, true],
    ['conditions only (AWS requires resources or tags)', { conditions: { stringEquals: [{ key: 'aws:ResourceTag/backup', value: 'daily' }] } }, false],
    ['resources known after apply', { resources: UNKNOWN }, 'unknown'],
    ['one resource known after apply', { resources: [UNKNOWN] }, 'unknown'],
    ['covered but notResources known after apply', { resources: ['*'], notResources: [UNKNOWN] }, 'unknown'],
  ])('%s', (_name, props, expected) => {
    expect(covers(table(), selection(props))).toBe(expected);
  });

  it('a selection covers stores of its own region only', () => {
    expect(covers(table(), selection({ resources: ['*'] }, 'ap-northeast-3'))).toBe(false);
  });

  it('an EBS volume created in the plan is matched by a type wildcard, not by a volume id', () => {
    expect(covers(volume(), selection({ resources: ['arn:aws:ec2:*:*:volume/*'] }))).toBe(true);
    expect(covers(volume(), selection({ resources: ['arn:aws:ec2:ap-northeast-1:111122223333:volume/vol-0abc'] }))).toBe(false);
  });

  it('tags known after apply make a tag-based selection unknown', () => {
    const store = makeResource(KINDS.DynamoTable, { name: 'orders' }, { tags: UNKNOWN });
    expect(covers(store, selection({ selectionTags: [{ type: 'STRINGEQUALS', key: 'backup', value: 'daily' }] }))).toBe('unknown');
  });

  it('ElastiCache cannot be protected by AWS Backup', () => {
    const cache = makeResource(KINDS.CacheReplicationGroup, {});
    expect(covers(cache as ReturnType<typeof table>, selection({ resources: ['*'] }))).toBe(false);
  });
});
