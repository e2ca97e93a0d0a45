/**
 * The CLI contract (DESIGN.md): commands, formats, exit codes and one-line input errors.
 * Most cases call `main()` in-process; one spawns the real `muniguard` bin as a user would.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '@muniguard/cli';

const ROOT = path.resolve(__dirname, '..', '..');
const NONCOMPLIANT = path.join(ROOT, 'examples/terraform/noncompliant');
const COMPLIANT = path.join(ROOT, 'examples/terraform/compliant');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-cli-'));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function write(name: string, text: string): string {
  const f = path.join(tmp, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, text);
  return f;
}

describe('muniguard scan', () => {
  it('exits 1 on the non-compliant example and 0 on its compliant twin', async () => {
    expect((await run('scan', NONCOMPLIANT, '--profile', 'osaka', '--as-of', '2026-04-01')).code).toBe(1);
    const ok = await run('scan', COMPLIANT, '--profile', 'osaka', '--as-of', '2026-04-01');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
  });

  it('writes the JSON contract (schemaVersion 1) with clauses and parameter provenance', async () => {
    const { code, stdout } = await run('scan', NONCOMPLIANT, '--profile', 'osaka', '--format', 'json', '--as-of', '2026-04-01');
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.tool.name).toBe('muniguard');
    expect(doc.profile.id).toBe('osaka');
    expect(Object.keys(doc.summary).sort()).toEqual(['error', 'fail', 'notApplicable', 'pass', 'unknown', 'waived']);
    const f = doc.findings.find((x: { verdict: string }) => x.verdict === 'fail');
    for (const key of ['controlId', 'family', 'verdict', 'severity', 'enforcement', 'resource', 'path', 'message', 'clauses', 'waiver']) expect(f).toHaveProperty(key);
    expect(f.resource).toMatchObject({ source: 'terraform' });
    expect(f.message.ja).toBeTruthy();
    expect(f.message.en).toBeTruthy();
    expect(f.clauses[0]).toMatchObject({ standard: 'osaka' });
    const region = doc.parameters.find((p: { name: string }) => p.name === 'allowedRegions');
    expect(region).toMatchObject({ source: 'default', value: ['ap-northeast-1', 'ap-northeast-3'] });
    expect(region.rationale.ja).toBeTruthy();
  });

  it('--fail-on never exits 0; --output writes the report to a file', async () => {
    const out = path.join(tmp, 'report.sarif');
    const { code, stdout } = await run('scan', NONCOMPLIANT, '--profile', 'osaka', '--format', 'sarif', '--output', out, '--fail-on', 'never', '--as-of', '2026-04-01');
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('prints Japanese by default and English with --lang en', async () => {
    const ja = await run('scan', NONCOMPLIANT, '--profile', 'osaka', '--as-of', '2026-04-01');
    expect(ja.stdout).toMatch(/不適合/);
    const en = await run('scan', NONCOMPLIANT, '--profile', 'osaka', '--lang', 'en', '--as-of', '2026-04-01');
    expect(en.stdout).toMatch(/FAIL|fail/i);
    expect(en.stdout).not.toMatch(/不適合/);
  });

  it.each(['junit', 'markdown', 'csv'])('writes %s', async (format) => {
    const { code, stdout } = await run('scan', NONCOMPLIANT, '--profile', 'osaka', '--format', format, '--as-of', '2026-04-01');
    expect(code).toBe(1);
    expect(stdout.length).toBeGreaterThan(100);
  });
});

describe('other inputs and commands', () => {
  it('scans a Pulumi stack export (the deployed state of a stack)', async () => {
    const stack = 'urn:pulumi:prod::city::';
    const provider = `${stack}pulumi:providers:aws::default`;
    const f = write('stack.json', JSON.stringify({
      version: 3,
      deployment: {
        manifest: { time: '2026-04-01T00:00:00Z', version: 'v3.200.0' },
        resources: [
          { urn: `${stack}pulumi:pulumi:Stack::city-prod`, type: 'pulumi:pulumi:Stack', custom: false },
          { urn: provider, type: 'pulumi:providers:aws', custom: true, id: 'p1', inputs: { region: 'ap-northeast-1' }, outputs: { region: 'ap-northeast-1' } },
          {
            urn: `${stack}aws:cloudwatch/logGroup:LogGroup::app`, type: 'aws:cloudwatch/logGroup:LogGroup', custom: true, id: '/city/app',
            provider: `${provider}::p1`, inputs: { name: '/city/app', retentionInDays: 30 }, outputs: { name: '/city/app', retentionInDays: 30, arn: 'arn:aws:logs:ap-northeast-1:111122223333:log-group:/city/app' },
          },
        ],
      },
    }));
    const { code, stdout } = await run('scan', f, '--profile', 'osaka', '--format', 'json', '--as-of', '2026-04-01');
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    const finding = doc.findings.find((x: { controlId: string }) => x.controlId === 'log-group-retention');
    expect(finding).toMatchObject({ verdict: 'fail', resource: { source: 'pulumi', region: 'ap-northeast-1' } });
    expect(finding.resource.address).toBe(`${stack}aws:cloudwatch/logGroup:LogGroup::app`);
  });

  it('exports an AWS Config conformance pack with the clause mapping', async () => {
    const mapping = path.join(tmp, 'mapping.json');
    const { code, stdout } = await run('export', 'conformance-pack', '--profile', 'osaka', '--mapping', mapping);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Type: AWS::Config::ConfigRule/);
    expect(stdout).toMatch(/条項 osaka: .*7⑪エ/);
    expect(Buffer.byteLength(stdout)).toBeLessThanOrEqual(51_200); // PutConformancePack's TemplateBody limit
    expect(JSON.parse(fs.readFileSync(mapping, 'utf8'))).toBeTruthy();
  });

  it('--aws takes no paths, and --regions needs --aws', async () => {
    expect((await run('scan', COMPLIANT, '--aws', '--profile', 'osaka')).code).toBe(2);
    expect((await run('scan', COMPLIANT, '--regions', 'ap-northeast-1', '--profile', 'osaka')).code).toBe(2);
  });
});

describe('bad input: exit 2 with one line naming the file and the problem', () => {
  const oneLineError = (r: { code: number; stdout: string; stderr: string }, pattern: RegExp) => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  };

  it('malformed JSON, with the position', async () => {
    const f = write('broken.tf.json', '{ "resource": { "aws_s3_bucket": { "b": { "bucket": "x", } } } }');
    oneLineError(await run('scan', f, '--profile', 'osaka'), /broken\.tf\.json: malformed JSON at line 1, column \d+/);
  });

  it('a JSON file that is neither configuration nor plan', async () => {
    const f = write('package.json', '{"name":"x","version":"1.0.0","dependencies":{}}');
    oneLineError(await run('scan', f, '--profile', 'osaka'), /package\.json: is neither Terraform JSON configuration/);
  });

  it('a missing path', async () => {
    oneLineError(await run('scan', path.join(tmp, 'nope.tf.json'), '--profile', 'osaka'), /nope\.tf\.json: no such file or directory/);
  });

  it('a profile that does not validate', async () => {
    const f = write('bad-profile.yaml', 'id: bad\nmunicipality: { ja: 市 }\n');
    oneLineError(await run('scan', COMPLIANT, '--profile', f), /bad-profile\.yaml: does not validate against profile\.schema\.json/);
  });

  it('an unknown profile id', async () => {
    oneLineError(await run('scan', COMPLIANT, '--profile', 'atlantis'), /atlantis: no such profile/);
  });

  it('a waiver file that does not validate', async () => {
    const f = write('waivers.yaml', 'waivers:\n  - control: s3-bucket-kms-cmk\n    resources: ["aws_s3_bucket.*"]\n    reason: legacy\n');
    oneLineError(await run('scan', COMPLIANT, '--profile', 'osaka', '--waivers', f), /waivers\.yaml: does not validate against waivers\.schema\.json/);
  });

  it('a waiver for a control that does not exist', async () => {
    const f = write('waivers2.yaml', 'waivers:\n  - control: no-such-control\n    resources: ["*"]\n    reason: x\n    approvedBy: CISO\n    approvedOn: 2026-01-01\n    expires: 2026-12-31\n');
    oneLineError(await run('scan', COMPLIANT, '--profile', 'osaka', '--waivers', f), /waivers2\.yaml: waivers\[0\]\.control "no-such-control"/);
  });

  it('a params file with a value its control rejects', async () => {
    const f = write('params.yaml', 'parameters:\n  minLogRetentionDays: -5\n');
    oneLineError(await run('scan', COMPLIANT, '--profile', 'osaka', '--params', f), /params\.yaml: parameter minLogRetentionDays = -5/);
  });

  it('Nara without its parameters lists every missing one', async () => {
    const r = await run('scan', COMPLIANT, '--profile', 'nara');
    oneLineError(r, /nara\/profile\.yaml: profile nara needs values the standard does not publish/);
    for (const name of ['classification.levels', 'allowedRegions', 'minLogRetentionDays', 'minBackupRetentionDays', 'maxBackupIntervalHours', 'contractEndNoticeDays']) expect(r.stderr).toContain(name);
  });

  it('a bad option value', async () => {
    oneLineError(await run('scan', COMPLIANT, '--profile', 'osaka', '--as-of', '2026-13-40'), /--as-of must be a date/);
    oneLineError(await run('scan', COMPLIANT, '--profile', 'osaka', '--format', 'pdf'), /--format must be one of/);
    oneLineError(await run('scan', COMPLIANT), /scan needs --profile/);
  });
});

describe('muniguard profiles and explain', () => {
  it('lists the five bundled profiles', async () => {
    const { code, stdout } = await run('profiles', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((p: { id: string }) => p.id)).toEqual(['kishiwada', 'kitakyushu', 'nara', 'osaka', 'sendai']);
  });

  it('explains a control with the clauses that cite it, and a clause with its controls', async () => {
    const c = await run('explain', 's3-bucket-kms-cmk', '--lang', 'en');
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/customer-managed/);
    expect(c.stdout).toMatch(/^ {2}osaka /m);
    const clause = await run('explain', 'osaka:7⑪エ');
    expect(clause.code).toBe(0);
    expect(clause.stdout).toMatch(/contract-end-tag/);
  });

  it('rejects an unknown explain target', async () => {
    const r = await run('explain', 'nothing-like-this');
    expect(r.code).toBe(2);
  });
});

describe('the installed bin', () => {
  it('runs as `muniguard` and reports the exit code', () => {
    const bin = path.join(ROOT, 'packages/cli/bin/muniguard.js');
    if (!fs.existsSync(path.join(ROOT, 'packages/cli/dist/main.js'))) throw new Error('build first: npm run build (npm test does it)');
    const r = spawnSync(process.execPath, [bin, 'scan', 'examples/terraform/noncompliant', '--profile', 'osaka', '--as-of', '2026-04-01', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).summary.fail).toBeGreaterThan(0);
  });
});
