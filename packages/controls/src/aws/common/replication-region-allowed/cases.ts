import { KINDS, Ref, UNKNOWN, testing } from '@muniguard/core';

const target = (region: string, name = 'replica') =>
  testing.makeResource(KINDS.S3Bucket, { bucket: name }, { id: 'aws_s3_bucket.replica', region });
const bucket = (rule: Record<string, unknown> | undefined) =>
  testing.makeResource(KINDS.S3Bucket, { bucket: 'data', ...(rule ? { replication: { rules: [{ id: 'all', status: 'Enabled', ...rule }] } } : {}) });
const toReplica = { destinationBucket: new Ref('aws_s3_bucket.replica', 'arn') };

const vault = (region: string) => testing.makeResource(KINDS.BackupVault, {}, { id: 'aws_backup_vault.dr', region, tags: {} });
const plan = (destinationVaultArn: unknown) =>
  testing.makeResource(KINDS.BackupPlan, { rules: [{ name: 'daily', schedule: 'cron(0 3 * * ? *)', deleteAfterDays: 35, copyActions: [{ destinationVaultArn, deleteAfterDays: 35 }] }] }, { tags: {} });
const table = (replicas: unknown) => testing.makeResource(KINDS.DynamoTable, { pointInTimeRecovery: true, replicas });
const replicaDb = (replicateSourceDb: unknown) => testing.makeResource(KINDS.RdsInstance, { engine: 'postgres', replicateSourceDb });

export default testing.defineCases([
  { name: 'S3 replication to an Osaka bucket of the stack', kind: 'pass', subject: () => bucket(toReplica), others: () => [target('ap-northeast-3')], expect: 'pass' },
  { name: 'S3 replication to an ARN of a bucket of the stack', kind: 'pass', subject: () => bucket({ destinationBucket: 'arn:aws:s3:::replica' }), others: () => [target('ap-northeast-3')], expect: 'pass' },
  { name: 'Backup copy to a vault ARN in Osaka', kind: 'pass', subject: () => plan('arn:aws:backup:ap-northeast-3:111122223333:backup-vault:dr'), expect: 'pass' },
  { name: 'Backup copy to a vault of the stack in Osaka', kind: 'pass', subject: () => plan(new Ref('aws_backup_vault.dr', 'arn')), others: () => [vault('ap-northeast-3')], expect: 'pass' },
  { name: 'DynamoDB replica in Osaka', kind: 'pass', subject: () => table([{ regionName: 'ap-northeast-3' }]), expect: 'pass' },
  { name: 'RDS replica of a Tokyo source', kind: 'pass', subject: () => replicaDb('arn:aws:rds:ap-northeast-1:111122223333:db:main'), expect: 'pass' },

  { name: 'S3 replication to a Virginia bucket of the stack', kind: 'fail', subject: () => bucket(toReplica), others: () => [target('us-east-1')], expect: 'fail', messageId: 'notAllowed', path: 'replication.rules.0.destinationBucket' },
  { name: 'S3 replication with destinationRegion in Singapore', kind: 'fail', subject: () => bucket({ destinationBucket: 'arn:aws:s3:::elsewhere', destinationRegion: 'ap-southeast-1' }), expect: 'fail', messageId: 'notAllowed', path: 'replication.rules.0.destinationRegion' },
  { name: 'Backup copy to a vault in Oregon', kind: 'fail', subject: () => plan('arn:aws:backup:us-west-2:111122223333:backup-vault:dr'), expect: 'fail', messageId: 'notAllowed', path: 'rules.0.copyActions.0.destinationVaultArn' },
  { name: 'Backup copy to a vault of the stack in Oregon', kind: 'fail', subject: () => plan(new Ref('aws_backup_vault.dr', 'arn')), others: () => [vault('us-west-2')], expect: 'fail', messageId: 'notAllowed', path: 'rules.0.copyActions.0.destinationVaultArn' },
  { name: 'DynamoDB replica in Frankfurt', kind: 'fail', subject: () => table([{ regionName: 'ap-northeast-3' }, { regionName: 'eu-central-1' }]), expect: 'fail', messageId: 'notAllowed', path: 'replicas.1.regionName' },
  { name: 'RDS replica of a Seoul source', kind: 'fail', subject: () => replicaDb('arn:aws:rds:ap-northeast-2:111122223333:db:main'), expect: 'fail', messageId: 'notAllowed', path: 'replicateSourceDb' },
  { name: 'a definite bad destination wins over an unresolved one', kind: 'fail', subject: () => table([{ regionName: UNKNOWN }, { regionName: 'us-east-1' }]), expect: 'fail', messageId: 'notAllowed', path: 'replicas.1.regionName' },

  { name: 'no replication configured', kind: 'omitted', subject: () => bucket(undefined), expect: 'not-applicable' },
  { name: 'destinationRegion omitted: the region of the destination bucket', kind: 'omitted', subject: () => bucket(toReplica), others: () => [target('eu-west-1')], expect: 'fail', messageId: 'notAllowed', path: 'replication.rules.0.destinationBucket' },
  { name: 'RDS replica of a source named without an ARN (same region)', kind: 'omitted', subject: () => replicaDb('main'), expect: 'not-applicable' },

  { name: 'S3 destination bucket outside the scan', kind: 'unknown', subject: () => bucket({ destinationBucket: 'arn:aws:s3:::somebody-elses' }), expect: 'unknown', messageId: 'unresolved', path: 'replication.rules.0.destinationBucket' },
  { name: 'replication configuration known after apply', kind: 'unknown', subject: () => testing.makeResource(KINDS.S3Bucket, { bucket: 'data', replication: UNKNOWN }), expect: 'unknown', path: 'replication' },
  { name: 'vault ARN known after apply', kind: 'unknown', subject: () => plan(UNKNOWN), expect: 'unknown', path: 'rules.0.copyActions.0.destinationVaultArn' },
  { name: 'replica region known after apply', kind: 'unknown', subject: () => table([{ regionName: UNKNOWN }]), expect: 'unknown', path: 'replicas.0.regionName' },

  { name: 'disabled replication rule', kind: 'not-applicable', subject: () => bucket({ ...toReplica, status: 'Disabled' }), others: () => [target('us-east-1')], expect: 'not-applicable' },
  { name: 'Backup plan without copy actions', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.BackupPlan, { rules: [{ name: 'daily', schedule: 'cron(0 3 * * ? *)', deleteAfterDays: 35 }] }, { tags: {} }), expect: 'not-applicable' },
  { name: 'IAM role is not a copy of data', kind: 'not-applicable', subject: () => testing.makeResource(KINDS.IamRole, {}, { region: null, tags: {} }), expect: 'not-applicable' },
]);
