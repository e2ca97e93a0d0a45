/**
 * The shipped IAM policy (packages/aws-config/iam-policy.json) allows exactly what the scanner
 * calls: every command its source constructs is allowed (or the scan would hit AccessDenied), and
 * nothing else is (least privilege). Every allowed action only reads. The scanner sends only
 * through AwsApi.call, so a command cannot bypass what this test reads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { allowedActions, commandsInSource, comparePolicy, isReadOnlyAction, NOT_SCANNER, scannerCommands, type PolicyDocument } from '../least-privilege';
import { ACCOUNT, mockAll, restoreAll } from './mock-account';
import { scanAccount } from '../scan';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';

const SRC = path.resolve(__dirname, '..');
const POLICY_FILE = path.resolve(__dirname, '../../iam-policy.json');
const policy = JSON.parse(fs.readFileSync(POLICY_FILE, 'utf8')) as PolicyDocument;
const called = scannerCommands(SRC);

describe('least-privilege IAM policy', () => {
  it('allows every action the scanner calls and nothing more', () => {
    expect(called.length).toBeGreaterThan(50);
    const { missing, unused } = comparePolicy(called.map((c) => c.action), policy);
    expect({ missing, unused }).toEqual({ missing: [], unused: [] });
  });

  it('fails when the code calls an action the policy does not list', () => {
    const without = { ...policy, Statement: [{ ...policy.Statement[0], Action: (policy.Statement[0].Action as string[]).filter((a) => a !== 's3:GetEncryptionConfiguration') }] };
    expect(comparePolicy(called.map((c) => c.action), without).missing).toEqual(['s3:GetEncryptionConfiguration']);
    // and a new call in the source is seen
    const src = "import { GetBucketAclCommand } from '@aws-sdk/client-s3';\nawait api.call('s3', r, new GetBucketAclCommand({ Bucket: b }), meta);";
    const extra = commandsInSource('new.ts', src);
    expect(comparePolicy([...called.map((c) => c.action), ...extra.map((c) => c.action)], policy).missing).toEqual(['s3:GetBucketAcl']);
  });

  it('maps SDK operations to their IAM action names where they differ', () => {
    const byCommand = new Map(called.map((c) => [c.command, c.action]));
    expect(byCommand.get('ListBucketsCommand')).toBe('s3:ListAllMyBuckets');
    expect(byCommand.get('GetBucketEncryptionCommand')).toBe('s3:GetEncryptionConfiguration');
    expect(byCommand.get('GetPublicAccessBlockCommand')).toBe('s3:GetBucketPublicAccessBlock');
    expect(byCommand.get('GetBucketReplicationCommand')).toBe('s3:GetReplicationConfiguration');
    expect(byCommand.get('DescribeFileSystemsCommand')).toBe('elasticfilesystem:DescribeFileSystems');
    expect(byCommand.get('ListUserPoolsCommand')).toBe('cognito-idp:ListUserPools');
  });

  it('every allowed action only reads; the policy has no wildcard and no condition that widens it', () => {
    const actions = [...allowedActions(policy)];
    expect(actions.filter((a) => !isReadOnlyAction(a))).toEqual([]);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(policy.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
  });

  it('a command imported from elsewhere, or aliased, is still caught', () => {
    expect(() => commandsInSource('x.ts', 'const c = new MysteryCommand({});')).toThrow(/not a command imported from an @aws-sdk\/client-\* package/);
    const aliased = commandsInSource('y.ts', "import { ListTagsForResourceCommand as ListCacheTags } from '@aws-sdk/client-elasticache';\nnew ListCacheTags({});");
    expect(aliased.map((c) => c.action)).toEqual(['elasticache:ListTagsForResource']);
    const aliasedCommand = commandsInSource('y.ts', "import { ListTagsForResourceCommand as ListCacheTagsCommand } from '@aws-sdk/client-elasticache';\nnew ListCacheTagsCommand({});");
    expect(aliasedCommand.map((c) => c.action)).toEqual(['elasticache:ListTagsForResource']);
  });

  it('nothing in the scanner sends a command except AwsApi.call (so the source scan sees every call)', () => {
    const files = fs.readdirSync(SRC).filter((f) => f.endsWith('.ts') && !NOT_SCANNER.test(f) && f !== 'api.ts');
    const senders = files.filter((f) => /\.send\s*\(/.test(fs.readFileSync(path.join(SRC, f), 'utf8')));
    expect(senders).toEqual([]);
  });

  it('the actions a scan really makes are the ones the policy allows', async () => {
    const stubs = mockAll();
    try {
      stubs.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:role/scan` });
      stubs.ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'ap-northeast-1' }] });
      stubs.s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'b', BucketRegion: 'ap-northeast-1' }] });
      stubs.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
      const scan = await scanAccount({ quiet: true, homeRegion: 'ap-northeast-1', reportWaitMs: 10 });
      const made = Object.keys(scan.calls);
      expect(made.length).toBeGreaterThan(30);
      expect(comparePolicy(made, policy).missing).toEqual([]);
    } finally {
      restoreAll(stubs);
    }
  });
});
