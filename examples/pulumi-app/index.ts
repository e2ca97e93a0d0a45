/**
 * muniguard example: a small municipal data platform on AWS (@pulumi/aws 7). The same estate as
 * the Terraform example (test/e2e/scenario.js): every store encrypted with the stack's own KMS
 * key, classified, backed up, logged; with `variant: noncompliant` one resource per family
 * carries one violation (classification, encryption, backup, logging, mfa, region, contract-end).
 *
 *   pulumi config set variant noncompliant
 *   pulumi config set classification Ⅰ          # the profile's notation
 *   pulumi preview --policy-pack ../../policies/osaka
 */
import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';

const config = new pulumi.Config();
const variant = config.get('variant') ?? 'compliant';
if (variant !== 'compliant' && variant !== 'noncompliant') {
  throw new Error(`config variant must be "compliant" or "noncompliant", not "${variant}"`);
}
const classification = config.get('classification') ?? 'Ⅱ';

const ACCOUNT = '111122223333';
const CERT = `arn:aws:acm:ap-northeast-1:${ACCOUNT}:certificate/0f0e0d0c-0b0a-0908-0706-050403020100`;

/** Tags of a data store: its classification and the end of the contract that holds its data. */
const store = (extra: Record<string, string> = {}) => ({ DataClassification: classification, ContractEnd: '2030-03-31', ...extra });

function denyInsecureTransport(bucket: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }],
  });
}

const key = new aws.kms.Key('data', { description: 'muniguard example data key', enableKeyRotation: true, deletionWindowInDays: 30 });

/** A bucket with its split settings: SSE-KMS with the stack's key, versioning, public access block, TLS-only policy. */
function bucket(name: string, bucketName: string): aws.s3.Bucket {
  const b = new aws.s3.Bucket(name, { bucket: bucketName, tags: store() });
  new aws.s3.BucketServerSideEncryptionConfiguration(name, {
    bucket: b.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
  });
  new aws.s3.BucketVersioning(name, { bucket: b.id, versioningConfiguration: { status: 'Enabled' } });
  new aws.s3.BucketPublicAccessBlock(name, { bucket: b.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  new aws.s3.BucketPolicy(name, { bucket: b.id, policy: denyInsecureTransport(bucketName) });
  return b;
}

const data = bucket('data', 'muniguard-example-data');
const accessLogs = bucket('access-logs', 'muniguard-example-access-logs');
new aws.s3.BucketLogging('data', { bucket: data.id, targetBucket: accessLogs.id, targetPrefix: 'data/' });
new aws.s3.BucketLogging('access-logs', { bucket: accessLogs.id, targetBucket: data.id, targetPrefix: 'access-logs/' });

new aws.rds.Instance('data', {
  identifier: 'muniguard-example-db', engine: 'postgres', instanceClass: 'db.t4g.micro', allocatedStorage: 20,
  username: 'app', manageMasterUserPassword: true, storageEncrypted: true, kmsKeyId: key.arn,
  backupRetentionPeriod: 35, copyTagsToSnapshot: true, publiclyAccessible: false, multiAz: true, skipFinalSnapshot: true,
  tags: store({ CriticalSystem: 'true' }),
});

new aws.dynamodb.Table('data', {
  name: 'muniguard-example-table', billingMode: 'PAY_PER_REQUEST', hashKey: 'id', attributes: [{ name: 'id', type: 'S' }],
  serverSideEncryption: { enabled: true, kmsKeyArn: key.arn }, pointInTimeRecovery: { enabled: true }, tags: store(),
});

const fileSystem = new aws.efs.FileSystem('data', { encrypted: true, kmsKeyId: key.arn, tags: store() });
new aws.efs.BackupPolicy('data', { fileSystemId: fileSystem.id, backupPolicy: { status: 'ENABLED' } });

const volume = new aws.ebs.Volume('data', { availabilityZone: 'ap-northeast-1a', size: 10, encrypted: true, kmsKeyId: key.arn, tags: store() });

new aws.elasticache.ReplicationGroup('cache', {
  replicationGroupId: 'muniguard-example-cache', description: 'example cache', nodeType: 'cache.t4g.micro', numCacheClusters: 2,
  atRestEncryptionEnabled: true, transitEncryptionEnabled: true, kmsKeyId: key.arn, snapshotRetentionLimit: 7,
  automaticFailoverEnabled: true, multiAzEnabled: true, tags: store(),
});

new aws.sqs.Queue('jobs', { name: 'muniguard-example-jobs', kmsMasterKeyId: key.arn, tags: store() });
new aws.sns.Topic('alerts', { name: 'muniguard-example-alerts', kmsMasterKeyId: key.arn, tags: store() });
new aws.cloudwatch.LogGroup('app', { name: '/muniguard/example/app', retentionInDays: 3653, kmsKeyId: key.arn });

new aws.cloudtrail.Trail('main', {
  name: 'muniguard-example-trail', s3BucketName: accessLogs.id, isMultiRegionTrail: true,
  enableLogFileValidation: true, kmsKeyId: key.arn, includeGlobalServiceEvents: true,
});

const vpc = new aws.ec2.Vpc('main', { cidrBlock: '10.10.0.0/16' });
new aws.ec2.FlowLog('main', { vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 's3', logDestination: accessLogs.arn });
new aws.ec2.SecurityGroup('web', {
  name: 'muniguard-example-web', vpcId: vpc.id,
  ingress: [{ description: 'HTTPS', fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }],
});

new aws.lb.Listener('https', {
  loadBalancerArn: `arn:aws:elasticloadbalancing:ap-northeast-1:${ACCOUNT}:loadbalancer/app/example/0123456789abcdef`,
  port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', certificateArn: CERT,
  defaultActions: [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '200' } }],
});

new aws.cognito.UserPool('citizens', {
  name: 'muniguard-example-users', mfaConfiguration: 'ON', softwareTokenMfaConfiguration: { enabled: true }, tags: store(),
});

const admin = new aws.iam.Role('admin', {
  name: 'muniguard-example-admin',
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    }],
  }),
});
new aws.iam.RolePolicyAttachment('admin', { role: admin.name, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });

const vault = new aws.backup.Vault('main', { name: 'muniguard-example-vault', kmsKeyArn: key.arn });
const plan = new aws.backup.Plan('daily', {
  name: 'muniguard-example-daily',
  rules: [{ ruleName: 'daily', targetVaultName: vault.name, schedule: 'cron(0 17 * * ? *)', lifecycle: { deleteAfter: 400 } }],
});
new aws.backup.Selection('stores', {
  name: 'muniguard-example-stores', planId: plan.id,
  iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`,
  resources: [data.arn, accessLogs.arn, volume.arn],
});

if (variant === 'noncompliant') {
  // classification: a value outside the profile's scheme (the queue is otherwise compliant)
  new aws.sqs.Queue('violation-classification', {
    name: 'muniguard-violation-classification', kmsMasterKeyId: key.arn, tags: { DataClassification: 'secret-ish', ContractEnd: '2030-03-31' },
  });
  // encryption: a database without storage encryption (key named, so only encryption fails)
  new aws.rds.Instance('violation-encryption', {
    identifier: 'muniguard-violation-encryption', engine: 'postgres', instanceClass: 'db.t4g.micro', allocatedStorage: 20, username: 'app',
    manageMasterUserPassword: true, storageEncrypted: false, kmsKeyId: key.arn, backupRetentionPeriod: 35, copyTagsToSnapshot: true,
    publiclyAccessible: false, skipFinalSnapshot: true, tags: store(),
  });
  // backup: a table without point-in-time recovery and outside every Backup selection
  new aws.dynamodb.Table('violation-backup', {
    name: 'muniguard-violation-backup', billingMode: 'PAY_PER_REQUEST', hashKey: 'id', attributes: [{ name: 'id', type: 'S' }],
    serverSideEncryption: { enabled: true, kmsKeyArn: key.arn }, pointInTimeRecovery: { enabled: false }, tags: store(),
  });
  // logging: log retention of 30 days
  new aws.cloudwatch.LogGroup('violation-logging', { name: '/muniguard/violation/logging', retentionInDays: 30, kmsKeyId: key.arn });
  // mfa: a user pool of a classified system with MFA off
  new aws.cognito.UserPool('violation-mfa', { name: 'muniguard-violation-mfa', mfaConfiguration: 'OFF', tags: store() });
  // region: resources created through a provider in us-east-1
  const us = new aws.Provider('us', { region: 'us-east-1' });
  const usKey = new aws.kms.Key('us', { description: 'key of the out-of-region log group', enableKeyRotation: true }, { provider: us });
  new aws.cloudwatch.LogGroup('violation-region', { name: '/muniguard/violation/region', retentionInDays: 3653, kmsKeyId: usKey.arn }, { provider: us });
  // contract-end: a store whose contract ended before the scan date
  new aws.sqs.Queue('violation-contract-end', { name: 'muniguard-violation-contract-end', kmsMasterKeyId: key.arn, tags: store({ ContractEnd: '2025-03-31' }) });
}

export const dataBucket = data.bucket;
