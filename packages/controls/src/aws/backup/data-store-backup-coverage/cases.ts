import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const tags = (extra: Record<string, string> = {}) => ({ DataClassification: 'Ⅱ', ...extra });
const table = (props: Record<string, unknown> = {}, t: Record<string, string> = tags()) =>
  testing.makeResource(KINDS.DynamoTable, { name: 'orders', pointInTimeRecovery: false, ...props }, { id: 'aws_dynamodb_table.orders', tags: t });
const volume = () => testing.makeResource(KINDS.EbsVolume, { encrypted: true }, { id: 'aws_ebs_volume.data' });
const selection = (props: Record<string, unknown>, region = 'ap-northeast-1') =>
  testing.makeResource(
    KINDS.BackupSelection,
    { planId: new Ref('aws_backup_plan.main', 'id'), resources: [], notResources: [], selectionTags: [], ...props },
    { id: 'aws_backup_selection.main', region, tags: {} },
  );
const rds = (props: Record<string, unknown> = {}) => testing.makeResource(KINDS.RdsInstance, { engine: 'postgres', ...props });

export default testing.defineCases([
  { name: 'RDS with automated backups', kind: 'pass', subject: () => rds({ backupRetentionPeriod: 7 }), expect: 'pass' },
  { name: 'DynamoDB with PITR', kind: 'pass', subject: () => table({ pointInTimeRecovery: true }), expect: 'pass' },
  { name: 'EFS with a backup policy', kind: 'pass', subject: () => testing.makeResource(KINDS.EfsFileSystem, { encrypted: true, backupPolicy: { status: 'ENABLED' } }), expect: 'pass' },
  { name: 'ElastiCache keeping snapshots 5 days', kind: 'pass', subject: () => testing.makeResource(KINDS.CacheReplicationGroup, { snapshotRetentionLimit: 5 }), expect: 'pass' },
  { name: 'S3 with an enabled replication rule', kind: 'pass', subject: () => testing.makeResource(KINDS.S3Bucket, { bucket: 'data', replication: { rules: [{ id: 'dr', status: 'Enabled' }] } }), expect: 'pass' },
  { name: 'table selected by a Ref to its ARN', kind: 'pass', subject: () => table(), others: () => [selection({ resources: [new Ref('aws_dynamodb_table.orders', 'arn')] })], expect: 'pass' },
  { name: 'table selected by its literal ARN', kind: 'pass', subject: () => table(), others: () => [selection({ resources: ['arn:aws:dynamodb:ap-northeast-1:111122223333:table/orders'] })], expect: 'pass' },
  { name: 'EBS volume selected by a type wildcard', kind: 'pass', subject: volume, others: () => [selection({ resources: ['arn:aws:ec2:*:*:volume/*'] })], expect: 'pass' },
  { name: 'bucket selected by "*"', kind: 'pass', subject: () => testing.makeResource(KINDS.S3Bucket, { bucket: 'data' }), others: () => [selection({ resources: ['*'] })], expect: 'pass' },
  { name: 'table selected by a selection tag', kind: 'pass', subject: () => table({}, tags({ Backup: 'daily' })), others: () => [selection({ selectionTags: [{ type: 'STRINGEQUALS', key: 'Backup', value: 'daily' }] })], expect: 'pass' },
  {
    name: 'table selected by "*" AND a matching condition',
    kind: 'pass',
    subject: () => table({}, tags({ Backup: 'daily' })),
    others: () => [selection({ resources: ['*'], conditions: { stringEquals: [{ key: 'aws:ResourceTag/Backup', value: 'daily' }] } })],
    expect: 'pass',
  },
  { name: 'PITR known after apply, but a selection covers the table', kind: 'pass', subject: () => table({ pointInTimeRecovery: UNKNOWN }), others: () => [selection({ resources: ['*'] })], expect: 'pass' },
  { name: 'DynamoDB without PITR or selection', kind: 'fail', subject: () => table(), expect: 'fail', messageId: 'dynamoNotCovered', path: 'pointInTimeRecovery' },
  { name: 'RDS with backups off and no selection', kind: 'fail', subject: () => rds({ backupRetentionPeriod: 0 }), expect: 'fail', messageId: 'rdsNotCovered', path: 'backupRetentionPeriod' },
  { name: 'EBS volume with no selection', kind: 'fail', subject: volume, expect: 'fail', messageId: 'ebsNotCovered' },
  { name: 'a selection in another region', kind: 'fail', subject: () => table(), others: () => [selection({ resources: ['*'] }, 'ap-northeast-3')], expect: 'fail', messageId: 'dynamoNotCovered' },
  { name: 'a selection of another type', kind: 'fail', subject: () => table(), others: () => [selection({ resources: ['arn:aws:rds:*:*:db:*'] })], expect: 'fail', messageId: 'dynamoNotCovered' },
  { name: '"*" except every table (notResources)', kind: 'fail', subject: () => table(), others: () => [selection({ resources: ['*'], notResources: ['arn:aws:dynamodb:*:*:table/*'] })], expect: 'fail', messageId: 'dynamoNotCovered' },
  {
    name: '"*" AND a condition the table does not match',
    kind: 'fail',
    subject: () => table(),
    others: () => [selection({ resources: ['*'], conditions: { stringEquals: [{ key: 'aws:ResourceTag/Backup', value: 'daily' }] } })],
    expect: 'fail',
    messageId: 'dynamoNotCovered',
  },
  { name: 'ElastiCache cannot be covered by AWS Backup', kind: 'fail', subject: () => testing.makeResource(KINDS.CacheReplicationGroup, { snapshotRetentionLimit: 0 }), others: () => [selection({ resources: ['*'] })], expect: 'fail', messageId: 'cacheNotCovered', path: 'snapshotRetentionLimit' },
  { name: 'EFS without a backup policy', kind: 'omitted', subject: () => testing.makeResource(KINDS.EfsFileSystem, { encrypted: true }), expect: 'fail', messageId: 'efsNotCovered', path: 'backupPolicy.status' },
  { name: 'ElastiCache snapshot limit omitted (0)', kind: 'omitted', subject: () => testing.makeResource(KINDS.CacheReplicationGroup, {}), expect: 'fail', messageId: 'cacheNotCovered' },
  { name: 'RDS retention omitted: the AWS default of 1 day is a backup', kind: 'omitted', subject: () => rds(), expect: 'pass' },
  { name: 'untagged table counts as most sensitive', kind: 'omitted', subject: () => table({}, {}), expect: 'fail', messageId: 'dynamoNotCovered' },
  { name: 'PITR known after apply, no selection', kind: 'unknown', subject: () => table({ pointInTimeRecovery: UNKNOWN }), expect: 'unknown', path: 'pointInTimeRecovery' },
  { name: 'RDS retention known after apply', kind: 'unknown', subject: () => rds({ backupRetentionPeriod: UNKNOWN }), expect: 'unknown', path: 'backupRetentionPeriod' },
  { name: 'selection resources known after apply', kind: 'unknown', subject: volume, others: () => [selection({ resources: UNKNOWN })], expect: 'unknown', messageId: 'selectionUnknown', path: 'backupSelection' },
  { name: 'selection by tag, store tags known after apply', kind: 'unknown', subject: () => testing.makeResource(KINDS.EbsVolume, {}, { tags: UNKNOWN }), others: () => [selection({ selectionTags: [{ type: 'STRINGEQUALS', key: 'Backup', value: 'daily' }] })], expect: 'unknown', messageId: 'selectionUnknown' },
  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => table({}, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
  { name: 'Aurora cluster instance: backups are the cluster\'s', kind: 'not-applicable', subject: () => rds({ engine: 'aurora-mysql', dbClusterIdentifier: new Ref('aws_rds_cluster.main', 'id') }), expect: 'not-applicable' },
  { name: 'read replica with backups off', kind: 'not-applicable', subject: () => rds({ backupRetentionPeriod: 0, replicateSourceDb: new Ref('aws_db_instance.primary', 'identifier') }), expect: 'not-applicable' },
  { name: 'Memcached holds nothing to back up', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.CacheCluster, { engine: 'memcached' }), expect: 'not-applicable' },
  { name: 'SQS queues are transient, not backed up', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.SqsQueue, { sqsManagedSseEnabled: true }), expect: 'not-applicable' },
]);
