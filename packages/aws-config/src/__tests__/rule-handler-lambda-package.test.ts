/**
 * The deployable function, end to end: examples/live-scan/lambda/package.js assembles the function
 * directory from the built packages, a separate node process loads it exactly as Lambda would
 * (`index.handler`), and the handler reports to a real HTTP endpoint — moto's AWS Config on loopback,
 * started here — through the real SDK. moto implements PutEvaluations only in TestMode, so the event
 * carries the TESTMODE result token (the handler then sets TestMode, as a Config test invocation does).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { commandsInSource } from '../least-privilege';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const PACKAGE_SCRIPT = path.join(ROOT, 'examples', 'live-scan', 'lambda', 'package.js');
const FUNCTION_TEMPLATE = path.join(ROOT, 'examples', 'live-scan', 'function.yaml');

const haveMoto = spawnSync('python3', ['-c', 'import moto.server'], { encoding: 'utf8' }).status === 0;
const haveCfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
if (!haveMoto) console.warn('rule-handler-lambda-package: python3 has no moto, the packaged function is not run against an HTTP endpoint (pip install "moto[server]")');
if (!haveCfnLint) console.warn('rule-handler-lambda-package: cfn-lint is not on PATH, examples/live-scan/function.yaml is not linted');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto did not listen on 127.0.0.1:${port} within ${ms} ms`);
}

const bucketEvent = {
  version: '1.0',
  invokingEvent: JSON.stringify({
    configurationItemDiff: null,
    configurationItem: {
      relatedEvents: [],
      relationships: [],
      configuration: { name: 'muniguard-subject', owner: { displayName: null, id: 'abc' }, creationDate: '2026-01-10T02:00:00.000Z' },
      supplementaryConfiguration: {
        BucketVersioningConfiguration: { status: 'Off', isMfaDeleteEnabled: null },
        BucketLoggingConfiguration: { destinationBucketName: null, logFilePrefix: null },
        ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256', kmsMasterKeyID: null }, bucketKeyEnabled: false }] },
      },
      tags: { 重要性分類: 'Ⅱ' },
      configurationItemVersion: '1.3',
      configurationItemCaptureTime: '2026-11-20T01:02:03.456Z',
      configurationStateId: 1763600523456,
      awsAccountId: '123456789012',
      configurationItemStatus: 'OK',
      resourceType: 'AWS::S3::Bucket',
      resourceId: 'muniguard-subject',
      resourceName: 'muniguard-subject',
      ARN: 'arn:aws:s3:::muniguard-subject',
      awsRegion: 'ap-northeast-1',
      availabilityZone: 'Regional',
      configurationStateMd5Hash: '',
      resourceCreationTime: '2026-01-10T02:00:00.000Z',
    },
    notificationCreationTime: '2026-11-20T01:02:09.000Z',
    messageType: 'ConfigurationItemChangeNotification',
    recordVersion: '1.3',
  }),
  ruleParameters: JSON.stringify({ profile: 'osaka', controls: 's3-bucket-kms-cmk' }),
  resultToken: 'TESTMODE',
  eventLeftScope: false,
  configRuleName: 'muniguard-osaka-s3-bucket-kms-cmk',
  accountId: '123456789012',
};

describe('the packaged Config rule function', () => {
  let dir: string;
  let fn: string;
  let moto: ChildProcess | undefined;
  let endpoint = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-function-'));
    fn = path.join(dir, 'function');
    const built = spawnSync(process.execPath, [PACKAGE_SCRIPT, fn], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`package.js failed: ${built.stderr}`);
    if (haveMoto) {
      const port = await freePort();
      moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
      endpoint = `http://127.0.0.1:${port}`;
      await waitForPort(port, 20_000);
    }
  }, 60_000);

  afterAll(() => {
    if (moto?.pid) process.kill(moto.pid);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('holds the handler, the built packages and the bundled profiles, and nothing of the sources', () => {
    expect(fs.existsSync(path.join(fn, 'index.js'))).toBe(true);
    for (const p of ['core', 'controls', 'aws-config']) expect(fs.existsSync(path.join(fn, 'node_modules', '@muniguard', p, 'dist', 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(fn, 'node_modules', 'policies', 'osaka', 'profile.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(fn, 'node_modules', 'policies', 'schema', 'profile.schema.json'))).toBe(true);
    expect(fs.existsSync(path.join(fn, 'node_modules', '@muniguard', 'aws-config', 'src'))).toBe(false);
  });

  (haveMoto ? test : test.skip)('loaded as Lambda loads it, it evaluates a change notification and reports through the SDK (moto)', () => {
    const run = spawnSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(fn)}).handler(JSON.parse(process.argv[1]), {}).then((r) => process.stdout.write(JSON.stringify(r)), (e) => { process.stderr.write(String(e && e.message)); process.exit(1); })`, JSON.stringify(bucketEvent)],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'ap-northeast-1',
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
          AWS_ENDPOINT_URL: endpoint,
        },
      },
    );
    expect(run.stderr).not.toMatch(/Error|error:/);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout.slice(run.stdout.indexOf('{"messageType"')));
    expect(result).toMatchObject({ messageType: 'ConfigurationItemChangeNotification', putEvaluationsCalls: 1, testMode: true });
    expect(result.evaluations).toEqual([
      expect.objectContaining({ ComplianceResourceType: 'AWS::S3::Bucket', ComplianceResourceId: 'muniguard-subject', ComplianceType: 'NON_COMPLIANT' }),
    ]);
    expect(result.evaluations[0].Annotation).toContain('根拠: osaka');
  }, 60_000);

  test('its role allows exactly the calls the handler makes (the only write is config:PutEvaluations)', () => {
    const src = path.join(__dirname, '..');
    const direct = fs
      .readdirSync(src)
      .filter((f) => /^rule-handler.*\.ts$/.test(f))
      .flatMap((f) => commandsInSource(f, fs.readFileSync(path.join(src, f), 'utf8')).map((c) => c.action));
    // the periodic inventory goes through the live scan's Config query (config-source.ts selectItems / completeItems)
    const inventory = ['config:SelectResourceConfig', 'config:BatchGetResourceConfig'];
    const needed = [...new Set([...direct, ...inventory])].sort();
    const template = fs.readFileSync(FUNCTION_TEMPLATE, 'utf8');
    const policy = template.slice(template.indexOf('PolicyName: muniguard-config-rule'), template.indexOf('RuleFunction:'));
    const allowed = [...policy.matchAll(/^\s*- (config:[A-Za-z]+)\s*$/gm)].map((m) => m[1]).sort();
    expect(needed).toContain('config:PutEvaluations');
    expect(allowed).toEqual(needed);
  });

  (haveCfnLint ? test : test.skip)('its CloudFormation template (examples/live-scan/function.yaml) passes cfn-lint', () => {
    const run = spawnSync('cfn-lint', [FUNCTION_TEMPLATE], { encoding: 'utf8' });
    expect({ status: run.status, out: run.stdout + run.stderr }).toEqual({ status: 0, out: '' });
  });
});
