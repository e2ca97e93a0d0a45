/**
 * A real `pulumi preview --policy-pack policies/osaka` of the example program, when a `pulumi`
 * binary is on PATH (and can load the AWS provider plugin): the non-compliant variant must fail
 * with mandatory violations of the pack, the compliant one must pass. Skipped, saying why, where
 * there is no Pulumi CLI (it cannot be installed on the project's CI machines; the protocol-level
 * test pulumi-pack.test.ts covers the same ground there).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AS_OF } from './scenario';

const ROOT = path.resolve(__dirname, '..', '..');
const probe = spawnSync('pulumi', ['version'], { encoding: 'utf8' });
const why = probe.error ? 'no `pulumi` binary on PATH' : probe.status !== 0 ? `\`pulumi version\` failed: ${probe.stderr}` : undefined;
if (why) console.warn(`skipping the real \`pulumi preview --policy-pack\` smoke test: ${why}`);
const describeCli = why ? describe.skip : describe;

describeCli('pulumi preview --policy-pack policies/osaka (real Pulumi CLI)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-pulumi-cli-'));
  const project = path.join(tmp, 'app');
  const env = {
    ...process.env,
    PULUMI_HOME: path.join(tmp, 'home'),
    PULUMI_BACKEND_URL: `file://${path.join(tmp, 'state')}`,
    PULUMI_CONFIG_PASSPHRASE: 'muniguard-smoke-test',
    PULUMI_SKIP_UPDATE_CHECK: 'true',
    AWS_ACCESS_KEY_ID: 'mock', AWS_SECRET_ACCESS_KEY: 'mock',
  };
  const pulumi = (args: string[]) => spawnSync('pulumi', [...args, '--non-interactive'], { cwd: project, env, encoding: 'utf8', timeout: 300_000 });
  const config = path.join(tmp, 'policy-config.json');

  beforeAll(() => {
    fs.mkdirSync(path.join(tmp, 'state'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'examples', 'pulumi-app'), project, { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
    fs.writeFileSync(config, JSON.stringify({ 'muniguard-settings': { asOf: AS_OF } }));
    const init = pulumi(['stack', 'init', 'dev']);
    if (init.status !== 0) throw new Error(`pulumi stack init failed: ${init.stderr}`);
    for (const [k, v] of [['aws:region', 'ap-northeast-1'], ['aws:skipCredentialsValidation', 'true'], ['aws:skipRequestingAccountId', 'true'], ['classification', 'Ⅰ']]) {
      pulumi(['config', 'set', k, v]);
    }
  }, 300_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const preview = (variant: string) => {
    pulumi(['config', 'set', 'variant', variant]);
    return pulumi(['preview', '--policy-pack', path.join(ROOT, 'policies', 'osaka'), '--policy-pack-config', config]);
  };

  it('blocks the non-compliant variant with mandatory violations naming the planted resources', () => {
    const r = preview('noncompliant');
    const out = r.stdout + r.stderr;
    expect(r.status).not.toBe(0);
    expect(out).toMatch(/mandatory/i);
    for (const policy of ['rds-storage-encrypted', 'log-group-retention', 'cognito-user-pool-mfa', 'dynamodb-pitr']) expect(out).toContain(policy);
    expect(out).toContain('violation-encryption');
  }, 300_000);

  it('lets the compliant variant through', () => {
    const r = preview('compliant');
    expect({ status: r.status, out: r.status === 0 ? '' : r.stdout + r.stderr }).toEqual({ status: 0, out: '' });
  }, 300_000);
});
