/**
 * Configuration items in the shapes AWS Config documents -> normalized resources (core kinds.ts).
 */
import { isUnknown, KINDS } from '@muniguard/core';
import { itemFromSelectRow, resourceFromConfigurationItem, resourcesFromConfigurationItems, unreadableResource, type ConfigurationItemLike } from '../config-items';
import { parseCredentialReport } from '../credential-report';
import { ACCOUNT, iamUserRow, report, s3Row, userRow } from './mock-account';

const baseItem = (type: string, id: string, configuration: unknown, extra: Partial<ConfigurationItemLike> = {}): ConfigurationItemLike => ({
  version: '1.3', accountId: ACCOUNT, configurationItemCaptureTime: '2026-03-31T01:02:03.456Z', configurationItemStatus: 'OK',
  configurationStateId: '1711847000123', resourceType: type, resourceId: id, resourceName: id, awsRegion: 'ap-northeast-1',
  availabilityZone: 'Regional', tags: {}, relationships: [], configuration, supplementaryConfiguration: {}, ...extra,
});

describe('configuration items', () => {
  it('an S3 bucket from a Config rule event: configuration and supplementary values as JSON text, encryption encoded twice', () => {
    const sse = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: 'arn:aws:kms:ap-northeast-1:123456789012:key/k' }, bucketKeyEnabled: true }] };
    const item = baseItem('AWS::S3::Bucket', 'records', JSON.stringify({ name: 'records' }), {
      arn: 'arn:aws:s3:::records',
      tags: { DataClassification: 'Ⅰ' },
      supplementaryConfiguration: {
        ServerSideEncryptionConfiguration: JSON.stringify(JSON.stringify(sse)),
        BucketVersioningConfiguration: JSON.stringify({ status: 'Suspended', isMfaDeleteEnabled: null }),
        BucketLoggingConfiguration: JSON.stringify({ destinationBucketName: 'logs', logFilePrefix: 'records/' }),
        PublicAccessBlockConfiguration: JSON.stringify({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: true }),
        BucketPolicy: JSON.stringify({ policyText: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }) }),
        AccessControlList: JSON.stringify(JSON.stringify({ grantList: [], owner: { id: 'abc' } })),
      },
    });
    const r = resourceFromConfigurationItem(item)!;
    expect(r).toMatchObject({ kind: KINDS.S3Bucket, id: 'arn:aws:s3:::records', name: 'records', region: 'ap-northeast-1', tags: { DataClassification: 'Ⅰ' }, source: { adapter: 'aws-config', address: 'arn:aws:s3:::records' } });
    expect(r.props).toEqual({
      bucket: 'records', arn: 'arn:aws:s3:::records',
      encryption: { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:ap-northeast-1:123456789012:key/k', bucketKeyEnabled: true },
      versioning: { status: 'Suspended' },
      logging: { targetBucket: 'logs', targetPrefix: 'records/' },
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: true },
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    });
  });

  it('an S3 bucket whose encryption and versioning Config did not record: Unknown, not "off"', () => {
    const r = resourceFromConfigurationItem(baseItem('AWS::S3::Bucket', 'b', { name: 'b' }, { arn: 'arn:aws:s3:::b' }))!;
    expect(isUnknown(r.props.encryption)).toBe(true);
    expect(isUnknown(r.props.versioning)).toBe(true);
    // versioning "Off" as Config writes it is the normalized Disabled
    const off = resourceFromConfigurationItem(baseItem('AWS::S3::Bucket', 'b', { name: 'b' }, { supplementaryConfiguration: { BucketVersioningConfiguration: { status: 'Off' } } }))!;
    expect(off.props.versioning).toEqual({ status: 'Disabled' });
  });

  it('a SelectResourceConfig row: tags as [{key, value, tag}]', () => {
    const r = resourceFromConfigurationItem(itemFromSelectRow(s3Row('q', { tags: { DataClassification: 'Ⅱ', Owner: 'records-section' } })))!;
    expect(r.tags).toEqual({ DataClassification: 'Ⅱ', Owner: 'records-section' });
    expect(r.props).toMatchObject({ encryption: { algorithm: 'AES256' }, versioning: { status: 'Disabled' } });
  });

  it('tags as the SDK writes them ([{Key, Value}]) and inside the configuration', () => {
    const r = resourceFromConfigurationItem(baseItem('AWS::EC2::Volume', 'vol-1', { volumeId: 'vol-1', encrypted: false, availabilityZone: 'ap-northeast-1a', tags: [{ key: 'Name', value: 'data' }] }, { tags: undefined, Tags: [{ Key: 'DataClassification', Value: 'Ⅲ' }] }))!;
    expect(r.tags).toEqual({ DataClassification: 'Ⅲ', Name: 'data' });
    expect(r.props).toMatchObject({ encrypted: false, availabilityZone: 'ap-northeast-1a' });
  });

  it("DynamoDB: Config's odd casing (ssedescription.kmsmasterKeyArn) and point-in-time recovery from supplementaryConfiguration", () => {
    const r = resourceFromConfigurationItem(baseItem('AWS::DynamoDB::Table', 't', {
      tableName: 't', tableArn: `arn:aws:dynamodb:ap-northeast-1:${ACCOUNT}:table/t`,
      ssedescription: { status: 'ENABLED', ssetype: 'KMS', kmsmasterKeyArn: 'arn:aws:kms:ap-northeast-1:123456789012:key/k' },
      replicas: [{ regionName: 'ap-northeast-3', kmsmasterKeyId: 'arn:aws:kms:ap-northeast-3:123456789012:key/k3' }],
    }, { supplementaryConfiguration: { ContinuousBackupsDescription: { continuousBackupsStatus: 'ENABLED', pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: 'DISABLED' } } } }))!;
    expect(r.props).toEqual({
      name: 't', arn: `arn:aws:dynamodb:ap-northeast-1:${ACCOUNT}:table/t`,
      sse: { enabled: true, kmsKeyArn: 'arn:aws:kms:ap-northeast-1:123456789012:key/k', sseType: 'KMS' },
      pointInTimeRecovery: false,
      replicas: [{ regionName: 'ap-northeast-3', kmsKeyArn: 'arn:aws:kms:ap-northeast-3:123456789012:key/k3' }],
    });
    // no SSE description: encrypted with an AWS owned key (sse absent)
    expect(resourceFromConfigurationItem(baseItem('AWS::DynamoDB::Table', 't', { tableName: 't' }))!.props.sse).toBeUndefined();
  });

  it('IAM role: URL-encoded trust and inline policies, attached managed policies; IAM items are global', () => {
    const trust = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' }] }));
    const inline = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
    const r = resourceFromConfigurationItem(baseItem('AWS::IAM::Role', 'AROA1', {
      roleName: 'admin', arn: `arn:aws:iam::${ACCOUNT}:role/admin`, assumeRolePolicyDocument: trust,
      rolePolicyList: [{ policyName: 'all', policyDocument: inline }],
      attachedManagedPolicies: [{ policyName: 'ReadOnlyAccess', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
    }, { awsRegion: 'global', arn: `arn:aws:iam::${ACCOUNT}:role/admin` }))!;
    expect(r.region).toBeUndefined();
    expect(r.props).toMatchObject({
      name: 'admin',
      assumeRolePolicy: { Statement: [{ Principal: { AWS: 'arn:aws:iam::999999999999:root' } }] },
      inlinePolicies: [{ Statement: [{ Action: '*', Resource: '*' }] }],
      managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
  });

  it('customer-managed policy (AWS::IAM::Policy): the default version document', () => {
    const doc = (a: string) => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: a, Resource: '*' }] }));
    const r = resourceFromConfigurationItem(baseItem('AWS::IAM::Policy', 'ANPA1', {
      policyName: 'ops', arn: `arn:aws:iam::${ACCOUNT}:policy/ops`,
      policyVersionList: [{ document: doc('s3:*'), versionId: 'v1', isDefaultVersion: false }, { document: doc('ec2:Describe*'), versionId: 'v2', isDefaultVersion: true }],
    }, { awsRegion: 'global' }))!;
    expect(r.kind).toBe(KINDS.IamManagedPolicy);
    expect(r.props.policyDocument).toMatchObject({ Statement: [{ Action: 'ec2:Describe*' }] });
  });

  it('deleted and not-recorded items and unmapped types yield nothing', () => {
    expect(resourceFromConfigurationItem(baseItem('AWS::S3::Bucket', 'gone', {}, { configurationItemStatus: 'ResourceDeleted' }))).toBeUndefined();
    expect(resourceFromConfigurationItem(baseItem('AWS::S3::Bucket', 'x', {}, { configurationItemStatus: 'ResourceNotRecorded' }))).toBeUndefined();
    expect(resourceFromConfigurationItem(baseItem('AWS::Lambda::Function', 'f', {}))).toBeUndefined();
    expect(resourcesFromConfigurationItems([itemFromSelectRow(iamUserRow('a')), baseItem('AWS::Lambda::Function', 'f', {})])).toHaveLength(1);
  });

  it('an item whose configuration could not be read keeps its identity; every other property is Unknown', () => {
    const r = unreadableResource({ resourceType: 'AWS::RDS::DBInstance', resourceId: 'db-X', resourceName: 'x', arn: `arn:aws:rds:ap-northeast-1:${ACCOUNT}:db:x`, awsRegion: 'ap-northeast-1', tags: { DataClassification: 'Ⅱ' } }, 'no configuration')!;
    expect(r).toMatchObject({ kind: KINDS.RdsInstance, id: `arn:aws:rds:ap-northeast-1:${ACCOUNT}:db:x`, region: 'ap-northeast-1', tags: { DataClassification: 'Ⅱ' } });
    for (const p of ['storageEncrypted', 'kmsKeyId', 'backupRetentionPeriod', 'multiAz', 'publiclyAccessible']) expect(isUnknown(r.props[p])).toBe(true);
  });
});

describe('credential report', () => {
  it('reads password, MFA and key usage; N/A, no_information and not_supported are "no date"', () => {
    const csv = new TextDecoder().decode(report(userRow('a', { mfa: true, passwordLastUsed: '2026-03-30T09:00:00+00:00', key1: { lastUsed: 'N/A' } }), userRow('b', { password: false })));
    const rows = parseCredentialReport(csv);
    expect(rows.map((r) => r.user)).toEqual(['<root_account>', 'a', 'b']);
    expect(rows[0]).toMatchObject({ passwordEnabled: undefined, mfaActive: true });
    expect(rows[1]).toMatchObject({ passwordEnabled: true, mfaActive: true, passwordLastUsed: '2026-03-30T09:00:00+00:00', accessKeys: [{ slot: 1, active: true, lastUsed: null, lastRotated: '2025-04-01T00:00:00+00:00' }] });
    expect(rows[2]).toMatchObject({ passwordEnabled: false, passwordLastUsed: null, accessKeys: [] });
  });

  it('a report without the columns muniguard reads is an error, not an empty account', () => {
    expect(() => parseCredentialReport('user,arn\nx,y\n')).toThrow(/no password_enabled column/);
  });
});
