/**
 * An AWS account made of aws-sdk-client-mock stubs, with responses written from AWS's documented
 * response shapes. Every client of the scan is mocked; a command nobody configured answers with
 * an empty output (the SDK's shape for "nothing there"), so each test states only what it is about.
 */
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { SERVICES, type Service } from '../api';

export const ACCOUNT = '123456789012';

export type Stubs = Record<Service, AwsStub<any, any, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function mockAll(): Stubs {
  const stubs = {} as Stubs;
  for (const [name, { client }] of Object.entries(SERVICES)) {
    const stub = mockClient(client as never);
    stub.onAnyCommand().resolves({});
    stubs[name as Service] = stub as never;
  }
  return stubs;
}

export function restoreAll(stubs: Stubs): void {
  for (const s of Object.values(stubs)) s.restore();
}

/** An SDK service error as the SDK throws it. */
export function awsError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });
}

/** Calls a stub received, as `Command` names. */
export function commandNames(stubs: Stubs): string[] {
  return Object.values(stubs).flatMap((s) => s.calls().map((c) => (c.args[0] as object).constructor.name));
}

/** The report's header as IAM writes it. */
export const REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

export const ROOT_ROW = `<root_account>,arn:aws:iam::${ACCOUNT}:root,2019-04-01T00:00:00+00:00,not_supported,2026-02-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;

export function userRow(name: string, o: { password?: boolean; mfa?: boolean; passwordLastUsed?: string; key1?: { lastUsed: string } } = {}): string {
  const pw = o.password ?? true;
  const k = o.key1;
  return [
    name, `arn:aws:iam::${ACCOUNT}:user/${name}`, '2025-04-01T00:00:00+00:00', String(pw), pw ? o.passwordLastUsed ?? 'no_information' : 'N/A',
    pw ? '2025-04-01T00:00:00+00:00' : 'N/A', 'N/A', String(o.mfa ?? false),
    k ? 'true' : 'false', k ? '2025-04-01T00:00:00+00:00' : 'N/A', k ? k.lastUsed : 'N/A', k ? 'ap-northeast-1' : 'N/A', k ? 's3' : 'N/A',
    'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A',
  ].join(',');
}

export function report(...rows: string[]): Uint8Array {
  return new TextEncoder().encode([REPORT_HEADER, ROOT_ROW, ...rows].join('\n') + '\n');
}

/** A recorder that records every supported type (global ones too), as DescribeConfigurationRecorders returns it. */
export const RECORDING_ALL = {
  ConfigurationRecorders: [{
    name: 'default', roleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [], exclusionByResourceTypes: { resourceTypes: [] }, recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' } },
    recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] },
  }],
};
export const RECORDING_STATUS = { ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'SUCCESS' }] };

/** A SelectResourceConfig row for an S3 bucket, as advanced query returns it (JSON text; tags as key/value/tag). */
export function s3Row(name: string, o: { region?: string; sse?: 'AES256' | 'aws:kms'; kmsKey?: string; versioning?: string; tags?: Record<string, string> } = {}): string {
  return JSON.stringify({
    resourceId: name, resourceName: name, resourceType: 'AWS::S3::Bucket', arn: `arn:aws:s3:::${name}`, awsRegion: o.region ?? 'ap-northeast-1', accountId: ACCOUNT,
    configurationItemStatus: 'OK',
    configuration: { name, owner: { displayName: null, id: 'abc' }, creationDate: '2025-04-01T00:00:00.000Z' },
    supplementaryConfiguration: {
      BucketLoggingConfiguration: { destinationBucketName: null, logFilePrefix: null },
      BucketPolicy: { policyText: null },
      BucketVersioningConfiguration: { status: o.versioning ?? 'Off', isMfaDeleteEnabled: null },
      IsRequesterPaysEnabled: false,
      PublicAccessBlockConfiguration: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: o.sse ?? 'AES256', kmsMasterKeyID: o.kmsKey ?? null }, bucketKeyEnabled: false }] },
    },
    tags: Object.entries(o.tags ?? { DataClassification: 'Ⅱ' }).map(([key, value]) => ({ key, value, tag: `${key}=${value}` })),
  });
}

export function rdsRow(id: string, o: { encrypted?: boolean; region?: string; account?: string } = {}): string {
  const region = o.region ?? 'ap-northeast-1';
  const account = o.account ?? ACCOUNT;
  return JSON.stringify({
    resourceId: `db-${id.toUpperCase()}`, resourceName: id, resourceType: 'AWS::RDS::DBInstance', arn: `arn:aws:rds:${region}:${account}:db:${id}`, awsRegion: region, accountId: account,
    configurationItemStatus: 'OK',
    configuration: {
      dBInstanceIdentifier: id, dBInstanceClass: 'db.t4g.micro', engine: 'postgres', dBInstanceStatus: 'available', allocatedStorage: 20,
      backupRetentionPeriod: 7, multiAZ: false, publiclyAccessible: false, storageEncrypted: o.encrypted ?? true, copyTagsToSnapshot: true,
      dBInstanceArn: `arn:aws:rds:${region}:${account}:db:${id}`,
    },
    supplementaryConfiguration: {},
    tags: [{ key: 'DataClassification', value: 'Ⅱ', tag: 'DataClassification=Ⅱ' }],
  });
}

export function iamUserRow(name: string): string {
  return JSON.stringify({
    resourceId: `AIDA${name.toUpperCase()}`, resourceName: name, resourceType: 'AWS::IAM::User', arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, awsRegion: 'global', accountId: ACCOUNT,
    configurationItemStatus: 'OK',
    configuration: { path: '/', userName: name, userId: `AIDA${name.toUpperCase()}`, arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, userPolicyList: [], groupList: [], attachedManagedPolicies: [] },
    supplementaryConfiguration: {}, tags: [],
  });
}
