/**
 * Baselines through the CLI, as a team adopting muniguard on an existing estate would use them:
 * record today's findings with --write-baseline, then --baseline in CI fails only on what is new
 * and reports what was fixed, in every format. A broken baseline is an input error (exit 2).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '@muniguard/cli';
import { readBaseline } from '@muniguard/core';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples/terraform/noncompliant/main.tf.json');
const AS_OF = ['--as-of', '2026-04-01'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-baseline-e2e-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** A copy of the non-compliant example (7 mandatory + 2 advisory failures), optionally changed. */
function estate(name: string, change?: (doc: { resource: Record<string, Record<string, Record<string, unknown>>> }) => void): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  const doc = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
  change?.(doc);
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(doc, null, 2));
  return dir;
}

/** The estate a few weeks later: one finding fixed, one changed in wording only, one new. */
const later = (doc: { resource: Record<string, Record<string, Record<string, unknown>>> }) => {
  const r = doc.resource;
  Object.assign(r.aws_cognito_user_pool.violation_mfa, { mfa_configuration: 'ON', software_token_mfa_configuration: [{ enabled: true }] });
  r.aws_cloudwatch_log_group.violation_logging.retention_in_days = 60; // still too short; the message now says 60
  r.aws_cloudwatch_log_group.added = { ...r.aws_cloudwatch_log_group.app, name: '/muniguard/added', retention_in_days: 7 };
};

type Json = { summary: { fail: number }; findings: { controlId: string; verdict: string; enforcement: string; resource: { address: string }; message: { en: string }; baseline?: string | null }[]; baseline: { file: string; new: number; existing: number; fixed: { controlId: string; address: string; path: string | null }[] } };

const today = estate('today');
const baselineFile = path.join(tmp, 'muniguard-baseline.json');

describe('adopting muniguard on an existing estate', () => {
  beforeAll(async () => {
    const w = await run('scan', today, '--profile', 'osaka', ...AS_OF, '--write-baseline', baselineFile, '--format', 'json');
    expect(w.stderr).toBe(`muniguard: baseline written to ${baselineFile} (9 findings)\n`);
    expect(w.code).toBe(0);
  });

  it('without a baseline the estate fails; --write-baseline records its 9 findings (exit 0)', async () => {
    expect((await run('scan', today, '--profile', 'osaka', ...AS_OF)).code).toBe(1);
    const b = readBaseline(baselineFile); // validates
    expect(b.profile.id).toBe('osaka');
    expect(b.findings).toHaveLength(9);
    expect(b.findings).toContainEqual(expect.objectContaining({ controlId: 'cognito-user-pool-mfa', address: 'aws_cognito_user_pool.violation_mfa', path: 'mfaConfiguration', verdict: 'fail' }));
    expect(JSON.stringify(b)).not.toContain('message');
  });

  it('fingerprints do not depend on where the checkout is or the language of the run', async () => {
    const elsewhere = path.join(tmp, 'elsewhere.json');
    const copy = estate('a/b/c/copy');
    expect((await run('scan', copy, '--profile', 'osaka', ...AS_OF, '--lang', 'en', '--write-baseline', elsewhere)).code).toBe(0);
    expect(readBaseline(elsewhere).findings).toEqual(readBaseline(baselineFile).findings);
  });

  it('--baseline on the unchanged estate: everything is still reported, nothing is new, exit 0', async () => {
    const r = await run('scan', today, '--profile', 'osaka', ...AS_OF, '--baseline', baselineFile, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Json;
    expect(doc.summary.fail).toBe(9);
    expect(doc.baseline).toEqual({ file: baselineFile, new: 0, existing: 9, fixed: [] });
    expect(doc.findings.filter((f) => f.verdict === 'fail').every((f) => f.baseline === 'existing')).toBe(true);
    expect(doc.findings.filter((f) => f.verdict === 'pass').every((f) => f.baseline === null)).toBe(true);
  });
});

describe('--baseline after the estate changed', () => {
  const changed = estate('later', later);
  const scan = (...more: string[]) => run('scan', changed, '--profile', 'osaka', ...AS_OF, '--baseline', baselineFile, ...more);

  it('JSON: one new failure fails the run; the reworded one is existing; the fixed one is listed', async () => {
    const r = await scan('--format', 'json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Json;
    const fails = doc.findings.filter((f) => f.verdict === 'fail');
    expect(fails.filter((f) => f.baseline === 'new').map((f) => f.resource.address)).toEqual(['aws_cloudwatch_log_group.added']);
    const reworded = fails.find((f) => f.resource.address === 'aws_cloudwatch_log_group.violation_logging')!;
    expect(reworded.message.en).toMatch(/kept for 60 day/);
    expect(reworded.baseline).toBe('existing');
    expect(doc.baseline).toMatchObject({ new: 1, existing: 8 });
    expect(doc.baseline.fixed).toEqual([expect.objectContaining({ controlId: 'cognito-user-pool-mfa', address: 'aws_cognito_user_pool.violation_mfa', path: 'mfaConfiguration' })]);
  });

  it('text (ja and en): the counts, the new failure and the fixed finding', async () => {
    const ja = await scan();
    expect(ja.code).toBe(1);
    expect(ja.stdout).toContain('新規 1 件 / 既存 8 件 / 解消 1 件');
    expect(ja.stdout).toContain('新規: 不適合 log-group-retention  aws_cloudwatch_log_group.added (retentionInDays)');
    expect(ja.stdout).toContain('解消: cognito-user-pool-mfa  aws_cognito_user_pool.violation_mfa (mfaConfiguration)');
    const en = await scan('--lang', 'en');
    expect(en.stdout).toContain('new 1 / existing 8 / fixed 1');
    expect(en.stdout).toContain('new mandatory failures: 1');
  });

  it('markdown: a comparison section for the PR comment', async () => {
    const r = await scan('--format', 'markdown', '--lang', 'en');
    expect(r.stdout).toMatch(/### Compared with the baseline[^\n]*\n\n\| new \| existing \| fixed \|\n\| ---: \| ---: \| ---: \|\n\| 1 \| 8 \| 1 \|/);
    expect(r.stdout).toMatch(/- `cognito-user-pool-mfa` `aws_cognito_user_pool\.violation_mfa` `mfaConfiguration`/);
  });

  it('SARIF: baselineState on every failing result, the comparison in the run properties', async () => {
    const out = path.join(tmp, 'later.sarif');
    const r = await scan('--format', 'sarif', '--output', out);
    expect(r.code).toBe(1);
    const run0 = JSON.parse(fs.readFileSync(out, 'utf8')).runs[0];
    const states = new Map<string, number>();
    for (const res of run0.results) states.set(res.baselineState, (states.get(res.baselineState) ?? 0) + 1);
    expect(Object.fromEntries(states)).toEqual({ new: 1, unchanged: 8 });
    expect(run0.results.find((x: { baselineState: string }) => x.baselineState === 'new').locations[0].logicalLocations[0].fullyQualifiedName).toBe('aws_cloudwatch_log_group.added');
    expect(run0.properties.baseline.fixed).toHaveLength(1);
  });

  it('JUnit: only the new mandatory failure is a <failure>; existing ones are skipped with a note', async () => {
    const r = await scan('--format', 'junit', '--lang', 'en');
    expect(r.stdout).toMatch(/<testsuites name="muniguard osaka" tests="\d+" failures="1" errors="0" skipped="8"/);
    expect(r.stdout.match(/<failure /g)).toHaveLength(1);
    expect(r.stdout).toMatch(/<testcase classname="log-group-retention" name="aws_cloudwatch_log_group\.added"[^>]*>\n\s*<failure /);
    expect(r.stdout).toMatch(/<testcase classname="log-group-retention" name="aws_cloudwatch_log_group\.violation_logging"[^>]*>\n\s*<skipped message="existing: /);
    expect(r.stdout).toContain('recorded in the baseline');
  });

  it('CSV: a baseline column', async () => {
    const r = await scan('--format', 'csv', '--lang', 'en');
    const rows = r.stdout.replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0].endsWith(',baseline')).toBe(true);
    expect(rows.filter((l) => l.endsWith(',new'))).toHaveLength(1);
    expect(rows.filter((l) => l.endsWith(',existing'))).toHaveLength(8);
  });
});

describe('waivers still apply with a baseline', () => {
  const waivers = (name: string, expires: string) => {
    const f = path.join(tmp, name);
    fs.writeFileSync(f, `waivers:\n  - control: cognito-user-pool-mfa\n    resources: ["aws_cognito_user_pool.violation_mfa"]\n    reason: 移行中\n    approvedBy: 情報政策課長\n    approvedOn: 2026-01-05\n    expires: ${expires}\n`);
    return f;
  };

  it('an active waiver on a recorded finding: waived, not new, not fixed (exit 0)', async () => {
    const r = await run('scan', today, '--profile', 'osaka', ...AS_OF, '--baseline', baselineFile, '--waivers', waivers('active.yaml', '2026-12-31'), '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Json;
    expect(doc.findings.find((f) => f.controlId === 'cognito-user-pool-mfa' && f.resource.address === 'aws_cognito_user_pool.violation_mfa')).toMatchObject({ verdict: 'waived', baseline: null });
    expect(doc.baseline).toMatchObject({ new: 0, existing: 8, fixed: [] });
  });

  it('an expired waiver fails the run even though its finding is in the baseline', async () => {
    const file = waivers('expired.yaml', '2026-03-31');
    const r = await run('scan', today, '--profile', 'osaka', ...AS_OF, '--baseline', baselineFile, '--waivers', file, '--format', 'json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Json;
    const fresh = doc.findings.filter((f) => f.baseline === 'new');
    expect(fresh.map((f) => f.resource.address).sort()).toEqual([`${file}#waivers[0]`, 'aws_cognito_user_pool.violation_mfa']);
    expect(fresh.every((f) => f.enforcement === 'mandatory' && f.verdict === 'fail')).toBe(true);
  });
});

describe('a broken baseline is an input error (exit 2, one line naming the file), never a pass', () => {
  const oneLineError = (r: { code: number; stdout: string; stderr: string }, pattern: RegExp) => {
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.code).toBe(2);
  };
  const write = (name: string, body: string) => {
    const f = path.join(tmp, name);
    fs.writeFileSync(f, body);
    return f;
  };
  const scanWith = (file: string, profile = 'osaka') => run('scan', today, '--profile', profile, ...AS_OF, '--baseline', file);

  it('malformed JSON, with the position', async () => {
    oneLineError(await scanWith(write('truncated.json', fs.readFileSync(baselineFile, 'utf8').slice(0, 200))), /truncated\.json: malformed JSON at line \d+, column \d+/);
  });

  it('not a baseline (a SARIF log)', async () => {
    const sarif = path.join(tmp, 'report.sarif');
    await run('scan', today, '--profile', 'osaka', ...AS_OF, '--format', 'sarif', '--output', sarif);
    oneLineError(await scanWith(sarif), /report\.sarif: is not a muniguard baseline/);
  });

  it('an entry edited by hand', async () => {
    const doc = JSON.parse(fs.readFileSync(baselineFile, 'utf8'));
    doc.findings[0].address = 'aws_s3_bucket.something_else';
    oneLineError(await scanWith(write('edited.json', JSON.stringify(doc))), /edited\.json: findings\[0\]\.fingerprint does not match/);
  });

  it('a baseline of another profile', async () => {
    oneLineError(await scanWith(baselineFile, 'sendai'), /muniguard-baseline\.json: the baseline was written for profile osaka, this scan uses profile sendai/);
  });

  it('a missing baseline file', async () => {
    oneLineError(await scanWith(path.join(tmp, 'missing.json')), /missing\.json: no such baseline file/);
  });

  it('an unwritable --write-baseline path', async () => {
    oneLineError(await run('scan', today, '--profile', 'osaka', ...AS_OF, '--write-baseline', path.join(tmp, 'no/such/dir/b.json')), /b\.json: cannot write the baseline: ENOENT/);
  });

  it('--baseline together with --write-baseline', async () => {
    oneLineError(await run('scan', today, '--profile', 'osaka', '--baseline', baselineFile, '--write-baseline', path.join(tmp, 'x.json')), /use either --baseline .* or --write-baseline/);
  });
});
