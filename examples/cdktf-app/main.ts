/**
 * A CDKTF app with the muniguard aspect: two stacks of the same small municipal system (a records
 * bucket, a database, a table, a queue, logs, a user pool, backups). `compliant` meets the Osaka
 * profile; `noncompliant` adds one violation per family, each on its own construct, so `cdktf synth`
 * fails and names each one with its clause.
 *
 * Provider classes are imported one file each (`@cdktf/provider-aws/lib/<resource>`): the package
 * root loads all ~1,500 resources (seconds and hundreds of MB).
 */
import { App, Aspects, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { MuniguardAspect, type MuniguardAspectOptions } from '@muniguard/cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';

const ACCOUNT = '111122223333';

/**
 * Tags of a store holding Osaka class Ⅱ data (重要性分類Ⅱ), with the end of the contract under
 * which it is kept (ContractEnd). The keys and values are the profile's own (policies/osaka/profile.yaml).
 */
const storeTags = (extra: Record<string, string> = {}): Record<string, string> => ({ 重要性分類: 'Ⅱ', ContractEnd: '2030-03-31', ...extra });

/** A bucket with everything the profile asks of one: KMS key, versioning, access logs, no public access, TLS only. */
class RecordsBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: { name: string; kmsKeyArn: string; logBucket?: S3Bucket }) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.name, tags: storeTags() });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
    });
    new S3BucketVersioningA(this, 'versioning', { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketLoggingA(this, 'logging', { bucket: this.bucket.id, targetBucket: (props.logBucket ?? this.bucket).id, targetPrefix: `${props.name}/` });
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    new S3BucketPolicy(this, 'tls-only', {
      bucket: this.bucket.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
          Resource: [`arn:aws:s3:::${props.name}`, `arn:aws:s3:::${props.name}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }],
      }),
    });
  }
}

export interface CityStackProps {
  /** Plant one violation per family (classification, encryption, backup, logging, mfa, region, contract-end). */
  violations: boolean;
}

/** The construct path of each planted violation, by family (relative to the stack). */
export const VIOLATIONS = {
  classification: 'violations/unclassified-queue',
  encryption: 'violations/unencrypted-db',
  backup: 'violations/table-without-backup',
  logging: 'violations/short-retention-logs',
  mfa: 'violations/pool-without-mfa',
  region: 'violations/logs-in-us-east-1',
  'contract-end': 'violations/expired-contract-queue',
} as const;

export class CityStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: CityStackProps) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'ap-northeast-1' });

    const key = new KmsKey(this, 'data-key', { description: 'muniguard example: data key', enableKeyRotation: true, deletionWindowInDays: 30 });
    const accessLogs = new RecordsBucket(this, 'access-logs', { name: 'muniguard-cdktf-access-logs', kmsKeyArn: key.arn });
    const records = new RecordsBucket(this, 'records', { name: 'muniguard-cdktf-records', kmsKeyArn: key.arn, logBucket: accessLogs.bucket });

    const db = new DbInstance(this, 'resident-db', {
      identifier: 'muniguard-cdktf-db', engine: 'postgres', instanceClass: 'db.t4g.micro', allocatedStorage: 20, username: 'app',
      manageMasterUserPassword: true, storageEncrypted: true, kmsKeyId: key.arn, backupRetentionPeriod: 35, copyTagsToSnapshot: true,
      publiclyAccessible: false, multiAz: true, skipFinalSnapshot: true, tags: storeTags(),
    });
    new DynamodbTable(this, 'applications', {
      name: 'muniguard-cdktf-applications', billingMode: 'PAY_PER_REQUEST', hashKey: 'id', attribute: [{ name: 'id', type: 'S' }],
      serverSideEncryption: { enabled: true, kmsKeyArn: key.arn }, pointInTimeRecovery: { enabled: true }, tags: storeTags(),
    });
    new SqsQueue(this, 'jobs', { name: 'muniguard-cdktf-jobs', kmsMasterKeyId: key.arn, tags: storeTags() });
    new CloudwatchLogGroup(this, 'app-logs', { name: '/muniguard/cdktf/app', retentionInDays: 3653, kmsKeyId: key.arn });
    new CognitoUserPool(this, 'staff', {
      name: 'muniguard-cdktf-staff', mfaConfiguration: 'ON', softwareTokenMfaConfiguration: { enabled: true }, tags: storeTags(),
    });

    const vault = new BackupVault(this, 'vault', { name: 'muniguard-cdktf-vault', kmsKeyArn: key.arn });
    const plan = new BackupPlan(this, 'daily', {
      name: 'muniguard-cdktf-daily',
      rule: [{ ruleName: 'daily', targetVaultName: vault.name, schedule: 'cron(0 17 * * ? *)', lifecycle: { deleteAfter: 400 } }],
    });
    new BackupSelection(this, 'stores', {
      name: 'muniguard-cdktf-stores', planId: plan.id, iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`,
      resources: [records.bucket.arn, accessLogs.bucket.arn, db.arn],
    });

    if (props.violations) plantViolations(this, key);
  }
}

/** One violation per family, each on its own construct under `violations/` (see VIOLATIONS). */
function plantViolations(stack: CityStack, key: KmsKey): void {
  const v = new Construct(stack, 'violations');
  // classification: a queue with no 重要性分類 tag (treated as the most sensitive class)
  new SqsQueue(v, 'unclassified-queue', { name: 'muniguard-cdktf-unclassified', kmsMasterKeyId: key.arn, tags: { ContractEnd: '2030-03-31' } });
  // encryption: a class Ⅱ database without storage encryption
  new DbInstance(v, 'unencrypted-db', {
    identifier: 'muniguard-cdktf-unencrypted', engine: 'postgres', instanceClass: 'db.t4g.micro', allocatedStorage: 20, username: 'app',
    manageMasterUserPassword: true, storageEncrypted: false, kmsKeyId: key.arn, backupRetentionPeriod: 35, copyTagsToSnapshot: true,
    publiclyAccessible: false, skipFinalSnapshot: true, tags: storeTags(),
  });
  // backup: a table with point-in-time recovery off and outside every backup selection
  new DynamodbTable(v, 'table-without-backup', {
    name: 'muniguard-cdktf-no-backup', billingMode: 'PAY_PER_REQUEST', hashKey: 'id', attribute: [{ name: 'id', type: 'S' }],
    serverSideEncryption: { enabled: true, kmsKeyArn: key.arn }, pointInTimeRecovery: { enabled: false }, tags: storeTags(),
  });
  // logging: logs kept 30 days
  new CloudwatchLogGroup(v, 'short-retention-logs', { name: '/muniguard/cdktf/short', retentionInDays: 30, kmsKeyId: key.arn });
  // mfa: a staff user pool without MFA
  new CognitoUserPool(v, 'pool-without-mfa', { name: 'muniguard-cdktf-no-mfa', mfaConfiguration: 'OFF', tags: storeTags() });
  // region: logs created through a provider in us-east-1
  const us = new AwsProvider(v, 'aws-us', { alias: 'us', region: 'us-east-1' });
  new CloudwatchLogGroup(v, 'logs-in-us-east-1', { provider: us, name: '/muniguard/cdktf/us', retentionInDays: 3653 });
  // contract-end: a queue whose contract ended on 2025-03-31
  new SqsQueue(v, 'expired-contract-queue', { name: 'muniguard-cdktf-expired', kmsMasterKeyId: key.arn, tags: storeTags({ ContractEnd: '2025-03-31' }) });
}

export interface ExampleOptions {
  /** Passed to the aspect: tests pin the date; the app itself checks as of today. */
  aspect?: Partial<MuniguardAspectOptions>;
}

/** Both stacks with the aspect on each (cdktf runs aspects from each stack down, not from the App). */
export function buildApp(app: App, options: ExampleOptions = {}): { compliant: CityStack; noncompliant: CityStack; aspect: MuniguardAspect } {
  const aspect = new MuniguardAspect({ profile: 'osaka', ...options.aspect });
  const compliant = new CityStack(app, 'compliant', { violations: false });
  const noncompliant = new CityStack(app, 'noncompliant', { violations: true });
  for (const stack of [compliant, noncompliant]) Aspects.of(stack).add(aspect);
  return { compliant, noncompliant, aspect };
}

if (require.main === module) {
  const app = new App();
  // MUNIGUARD_AS_OF pins the date the check is made for (reproducible CI output); default: today
  buildApp(app, { aspect: { asOf: process.env.MUNIGUARD_AS_OF || undefined } });
  app.synth();
}
