import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const KEY = new Ref('aws_kms_key.data', 'arn');
const cmk = () => testing.makeResource(KINDS.KmsKey, { enableKeyRotation: true, keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT' }, { id: 'aws_kms_key.data', tags: {} });
const make = (kind: string, props: Record<string, unknown>, tags?: Record<string, string>) => testing.makeResource(kind, props, { tags });
const bucket = (encryption: unknown) => make(KINDS.S3Bucket, { bucket: 'data', ...(encryption === undefined ? {} : { encryption }) });
const db = (props: Record<string, unknown>) => make(KINDS.RdsInstance, { engine: 'postgres', storageEncrypted: true, ...props });
const table = (sse: unknown, replicas?: unknown) => make(KINDS.DynamoTable, { sse, pointInTimeRecovery: true, ...(replicas ? { replicas } : {}) });

export default testing.defineCases([
  { name: 'S3 SSE-KMS with a key of the stack', kind: 'pass', subject: () => bucket({ algorithm: 'aws:kms', kmsKeyId: KEY }), others: () => [cmk()], expect: 'pass' },
  { name: 'S3 DSSE-KMS with a customer key ARN', kind: 'pass', subject: () => bucket({ algorithm: 'aws:kms:dsse', kmsKeyId: 'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }), expect: 'pass' },
  { name: 'RDS instance with a customer key', kind: 'pass', subject: () => db({ kmsKeyId: KEY }), others: () => [cmk()], expect: 'pass' },
  { name: 'Aurora cluster with a customer key', kind: 'pass', subject: () => make(KINDS.RdsCluster, { engine: 'aurora-postgresql', storageEncrypted: true, kmsKeyId: KEY }), others: () => [cmk()], expect: 'pass' },
  { name: 'DynamoDB with a customer key, replica too', kind: 'pass', subject: () => table({ enabled: true, kmsKeyArn: KEY }, [{ regionName: 'ap-northeast-3', kmsKeyArn: 'arn:aws:kms:ap-northeast-3:111122223333:key/mrk-1234' }]), others: () => [cmk()], expect: 'pass' },
  { name: 'SQS queue with a customer key alias', kind: 'pass', subject: () => make(KINDS.SqsQueue, { kmsMasterKeyId: 'alias/app-queue' }), expect: 'pass' },
  { name: 'same-region read replica inherits its source key', kind: 'pass', subject: () => db({ replicateSourceDb: new Ref('aws_db_instance.main', 'identifier') }), others: () => [cmk(), testing.makeResource(KINDS.RdsInstance, { engine: 'postgres', storageEncrypted: true, kmsKeyId: KEY }, { id: 'aws_db_instance.main' })], expect: 'pass' },

  { name: 'S3 SSE-S3 (AES256)', kind: 'fail', subject: () => bucket({ algorithm: 'AES256' }), expect: 'fail', messageId: 'notKms', path: 'encryption.algorithm' },
  { name: 'S3 SSE-KMS with aws/s3', kind: 'fail', subject: () => bucket({ algorithm: 'aws:kms', kmsKeyId: 'alias/aws/s3' }), expect: 'fail', messageId: 'awsManagedKey', path: 'encryption.kmsKeyId' },
  { name: 'EBS volume with the AWS-managed key of the stack metadata', kind: 'fail', subject: () => make(KINDS.EbsVolume, { encrypted: true, kmsKeyId: new Ref('aws_kms_key.data', 'arn') }), others: () => [testing.makeResource(KINDS.KmsKey, { keyManager: 'AWS' }, { id: 'aws_kms_key.data', tags: {} })], expect: 'fail', messageId: 'awsManagedKey', path: 'kmsKeyId' },
  { name: 'DynamoDB replica on the AWS-managed key', kind: 'fail', subject: () => table({ enabled: true, kmsKeyArn: KEY }, [{ regionName: 'ap-northeast-3' }]), others: () => [cmk()], expect: 'fail', messageId: 'noKey', path: 'replicas.0.kmsKeyArn' },
  { name: 'DynamoDB SSE explicitly disabled (AWS owned key)', kind: 'fail', subject: () => table({ enabled: false }), expect: 'fail', messageId: 'noKey', path: 'sse.enabled' },
  { name: 'cross-region read replica without its own key', kind: 'fail', subject: () => db({ replicateSourceDb: 'arn:aws:rds:ap-northeast-3:111122223333:db:main' }), expect: 'fail', messageId: 'noKey', path: 'kmsKeyId' },

  { name: 'S3 without an encryption configuration', kind: 'omitted', subject: () => bucket(undefined), expect: 'fail', messageId: 'noKey', path: 'encryption' },
  { name: 'RDS storage encrypted without kms_key_id (aws/rds)', kind: 'omitted', subject: () => db({}), expect: 'fail', messageId: 'noKey', path: 'kmsKeyId' },
  { name: 'EFS without kms_key_id', kind: 'omitted', subject: () => make(KINDS.EfsFileSystem, { encrypted: true }), expect: 'fail', messageId: 'noKey', path: 'kmsKeyId' },
  { name: 'ElastiCache replication group without kms_key_id', kind: 'omitted', subject: () => make(KINDS.CacheReplicationGroup, { atRestEncryptionEnabled: true }), expect: 'fail', messageId: 'noKey', path: 'kmsKeyId' },
  { name: 'SNS topic without kms_master_key_id', kind: 'omitted', subject: () => make(KINDS.SnsTopic, {}), expect: 'fail', messageId: 'noKey', path: 'kmsMasterKeyId' },
  { name: 'SQS with SQS-managed SSE only', kind: 'omitted', subject: () => make(KINDS.SqsQueue, { sqsManagedSseEnabled: true }), expect: 'fail', messageId: 'noKey', path: 'kmsMasterKeyId' },
  { name: 'DynamoDB without server_side_encryption', kind: 'omitted', subject: () => table(undefined), expect: 'fail', messageId: 'noKey', path: 'sse.enabled' },
  { name: 'DynamoDB SSE on without kms_key_arn (aws/dynamodb)', kind: 'omitted', subject: () => table({ enabled: true }), expect: 'fail', messageId: 'noKey', path: 'sse.kmsKeyArn' },

  { name: 'EBS key known after apply', kind: 'unknown', subject: () => make(KINDS.EbsVolume, { encrypted: true, kmsKeyId: UNKNOWN }), expect: 'unknown', path: 'kmsKeyId' },
  { name: 'S3 encryption known after apply', kind: 'unknown', subject: () => bucket(UNKNOWN), expect: 'unknown', path: 'encryption' },
  { name: 'replica source outside the scan', kind: 'unknown', subject: () => db({ replicateSourceDb: 'main' }), expect: 'unknown', messageId: 'sourceOutsideScan', path: 'replicateSourceDb' },
  { name: 'key metadata of the stack known after apply', kind: 'unknown', subject: () => make(KINDS.SnsTopic, { kmsMasterKeyId: KEY }), others: () => [testing.makeResource(KINDS.KmsKey, { keyManager: UNKNOWN }, { id: 'aws_kms_key.data', tags: {} })], expect: 'unknown', path: 'kmsMasterKeyId' },

  { name: 'class Ⅲ is below the threshold', kind: 'not-applicable', subject: () => make(KINDS.SnsTopic, {}, { DataClassification: 'Ⅲ' }), expect: 'not-applicable' },
  { name: 'a cache cluster is covered by its replication group', kind: 'not-applicable', subject: () => make(KINDS.CacheCluster, { engine: 'redis', replicationGroupId: new Ref('aws_elasticache_replication_group.main', 'id') }), expect: 'not-applicable' },
  { name: 'an Aurora instance is covered by its cluster', kind: 'not-applicable', subject: () => db({ storageEncrypted: undefined, dbClusterIdentifier: new Ref('aws_rds_cluster.main', 'id') }), expect: 'not-applicable' },
]);
