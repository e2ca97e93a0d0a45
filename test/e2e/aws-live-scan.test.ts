/**
 * The live scan end to end against a real HTTP server: the test starts moto on loopback, creates
 * an account's worth of problems with the AWS SDK (an unencrypted classified bucket, a bucket in
 * a region outside the allowed list, a console user without MFA, a log group with a short
 * retention, an unencrypted database), scans it with AWS_ENDPOINT_URL pointing at moto (the SDK's
 * own setting), evaluates Osaka's profile, and checks the findings — and that the scan changed
 * nothing in the account. moto's AWS Config records nothing here, so every type comes from the
 * service APIs, which is what a scan does in an account without a recorder.
 * Skipped, saying why, where python3 has no moto.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient, DescribeConfigurationRecordersCommand, PutConfigurationRecorderCommand, PutDeliveryChannelCommand, StartConfigurationRecorderCommand } from '@aws-sdk/client-config-service';
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { CreateLoginProfileCommand, CreateUserCommand, GetLoginProfileCommand, IAMClient, ListMFADevicesCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { CreateDBInstanceCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateBucketCommand, GetBucketEncryptionCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, ListBucketsCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { isReadOnlyAction, scanAccount, type AccountScan } from '@muniguard/aws-config';
import { main } from '@muniguard/cli';
import { controlsById } from '@muniguard/controls';
import { evaluate, exitCodeFor, loadProfile, type Finding, type ScanResult } from '@muniguard/core';
import { motoUnavailable, startMoto, useMotoEnv, type Moto } from './moto/server';

const why = motoUnavailable();
if (why) console.warn(`skipping the live-scan end-to-end tests: ${why}`);
const describeMoto = why ? describe.skip : describe;

const TOKYO = 'ap-northeast-1';
const VIRGINIA = 'us-east-1';
const REGIONS = [TOKYO, 'ap-northeast-3', VIRGINIA];
const ACCOUNT = '123456789012';

async function plantProblems(): Promise<void> {
  const s3 = new S3Client({ region: TOKYO, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'juminhyo-records', CreateBucketConfiguration: { LocationConstraint: TOKYO } }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: 'juminhyo-records', Tagging: { TagSet: [{ Key: 'DataClassification', Value: 'Ⅰ' }] } }));
  const s3us = new S3Client({ region: VIRGINIA, forcePathStyle: true });
  await s3us.send(new CreateBucketCommand({ Bucket: 'backup-copy-virginia' }));
  await s3us.send(new PutBucketTaggingCommand({ Bucket: 'backup-copy-virginia', Tagging: { TagSet: [{ Key: 'DataClassification', Value: 'Ⅱ' }] } }));
  const iam = new IAMClient({ region: TOKYO });
  await iam.send(new CreateUserCommand({ UserName: 'kumi' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'kumi', Password: 'Correct-Horse-Battery-9', PasswordResetRequired: false }));
  const logs = new CloudWatchLogsClient({ region: TOKYO });
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/muni/juki/app' }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/muni/juki/app', retentionInDays: 7 }));
  const rds = new RDSClient({ region: TOKYO });
  await rds.send(new CreateDBInstanceCommand({
    DBInstanceIdentifier: 'juki-db', DBInstanceClass: 'db.t4g.micro', Engine: 'postgres', AllocatedStorage: 20,
    MasterUsername: 'juki', MasterUserPassword: 'Correct-Horse-Battery-9', StorageEncrypted: false, BackupRetentionPeriod: 7,
    Tags: [{ Key: 'DataClassification', Value: 'Ⅰ' }],
  }));
  for (const c of [s3, s3us, iam, logs, rds]) c.destroy();
}

/** Everything the test can list about the account, to compare before and after the scan. */
async function inventory(): Promise<unknown> {
  const out: Record<string, unknown> = {};
  const s3 = new S3Client({ region: TOKYO, forcePathStyle: true });
  const buckets = (await s3.send(new ListBucketsCommand({}))).Buckets ?? [];
  out.buckets = await Promise.all(buckets.map(async (b) => {
    const region = b.Name === 'backup-copy-virginia' ? VIRGINIA : TOKYO;
    const c = new S3Client({ region, forcePathStyle: true });
    const settle = async <T>(p: Promise<T>) => p.then((v) => v, (e: Error) => e.name);
    const strip = (v: unknown) => (typeof v === 'object' && v ? { ...(v as object), $metadata: undefined } : v);
    const row = {
      name: b.Name,
      tags: strip(await settle(c.send(new GetBucketTaggingCommand({ Bucket: b.Name })))),
      encryption: strip(await settle(c.send(new GetBucketEncryptionCommand({ Bucket: b.Name })))),
      versioning: strip(await settle(c.send(new GetBucketVersioningCommand({ Bucket: b.Name })))),
    };
    c.destroy();
    return row;
  }));
  const iam = new IAMClient({ region: TOKYO });
  const users = (await iam.send(new ListUsersCommand({}))).Users ?? [];
  out.users = await Promise.all(users.map(async (u) => ({
    name: u.UserName,
    login: (await iam.send(new GetLoginProfileCommand({ UserName: u.UserName })).then((r) => r.LoginProfile?.UserName, (e: Error) => e.name)),
    mfa: ((await iam.send(new ListMFADevicesCommand({ UserName: u.UserName }))).MFADevices ?? []).length,
  })));
  for (const region of REGIONS) {
    const logs = new CloudWatchLogsClient({ region });
    const rds = new RDSClient({ region });
    const cfg = new ConfigServiceClient({ region });
    const gd = new GuardDutyClient({ region });
    const ct = new CloudTrailClient({ region });
    out[region] = {
      logGroups: ((await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map((g) => [g.logGroupName, g.retentionInDays]),
      dbs: ((await rds.send(new DescribeDBInstancesCommand({}))).DBInstances ?? []).map((d) => [d.DBInstanceIdentifier, d.StorageEncrypted, d.DBInstanceStatus]),
      recorders: ((await cfg.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? []).map((r) => r.name),
      detectors: (await gd.send(new ListDetectorsCommand({}))).DetectorIds ?? [],
      trails: ((await ct.send(new DescribeTrailsCommand({}))).trailList ?? []).map((t) => t.Name),
    };
    for (const c of [logs, rds, cfg, gd, ct]) c.destroy();
  }
  s3.destroy();
  iam.destroy();
  return out;
}

const failing = (f: Finding) => f.verdict === 'fail' || f.verdict === 'error';

describeMoto('live scan of an account served by moto (AWS_ENDPOINT_URL)', () => {
  let moto: Moto;
  let restoreEnv: () => void;
  const controls = controlsById();

  beforeAll(async () => {
    moto = await startMoto();
    restoreEnv = useMotoEnv(moto.url);
  }, 60_000);

  afterAll(async () => {
    restoreEnv?.();
    await moto?.stop();
  });

  describe('an account without AWS Config', () => {
    let before: unknown;
    let scan: AccountScan;
    let result: ScanResult;

    beforeAll(async () => {
      await moto.reset();
      await plantProblems();
      before = await inventory();
      scan = await scanAccount({ regions: REGIONS, allowedRegions: [TOKYO, 'ap-northeast-3'], quiet: true, reportWaitMs: 10_000 });
      const profile = loadProfile('osaka', { controls });
      result = evaluate({ profile, controls, resources: scan.resources, asOf: new Date().toISOString().slice(0, 10), readErrors: scan.readErrors, inputs: ['aws'] });
    }, 120_000);

    const at = (controlId: string, address: string) => result.findings.filter((f) => f.controlId === controlId && f.resource.address === address);
    const cites = (f: Finding[]) => new Set(f.flatMap((x) => x.clauses.map((c) => c.path)));

    it('reads everything it needs without an error (every type through the service APIs, said in the notes)', () => {
      expect(scan.readErrors).toEqual([]);
      expect(scan.accountId).toBe(ACCOUNT);
      expect(scan.notes.some((n) => n.en.includes(`${TOKYO}: AWS Config does not record`))).toBe(true);
    });

    it('the unencrypted classified bucket fails encryption, citing Osaka 7③ and 7⑩ア', () => {
      const f = at('s3-bucket-kms-cmk', 'arn:aws:s3:::juminhyo-records');
      expect(f.map((x) => [x.verdict, x.messageId, x.enforcement])).toEqual([['fail', 'noConfig', 'mandatory']]);
      for (const p of ['7③', '7⑩ア']) expect(cites(f).has(p)).toBe(true);
    });

    it('the bucket in us-east-1 fails the allowed-region check; the Tokyo one passes', () => {
      expect(at('resource-region-allowed', 'arn:aws:s3:::backup-copy-virginia').map((x) => [x.verdict, x.resource.region])).toEqual([['fail', VIRGINIA]]);
      expect(at('resource-region-allowed', 'arn:aws:s3:::juminhyo-records').map((x) => x.verdict)).toEqual(['pass']);
    });

    it('the console user without MFA fails, citing 10(2)①イ', () => {
      const f = at('iam-user-console-mfa', `arn:aws:iam::${ACCOUNT}:user/kumi`);
      expect(f.map((x) => [x.verdict, x.messageId])).toEqual([['fail', 'noMfa']]);
      expect(cites(f).has('10(2)①イ')).toBe(true);
      expect(at('iam-user-console-login', `arn:aws:iam::${ACCOUNT}:user/kumi`).map((x) => x.verdict)).toEqual(['fail']);
    });

    it('the log group with a 7-day retention fails against the 365-day parameter', () => {
      const f = at('log-group-retention', `arn:aws:logs:${TOKYO}:${ACCOUNT}:log-group:/muni/juki/app`);
      expect(f.map((x) => [x.verdict, x.messageId])).toEqual([['fail', 'tooShort']]);
      expect(f[0].message.en).toMatch(/7\b.*365/);
    });

    it('the unencrypted database fails storage encryption', () => {
      expect(at('rds-storage-encrypted', `arn:aws:rds:${TOKYO}:${ACCOUNT}:db:juki-db`).map((x) => [x.verdict, x.messageId])).toEqual([['fail', 'notEncrypted']]);
    });

    it('account-level checks: no root MFA, no trail, no Config recorder and no GuardDuty in the allowed regions', () => {
      const account = `AWS::::Account:${ACCOUNT}`;
      const verdicts = Object.fromEntries(['root-account-mfa', 'cloudtrail-account-trail', 'config-recorder-enabled', 'guardduty-enabled'].map((id) => [id, at(id, account).map((x) => [x.verdict, x.messageId])]));
      expect(verdicts).toEqual({
        'root-account-mfa': [['fail', 'noMfa']],
        'cloudtrail-account-trail': [['fail', 'noTrail']],
        'config-recorder-enabled': [['fail', 'missing']],
        'guardduty-enabled': [['fail', 'missing']],
      });
      expect(at('config-recorder-enabled', account)[0].message.en).toContain('ap-northeast-1, ap-northeast-3');
    });

    it('fails the run (exit 1) and reports nothing it did not read as a pass', () => {
      expect(exitCodeFor(result, 'fail')).toBe(1);
      expect(result.findings.filter(failing).length).toBeGreaterThanOrEqual(10);
    });

    it('only read: every call it made is a read-only action, and the account is unchanged afterwards', async () => {
      const actions = Object.keys(scan.calls);
      expect(actions.length).toBeGreaterThan(30);
      expect(actions.filter((a) => !isReadOnlyAction(a))).toEqual([]);
      expect(await inventory()).toEqual(before);
    });

    it('the CLI: muniguard scan --aws finds the planted problems and leaves the account unchanged', async () => {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-aws-')), 'report.json');
      const err: string[] = [];
      const code = await main(['scan', '--aws', '--regions', REGIONS.join(','), '--profile', 'osaka', '--format', 'json', '--output', out, '--quiet'], {
        stdout: () => undefined, stderr: (t) => err.push(t),
      });
      expect({ code, err: err.join('') }).toEqual({ code: 1, err: '' });
      const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
      const flagged = (doc.findings as Finding[]).filter(failing).map((f) => `${f.controlId} ${f.resource.address}`);
      for (const want of [
        's3-bucket-kms-cmk arn:aws:s3:::juminhyo-records',
        'resource-region-allowed arn:aws:s3:::backup-copy-virginia',
        `iam-user-console-mfa arn:aws:iam::${ACCOUNT}:user/kumi`,
        `log-group-retention arn:aws:logs:${TOKYO}:${ACCOUNT}:log-group:/muni/juki/app`,
        `rds-storage-encrypted arn:aws:rds:${TOKYO}:${ACCOUNT}:db:juki-db`,
      ]) expect(flagged).toContain(want);
      expect(await inventory()).toEqual(before);
    }, 60_000);
  });

  describe('an account with a Config recorder in Tokyo only (moto: the advanced query answers with no rows)', () => {
    let scan: AccountScan;
    let result: ScanResult;

    beforeAll(async () => {
      await moto.reset();
      const s3 = new S3Client({ region: TOKYO, forcePathStyle: true });
      await s3.send(new CreateBucketCommand({ Bucket: 'config-delivery', CreateBucketConfiguration: { LocationConstraint: TOKYO } }));
      s3.destroy();
      const cfg = new ConfigServiceClient({ region: TOKYO });
      await cfg.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: `arn:aws:iam::${ACCOUNT}:role/aws-config`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }));
      await cfg.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-delivery' } }));
      await cfg.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
      cfg.destroy();
      await plantProblems();
      scan = await scanAccount({ regions: REGIONS, allowedRegions: [TOKYO, 'ap-northeast-3'], quiet: true, reportWaitMs: 10_000 });
      result = evaluate({ profile: loadProfile('osaka', { controls }), controls, resources: scan.resources, asOf: new Date().toISOString().slice(0, 10), readErrors: scan.readErrors });
    }, 120_000);

    const at = (controlId: string, address: string) => result.findings.filter((f) => f.controlId === controlId && f.resource.address === address);

    it('asks AWS Config first, and reads through the service APIs what Config returned nothing for', () => {
      expect(scan.calls['config:SelectResourceConfig']).toBe(1);
      expect(scan.readErrors).toEqual([]);
      expect(at('s3-bucket-kms-cmk', 'arn:aws:s3:::juminhyo-records').map((f) => [f.verdict, f.messageId])).toEqual([['fail', 'noConfig']]);
      expect(at('rds-storage-encrypted', `arn:aws:rds:${TOKYO}:${ACCOUNT}:db:juki-db`).map((f) => f.verdict)).toEqual(['fail']);
    });

    it('the recorder check passes Tokyo and names Osaka, where there is none', () => {
      const f = at('config-recorder-enabled', `AWS::::Account:${ACCOUNT}`);
      expect(f.map((x) => [x.verdict, x.messageId, x.path])).toEqual([['fail', 'missing', 'configRecorders.ap-northeast-3']]);
      expect(f[0].message.en).toBe('No AWS Config recorder in: ap-northeast-3.');
    });
  });
});
