/**
 * scanAccount() against an account made of aws-sdk-client-mock stubs whose responses follow AWS's
 * documented shapes: advanced-query rows, BatchGet items, aggregator results, pagination tokens,
 * throttling, refused calls, unreachable regions, unprocessed keys, the whole-scan timeout.
 */
import {
  BatchGetAggregateResourceConfigCommand, BatchGetResourceConfigCommand, DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand,
  SelectAggregateResourceConfigCommand, SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetDetectorCommand, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import {
  GenerateCredentialReportCommand, GetAccountAuthorizationDetailsCommand, GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, GetCredentialReportCommand,
} from '@aws-sdk/client-iam';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import {
  GetBucketEncryptionCommand, GetBucketLocationCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand, ListBucketsCommand,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { controlsById } from '@muniguard/controls';
import { evaluate, isUnknown, KINDS, testing, type Resource } from '@muniguard/core';
import { AwsApi } from '../api';
import { scanAccount, type ScanAccountOptions } from '../scan';
import {
  ACCOUNT, awsError, iamUserRow, mockAll, RECORDING_ALL, RECORDING_STATUS, rdsRow, report, restoreAll, s3Row, userRow, type Stubs,
} from './mock-account';

let stubs: Stubs;
beforeEach(() => {
  stubs = mockAll();
});
afterEach(() => restoreAll(stubs));

const OPTS: ScanAccountOptions = { regions: ['ap-northeast-1'], quiet: true, homeRegion: 'ap-northeast-1', reportWaitMs: 2_000 };

function baseAccount(o: { regions?: string[]; recorder?: boolean } = {}) {
  const regions = o.regions ?? ['ap-northeast-1', 'ap-northeast-3', 'us-east-1'];
  stubs.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:role/muniguard-scan`, UserId: 'AROAEXAMPLE:scan' });
  stubs.ec2.on(DescribeRegionsCommand).resolves({ Regions: regions.map((r) => ({ RegionName: r, Endpoint: `ec2.${r}.amazonaws.com`, OptInStatus: 'opt-in-not-required' })) });
  stubs.iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  stubs.iam.on(GetCredentialReportCommand).resolves({ Content: report(), ReportFormat: 'text/csv', GeneratedTime: new Date('2026-03-31T00:00:00Z') });
  stubs.iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 1 } });
  stubs.iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('NoSuchEntity', `The Password Policy with domain name ${ACCOUNT} cannot be found.`, 404));
  if (o.recorder) {
    stubs.config.on(DescribeConfigurationRecordersCommand).resolves(RECORDING_ALL);
    stubs.config.on(DescribeConfigurationRecorderStatusCommand).resolves(RECORDING_STATUS);
  }
}

const controls = controlsById();
function findings(resources: Resource[], ids: string[], readErrors = [] as Parameters<typeof evaluate>[0]['readErrors']) {
  const picked = ids.map((id) => controls.get(id)!);
  return evaluate({ profile: testing.testProfile(picked), controls: new Map(picked.map((c) => [c.id, c])), resources, asOf: '2026-04-01', readErrors }).findings;
}

describe('inventory through AWS Config', () => {
  it('pages SelectResourceConfig 100 rows at a time with NextToken and reads no service API for recorded types', async () => {
    baseAccount({ recorder: true });
    const page1 = Array.from({ length: 100 }, (_, i) => s3Row(`records-${i}`));
    const page2 = [s3Row('kms-bucket', { sse: 'aws:kms', kmsKey: `arn:aws:kms:ap-northeast-1:${ACCOUNT}:key/k1`, versioning: 'Enabled' }), rdsRow('app'), iamUserRow('tanaka')];
    stubs.config.on(SelectResourceConfigCommand).callsFake((input) => (input.NextToken === 'page-2'
      ? { QueryInfo: { SelectFields: [{ Name: 'resourceId' }] }, Results: page2 }
      : { QueryInfo: { SelectFields: [{ Name: 'resourceId' }] }, Results: page1, NextToken: 'page-2' }));

    const scan = await scanAccount(OPTS);

    const selects = stubs.config.commandCalls(SelectResourceConfigCommand);
    expect(selects.map((c) => [c.args[0].input.Limit, c.args[0].input.NextToken])).toEqual([[100, undefined], [100, 'page-2']]);
    expect(selects[0].args[0].input.Expression).toMatch(/^SELECT .*configuration, supplementaryConfiguration, tags WHERE resourceType IN \('/);
    expect(stubs.config.commandCalls(BatchGetResourceConfigCommand)).toHaveLength(0);
    // recorded types are not read again from their services
    expect(stubs.s3.commandCalls(ListBucketsCommand)).toHaveLength(0);
    expect(stubs.rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(0);
    expect(stubs.iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(0);
    // Config does not record log groups: always from CloudWatch Logs
    expect(stubs.logs.commandCalls(DescribeLogGroupsCommand)).toHaveLength(1);

    const buckets = scan.resources.filter((r) => r.kind === KINDS.S3Bucket);
    expect(buckets).toHaveLength(101);
    const kms = buckets.find((b) => b.name === 'kms-bucket')!;
    expect(kms).toMatchObject({ id: 'arn:aws:s3:::kms-bucket', region: 'ap-northeast-1', tags: { DataClassification: 'Ⅱ' } });
    expect(kms.props).toMatchObject({ encryption: { algorithm: 'aws:kms', kmsKeyId: `arn:aws:kms:ap-northeast-1:${ACCOUNT}:key/k1` }, versioning: { status: 'Enabled' } });
    expect(buckets.find((b) => b.name === 'records-7')!.props).toMatchObject({ encryption: { algorithm: 'AES256' }, versioning: { status: 'Disabled' } });
    expect(scan.resources.find((r) => r.kind === KINDS.RdsInstance)!.props).toMatchObject({ storageEncrypted: true, engine: 'postgres', identifier: 'app' });
    expect(scan.resources.find((r) => r.kind === KINDS.IamUser)).toMatchObject({ name: 'tanaka', region: undefined });
    expect(scan.calls['config:SelectResourceConfig']).toBe(2);
    expect(scan.readErrors).toEqual([]);
  });

  it('costs about N/100 + a constant Config calls: 2,000 resources in two regions', async () => {
    baseAccount({ recorder: true });
    const rows = (region: string) => Array.from({ length: 1_000 }, (_, i) => (i % 2 ? rdsRow(`${region}-db${i}`, { region }) : s3Row(`${region}-b${i}`, { region })));
    const byRegion = new Map(['ap-northeast-1', 'ap-northeast-3'].map((r) => [r, rows(r)]));
    stubs.config.on(SelectResourceConfigCommand).callsFake(async (input, getClient) => {
      const all = byRegion.get(await getClient().config.region())!;
      const start = Number(input.NextToken ?? 0);
      return { Results: all.slice(start, start + input.Limit!), ...(start + input.Limit! < all.length ? { NextToken: String(start + input.Limit!) } : {}) };
    });
    const scan = await scanAccount({ ...OPTS, regions: ['ap-northeast-1', 'ap-northeast-3'] });
    expect(scan.resources.filter((r) => r.kind === KINDS.S3Bucket || r.kind === KINDS.RdsInstance)).toHaveLength(2_000);
    const config = Object.entries(scan.calls).filter(([a]) => a.startsWith('config:'));
    // 20 query pages + a recorder and its status per region
    expect(Object.fromEntries(config)).toEqual({ 'config:SelectResourceConfig': 20, 'config:DescribeConfigurationRecorders': 2, 'config:DescribeConfigurationRecorderStatus': 2 });
  });

  it('falls back per type to the service API where the recorder does not record it, and says so', async () => {
    baseAccount();
    stubs.config.on(DescribeConfigurationRecordersCommand).resolves({
      ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ['AWS::S3::Bucket'], recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' } } }],
    });
    stubs.config.on(DescribeConfigurationRecorderStatusCommand).resolves(RECORDING_STATUS);
    stubs.config.on(SelectResourceConfigCommand).resolves({ Results: [s3Row('records')] });
    stubs.rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [{
        DBInstanceIdentifier: 'legacy', DBInstanceArn: `arn:aws:rds:ap-northeast-1:${ACCOUNT}:db:legacy`, Engine: 'mysql', StorageEncrypted: false, MultiAZ: false,
        PubliclyAccessible: false, BackupRetentionPeriod: 1, CopyTagsToSnapshot: false, DbiResourceId: 'db-LEGACY', TagList: [{ Key: 'DataClassification', Value: 'Ⅰ' }],
      }],
    });

    const scan = await scanAccount(OPTS);

    expect(stubs.config.commandCalls(SelectResourceConfigCommand)[0].args[0].input.Expression).toContain("resourceType IN ('AWS::S3::Bucket')");
    expect(stubs.s3.commandCalls(ListBucketsCommand)).toHaveLength(0);
    const db = scan.resources.find((r) => r.kind === KINDS.RdsInstance)!;
    expect(db).toMatchObject({ id: `arn:aws:rds:ap-northeast-1:${ACCOUNT}:db:legacy`, tags: { DataClassification: 'Ⅰ' }, props: { storageEncrypted: false, engine: 'mysql', multiAz: false } });
    const note = scan.notes.find((n) => n.en.includes('does not record'))!;
    expect(note.en).toContain('AWS::RDS::DBInstance');
    expect(note.en).not.toContain('AWS::S3::Bucket');
    expect(note.ja).toContain('AWS::RDS::DBInstance');
    // IAM is not recorded: one paginated IAM call instead
    expect(stubs.iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(1);
  });

  it('completes rows without a configuration with BatchGetResourceConfig, 100 keys a call, retrying unprocessed keys', async () => {
    baseAccount({ recorder: true });
    const rows = Array.from({ length: 150 }, (_, i) => {
      const r = JSON.parse(rdsRow(`db${i}`));
      delete r.configuration;
      return JSON.stringify(r);
    });
    stubs.config.on(SelectResourceConfigCommand).callsFake((input) => (input.NextToken ? { Results: rows.slice(100) } : { Results: rows.slice(0, 100), NextToken: 'n' }));
    let first = true;
    stubs.config.on(BatchGetResourceConfigCommand).callsFake((input) => {
      const keys = input.resourceKeys as { resourceType: string; resourceId: string }[];
      // the first call leaves one key unprocessed, as Config does under load
      const unprocessed = first ? keys.slice(-1) : [];
      first = false;
      const done = keys.slice(0, keys.length - unprocessed.length);
      return {
        baseConfigurationItems: done.map((k) => {
          const id = k.resourceId.replace(/^db-/, '').toLowerCase();
          const row = JSON.parse(rdsRow(id));
          return {
            version: '1.3', accountId: ACCOUNT, configurationItemCaptureTime: new Date('2026-03-31T00:00:00Z'), configurationItemStatus: 'OK',
            configurationStateId: '1', arn: row.arn, resourceType: k.resourceType, resourceId: k.resourceId, resourceName: id, awsRegion: 'ap-northeast-1',
            availabilityZone: 'ap-northeast-1a', configuration: JSON.stringify(row.configuration), supplementaryConfiguration: {},
          };
        }),
        unprocessedResourceKeys: unprocessed,
      };
    });

    const scan = await scanAccount(OPTS);

    const calls = stubs.config.commandCalls(BatchGetResourceConfigCommand).map((c) => c.args[0].input.resourceKeys!.length);
    expect(calls.every((n) => n <= 100)).toBe(true);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(151); // 150 keys + 1 retried
    expect(calls).toContain(1);
    const dbs = scan.resources.filter((r) => r.kind === KINDS.RdsInstance);
    expect(dbs).toHaveLength(150);
    expect(dbs.every((d) => d.props.storageEncrypted === true)).toBe(true);
    // the tags came from the query rows (BatchGet items carry none)
    expect(dbs.every((d) => (d.tags as Record<string, string>).DataClassification === 'Ⅱ')).toBe(true);
  });

  it('keys that stay unprocessed become unreadable resources, and error findings that name the call', async () => {
    baseAccount({ recorder: true });
    const row = JSON.parse(rdsRow('stuck'));
    delete row.configuration;
    stubs.config.on(SelectResourceConfigCommand).resolves({ Results: [JSON.stringify(row)] });
    stubs.config.on(BatchGetResourceConfigCommand).callsFake((input) => ({ baseConfigurationItems: [], unprocessedResourceKeys: input.resourceKeys }));

    const scan = await scanAccount(OPTS);

    expect(stubs.config.commandCalls(BatchGetResourceConfigCommand)).toHaveLength(4);
    const db = scan.resources.find((r) => r.kind === KINDS.RdsInstance)!;
    expect(isUnknown(db.props.storageEncrypted)).toBe(true);
    const f = findings(scan.resources, ['rds-storage-encrypted'], scan.readErrors).find((x) => x.resource.address === db.id)!;
    expect(f.verdict).toBe('error');
    expect(f.message.en).toContain('config:BatchGetResourceConfig');
  }, 15_000);

  it('reads an organisation through an aggregator: SelectAggregateResourceConfig and BatchGetAggregateResourceConfig', async () => {
    baseAccount();
    const partial = JSON.parse(rdsRow('payroll', { account: '222222222222', region: 'ap-northeast-3' }));
    delete partial.configuration;
    stubs.config.on(SelectAggregateResourceConfigCommand).resolves({
      Results: [rdsRow('portal', { account: '111111111111' }), JSON.stringify(partial), s3Row('shared')],
      QueryInfo: { SelectFields: [{ Name: 'resourceId' }] },
    });
    stubs.config.on(BatchGetAggregateResourceConfigCommand).resolves({
      BaseConfigurationItems: [{
        accountId: '222222222222', awsRegion: 'ap-northeast-3', resourceType: 'AWS::RDS::DBInstance', resourceId: partial.resourceId, arn: partial.arn,
        configuration: JSON.stringify({ dBInstanceIdentifier: 'payroll', storageEncrypted: false, engine: 'oracle-se2' }), supplementaryConfiguration: {},
      }],
      UnprocessedResourceIdentifiers: [],
    });

    const scan = await scanAccount({ ...OPTS, regions: undefined, aggregator: 'org-aggregator' });

    const sel = stubs.config.commandCalls(SelectAggregateResourceConfigCommand)[0].args[0].input;
    expect(sel).toMatchObject({ ConfigurationAggregatorName: 'org-aggregator', Limit: 100 });
    expect(stubs.config.commandCalls(SelectResourceConfigCommand)).toHaveLength(0);
    expect(stubs.config.commandCalls(BatchGetAggregateResourceConfigCommand)[0].args[0].input.ResourceIdentifiers).toEqual([
      { SourceAccountId: '222222222222', SourceRegion: 'ap-northeast-3', ResourceId: partial.resourceId, ResourceType: 'AWS::RDS::DBInstance' },
    ]);
    const dbs = scan.resources.filter((r) => r.kind === KINDS.RdsInstance);
    expect(dbs.map((d) => [d.id, d.region, d.props.storageEncrypted])).toEqual([
      [`arn:aws:rds:ap-northeast-1:111111111111:db:portal`, 'ap-northeast-1', true],
      [`arn:aws:rds:ap-northeast-3:222222222222:db:payroll`, 'ap-northeast-3', false],
    ]);
    expect(scan.notes.some((n) => n.en.includes('aggregator org-aggregator'))).toBe(true);
  });
});

describe('refused and failed calls', () => {
  it('an AccessDenied on one attribute is an error for that attribute only; a refused list is an error for the kind', async () => {
    baseAccount();
    stubs.s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'records', BucketRegion: 'ap-northeast-1', CreationDate: new Date('2025-04-01') }], Owner: { ID: 'abc' } });
    stubs.s3.on(GetBucketEncryptionCommand).rejects(awsError('AccessDenied', 'User: arn:aws:sts::123456789012:assumed-role/muniguard-scan/x is not authorized to perform: s3:GetEncryptionConfiguration', 403));
    stubs.s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    stubs.s3.on(GetBucketTaggingCommand).resolves({ TagSet: [{ Key: 'DataClassification', Value: 'Ⅱ' }] });
    stubs.s3.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404));
    stubs.dynamodb.on(ListTablesCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: dynamodb:ListTables'));

    const scan = await scanAccount(OPTS);
    const all = findings(scan.resources, ['s3-bucket-kms-cmk', 's3-bucket-versioning', 's3-bucket-public-access-block', 'dynamodb-table-kms'], scan.readErrors);

    const byControl = (id: string) => all.filter((f) => f.controlId === id);
    const kms = byControl('s3-bucket-kms-cmk');
    expect(kms.map((f) => [f.resource.address, f.verdict])).toEqual([['arn:aws:s3:::records', 'error']]);
    expect(kms[0].message.en).toContain('s3:GetEncryptionConfiguration');
    expect(kms[0].message.ja).toContain('s3:GetEncryptionConfiguration');
    expect(byControl('s3-bucket-versioning').map((f) => f.verdict)).toEqual(['pass']);
    // "no public access block" is a fact (NoSuch…), not an error
    expect(byControl('s3-bucket-public-access-block').map((f) => f.verdict)).toEqual(['fail']);
    const ddb = byControl('dynamodb-table-kms');
    expect(ddb.map((f) => [f.resource.address, f.verdict, f.enforcement])).toEqual([['ap-northeast-1/AWS::DynamoDB::Table', 'error', 'mandatory']]);
    expect(ddb[0].message.en).toContain('dynamodb:ListTables');
    // the scan went on: log groups were still read
    expect(stubs.logs.commandCalls(DescribeLogGroupsCommand)).toHaveLength(1);
  });

  it('a bucket whose location cannot be read is still there: every check of it is an error naming s3:GetBucketLocation', async () => {
    baseAccount();
    stubs.s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'somewhere', CreationDate: new Date('2025-04-01') }] });
    stubs.s3.on(GetBucketLocationCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const scan = await scanAccount(OPTS);
    const all = findings(scan.resources, ['s3-bucket-kms-cmk', 'resource-region-allowed'], scan.readErrors).filter((f) => f.resource.address === 'arn:aws:s3:::somewhere');
    expect(all.map((f) => [f.controlId, f.verdict])).toEqual([['s3-bucket-kms-cmk', 'error'], ['resource-region-allowed', 'error']]);
    expect(all.every((f) => f.message.en.includes('s3:GetBucketLocation'))).toBe(true);
  });

  it('an unreachable region becomes error findings for that region while the others are read', async () => {
    baseAccount();
    const down = Object.assign(new Error('connect ETIMEDOUT 52.94.0.1:443'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    for (const stub of Object.values(stubs)) {
      stub.onAnyCommand().callsFake(async (_input: unknown, getClient: () => { config: { region: () => Promise<string> } }) => {
        if ((await getClient().config.region()) === 'ap-northeast-3') throw down;
        return {};
      });
    }
    baseAccount();
    stubs.logs.on(DescribeLogGroupsCommand).callsFake(async (_i: unknown, getClient: () => { config: { region: () => Promise<string> } }) => {
      if ((await getClient().config.region()) === 'ap-northeast-3') throw down;
      return { logGroups: [{ logGroupName: '/app/web', retentionInDays: 400, logGroupArn: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/app/web` }] };
    });

    stubs.guardduty.on(ListDetectorsCommand).callsFake(async (_i: unknown, getClient: () => { config: { region: () => Promise<string> } }) => {
      if ((await getClient().config.region()) === 'ap-northeast-3') throw down;
      return { DetectorIds: ['d-tokyo'] };
    });
    stubs.guardduty.on(GetDetectorCommand).resolves({ Status: 'ENABLED' });

    const scan = await scanAccount({ ...OPTS, regions: ['ap-northeast-1', 'ap-northeast-3'] });

    expect(scan.resources.filter((r) => r.kind === KINDS.LogGroup).map((r) => r.region)).toEqual(['ap-northeast-1']);
    const osaka = scan.readErrors.filter((e) => e.region === 'ap-northeast-3');
    expect(osaka.length).toBeGreaterThan(5);
    expect(osaka.every((e) => e.code === 'TimeoutError')).toBe(true);
    const all = findings(scan.resources, ['log-group-retention', 'rds-storage-encrypted', 'guardduty-enabled'], scan.readErrors);
    expect(all.filter((f) => f.controlId === 'log-group-retention').map((f) => [f.resource.address, f.verdict])).toEqual([
      [`arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/app/web`, 'pass'],
      ['ap-northeast-3/AWS::Logs::LogGroup', 'error'],
    ]);
    expect(all.find((f) => f.controlId === 'rds-storage-encrypted')).toMatchObject({ verdict: 'error', resource: { region: 'ap-northeast-3' } });
    // GuardDuty is on in Tokyo; Osaka could not be read: the account check says error, naming the call
    const gd = all.find((f) => f.controlId === 'guardduty-enabled')!;
    expect(gd.verdict).toBe('error');
    expect(gd.message.en).toContain('guardduty:ListDetectors');
  });

  it('Config throttling that outlasts the SDK retries: the region is read through the service APIs and the scan says so', async () => {
    baseAccount({ recorder: true });
    stubs.config.on(SelectResourceConfigCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    stubs.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceIdentifier: 'app', DBInstanceArn: `arn:aws:rds:ap-northeast-1:${ACCOUNT}:db:app`, StorageEncrypted: true }] });

    const scan = await scanAccount(OPTS);

    expect(scan.notes.some((n) => n.en.includes('config:SelectResourceConfig: ThrottlingException'))).toBe(true);
    expect(scan.resources.find((r) => r.kind === KINDS.RdsInstance)?.props.storageEncrypted).toBe(true);
    expect(stubs.s3.commandCalls(ListBucketsCommand)).toHaveLength(1);
    expect(scan.readErrors).toEqual([]);
  });

  it('the whole-scan timeout stops the scan; what was not read is reported as ScanTimeout errors', async () => {
    baseAccount();
    stubs.ec2.on(DescribeRegionsCommand).callsFake(() => new Promise((r) => setTimeout(() => r({ Regions: [{ RegionName: 'ap-northeast-1' }] }), 300)));
    const started = Date.now();
    const scan = await scanAccount({ ...OPTS, timeoutMs: 100 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(scan.readErrors.length).toBeGreaterThan(10);
    expect(scan.readErrors.every((e) => e.code === 'ScanTimeout')).toBe(true);
    expect(scan.notes.some((n) => n.en.includes('timeout'))).toBe(true);
    const f = findings(scan.resources, ['s3-bucket-kms-cmk'], scan.readErrors);
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((x) => x.verdict === 'error')).toBe(true);
  });

  it('identifying the account is the one call the scan cannot go without: a clear input error', async () => {
    stubs.sts.on(GetCallerIdentityCommand).rejects(awsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403));
    await expect(scanAccount(OPTS)).rejects.toThrow(/^aws: cannot identify the AWS account .*sts:GetCallerIdentity failed, InvalidClientTokenId/);
  });
});

describe('resilience settings', () => {
  it('clients use adaptive retry', async () => {
    const api = new AwsApi();
    try {
      const client = api.client('config', 'ap-northeast-1') as unknown as { config: { retryStrategy: () => Promise<{ mode: string }> } };
      expect((await client.config.retryStrategy()).mode).toBe('adaptive');
    } finally {
      api.close();
    }
  });

  it('calls in flight per service stay within the concurrency bound', async () => {
    baseAccount();
    const buckets = Array.from({ length: 24 }, (_, i) => ({ Name: `b${i}`, BucketRegion: 'ap-northeast-1' }));
    stubs.s3.on(ListBucketsCommand).resolves({ Buckets: buckets });
    let inFlight = 0;
    let peak = 0;
    stubs.s3.on(GetBucketVersioningCommand).callsFake(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return { Status: 'Enabled' };
    });
    await scanAccount({ ...OPTS, concurrency: 3 });
    expect(stubs.s3.commandCalls(GetBucketVersioningCommand)).toHaveLength(24);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('progress goes to the given sink, and nowhere when quiet', async () => {
    baseAccount();
    const lines: string[] = [];
    await scanAccount({ ...OPTS, quiet: false, progress: (m) => lines.push(m) });
    expect(lines[0]).toContain(`account ${ACCOUNT}`);
    expect(lines.some((l) => /\[1\/1\] ap-northeast-1/.test(l))).toBe(true);
    const write = jest.spyOn(process.stderr, 'write');
    await scanAccount(OPTS);
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
  });
});

describe('account-level facts', () => {
  it('builds the account from the summary, trails, recorders, GuardDuty and the credential report', async () => {
    baseAccount({ recorder: true });
    stubs.iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 } });
    stubs.iam.on(GetCredentialReportCommand)
      .rejectsOnce(awsError('ReportNotPresent', 'Received a report request for a report that does not exist', 410))
      .resolves({ Content: report(userRow('console-user', { password: true, mfa: false, passwordLastUsed: '2026-03-01T00:00:00+00:00' })) });
    stubs.iam.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED', Description: 'No report exists. Starting a new report generation task' });
    const arn = `arn:aws:cloudtrail:ap-northeast-1:${ACCOUNT}:trail/main`;
    stubs.cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'main', TrailARN: arn, HomeRegion: 'ap-northeast-1', IsMultiRegionTrail: true, LogFileValidationEnabled: true, IsOrganizationTrail: false }] });
    stubs.cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: false });
    stubs.guardduty.on(ListDetectorsCommand).resolves({ DetectorIds: ['d-1'] });
    stubs.guardduty.on(GetDetectorCommand).resolves({ Status: 'ENABLED', ServiceRole: 'x', CreatedAt: '2025-01-01' });
    stubs.config.on(SelectResourceConfigCommand).resolves({ Results: [iamUserRow('console-user')] });

    const scan = await scanAccount({ ...OPTS, allowedRegions: ['ap-northeast-1', 'ap-northeast-3'] });

    const account = scan.resources.find((r) => r.kind === KINDS.Account)!;
    expect(account.id).toBe(`AWS::::Account:${ACCOUNT}`);
    expect(account.props).toMatchObject({ rootMfaEnabled: false, rootAccessKeysPresent: true, passwordPolicy: null, scannedRegions: ['ap-northeast-1'] });
    expect(Object.keys(account.props.configRecorders as object).sort()).toEqual(['ap-northeast-1', 'ap-northeast-3']);
    expect((account.props.trails as { isLogging: unknown }[])[0].isLogging).toBe(false);
    const user = scan.resources.find((r) => r.kind === KINDS.IamUser)!;
    expect(user.props).toMatchObject({ loginProfile: true, mfaActive: false, passwordLastUsed: '2026-03-01T00:00:00+00:00' });
    expect(stubs.iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(1);

    const verdicts = findings(scan.resources, ['root-account-mfa', 'iam-user-console-mfa', 'cloudtrail-account-trail', 'config-recorder-enabled', 'guardduty-enabled'])
      .map((f) => [f.controlId, f.verdict, f.messageId]);
    expect(verdicts).toEqual([
      ['root-account-mfa', 'fail', 'noMfa'],
      ['iam-user-console-mfa', 'fail', 'noMfa'],
      ['cloudtrail-account-trail', 'fail', 'notLogging'],
      ['config-recorder-enabled', 'pass', 'passed'],
      ['guardduty-enabled', 'pass', 'passed'],
    ]);
  });

  it('a refused credential report leaves the users unreadable and says which permission is missing', async () => {
    baseAccount({ recorder: true });
    stubs.iam.on(GetCredentialReportCommand).rejects(awsError('AccessDenied', 'not authorized to perform: iam:GetCredentialReport', 403));
    stubs.config.on(SelectResourceConfigCommand).resolves({ Results: [iamUserRow('tanaka')] });
    const scan = await scanAccount(OPTS);
    const f = findings(scan.resources, ['iam-user-console-mfa'], scan.readErrors);
    expect(f.map((x) => [x.resource.address, x.verdict])).toEqual([[`arn:aws:iam::${ACCOUNT}:user/tanaka`, 'error']]);
    expect(f[0].message.en).toContain('iam:GetCredentialReport');
  });
});
