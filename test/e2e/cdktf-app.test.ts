/**
 * The CDKTF example (examples/cdktf-app) end to end, in node with no terraform and no cdktf CLI:
 * - what `cdktf synth` does: it runs the app with CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS set,
 *   reads the annotations cdktf wrote to cdktf.out/manifest.json, prints each one as
 *   `ERROR [<construct path>]: <message>` and fails when one is an error;
 * - what running the app directly does: `app.synth()` throws on the first stack with errors;
 * - `muniguard scan cdktf.out` finds the same problems at `<stack>/<address>`;
 * - the cdktf.json `app` command itself compiles and runs the example.
 * Each stack is synthesized once per mechanism; provider classes are deep imports.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import type { Finding } from '@muniguard/core';
import { buildApp, VIOLATIONS } from '../../examples/cdktf-app/main';

process.env.CHECKPOINT_DISABLE = '1';
const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples/cdktf-app');
const AS_OF = '2026-04-01';
const CONTINUE = 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-cdktf-app-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface StackAnnotation { constructPath: string; level: string; message: string; stacktrace?: string[] }
interface Manifest { stacks: Record<string, { annotations: StackAnnotation[]; synthesizedStackPath: string }> }

/** The example app synthesized with `process.env` set as given while the stacks are built (cdktf reads it then). */
function synthExample(outdir: string, env: Record<string, string | undefined>) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    const app = new App({ outdir, stackTraces: false });
    const built = buildApp(app, { aspect: { asOf: AS_OF } });
    let thrown: Error | undefined;
    try {
      app.synth();
    } catch (error) {
      thrown = error as Error;
    }
    return { ...built, thrown };
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

const LEVEL_NAMES: Record<string, string> = { '@cdktf/error': 'ERROR', '@cdktf/warn': 'WARN', '@cdktf/info': 'INFO' };

/**
 * What `cdktf synth` prints after running the app (cdktf-cli 0.21, @cdktf/cli-core printAnnotations):
 * every annotation of every stack as `LEVEL [path]: message`, an error's stack trace (if recorded)
 * under it; it fails when any annotation is an error.
 */
function cdktfSynthOutput(manifest: Manifest): { lines: string[]; fails: boolean } {
  const all = Object.values(manifest.stacks).flatMap((s) => s.annotations ?? []);
  return {
    lines: all.map((a) => {
      const trace = a.level === '@cdktf/error' && a.stacktrace ? `\n${a.stacktrace.join('\n')}` : '';
      return `${LEVEL_NAMES[a.level] ?? a.level} [${a.constructPath}]: ${a.message}${trace}`;
    }),
    fails: all.some((a) => a.level === '@cdktf/error'),
  };
}

const readManifest = (outdir: string): Manifest => JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
const blocking = (f: Finding) => f.enforcement === 'mandatory' && (f.verdict === 'fail' || f.verdict === 'error');

describe('cdktf synth of the example (annotations in cdktf.out/manifest.json)', () => {
  const outdir = path.join(tmp, 'cdktf.out');
  let run: ReturnType<typeof synthExample>;
  let manifest: Manifest;
  beforeAll(() => {
    run = synthExample(outdir, { [CONTINUE]: 'true' });
    manifest = readManifest(outdir);
  });

  it('the app synthesizes both stacks and records the annotations instead of throwing', () => {
    expect(run.thrown).toBeUndefined();
    expect(Object.keys(manifest.stacks).sort()).toEqual(['compliant', 'noncompliant']);
  });

  it('the compliant stack synthesizes cleanly: no annotation at all', () => {
    expect(manifest.stacks.compliant.annotations).toEqual([]);
    const result = run.aspect.resultFor(run.compliant)!;
    expect(result.findings.filter((f) => f.verdict !== 'pass')).toEqual([]);
    // clean because it was checked: every planted family has passing findings on the compliant twin
    const passed = new Set(result.findings.map((f) => f.family));
    for (const family of Object.keys(VIOLATIONS)) expect([family, passed.has(family as Finding['family'])]).toEqual([family, true]);
  });

  it('the non-compliant stack has one error per mandatory finding, on the construct of the planted violation', () => {
    const result = run.aspect.resultFor(run.noncompliant)!;
    const mandatory = result.findings.filter(blocking);
    const errors = manifest.stacks.noncompliant.annotations.filter((a) => a.level === '@cdktf/error');
    expect(errors).toHaveLength(mandatory.length);
    // each error is exactly one finding: its construct path, control and clauses
    for (const f of mandatory) {
      const hits = errors.filter((a) => a.constructPath === f.resource.constructPath && a.message.includes(`（${f.controlId}、`));
      expect(hits).toHaveLength(1);
      for (const c of f.clauses) expect(hits[0].message.split('\n')[0]).toContain(`${c.path}「${c.title.ja}」`);
    }
    // every planted family is there; Osaka reads region as advisory, so that one is a warning
    const byPath = (level: string) => new Set(manifest.stacks.noncompliant.annotations.filter((a) => a.level === level).map((a) => a.constructPath));
    for (const [family, at] of Object.entries(VIOLATIONS)) {
      expect([family, byPath(family === 'region' ? '@cdktf/warn' : '@cdktf/error').has(`noncompliant/${at}`)]).toEqual([family, true]);
    }
    expect(new Set(mandatory.map((f) => f.family))).toEqual(new Set(Object.keys(VIOLATIONS).filter((f) => f !== 'region')));
    // nothing else is flagged: the violations are the only problems of the stack
    const flagged = new Set(manifest.stacks.noncompliant.annotations.map((a) => a.constructPath.replace(/^noncompliant\//, '')));
    expect([...flagged].sort()).toEqual(Object.values(VIOLATIONS).slice().sort());
  });

  it('cdktf synth prints one Japanese line per finding naming the construct path and the clause, English on the next, and fails', () => {
    const out = cdktfSynthOutput(manifest);
    expect(out.fails).toBe(true);
    const errorLines = out.lines.filter((l) => l.startsWith('ERROR '));
    expect(errorLines.length).toBe(run.aspect.resultFor(run.noncompliant)!.findings.filter(blocking).length);
    for (const text of errorLines) {
      const [ja, en, ...more] = text.split('\n');
      expect(more).toEqual([]);
      expect(ja).toMatch(/^ERROR \[noncompliant\/violations\/[a-z0-9-]+\]: \[muniguard\] 不適合（必須・[^）]+） 大阪市情報セキュリティ対策基準 \d[^「]*「[^」]+」/);
      expect(en).toMatch(/^\[muniguard\] Fail \(mandatory, \w+\) Osaka City Information Security Standard .*\(/);
    }
    // the encryption finding as a user sees it
    expect(errorLines.find((l) => l.includes('[noncompliant/violations/unencrypted-db]'))).toMatch(
      /^ERROR \[noncompliant\/violations\/unencrypted-db\]: \[muniguard\] 不適合（必須・高） 大阪市情報セキュリティ対策基準 7③「[^」]+」.*ストレージ暗号化が無効です.*rds-storage-encrypted、noncompliant\/aws_db_instance\.violations_unencrypted-db_[0-9A-F]{8}、storageEncrypted/,
    );
  });

  it('muniguard scan of cdktf.out exits 1 with the same findings at <stack>/<address>', () => {
    const bin = path.join(ROOT, 'packages/cli/bin/muniguard.js');
    if (!fs.existsSync(path.join(ROOT, 'packages/cli/dist/main.js'))) throw new Error('build first: npm run build (npm test does it)');
    const r = spawnSync(process.execPath, [bin, 'scan', outdir, '--profile', 'osaka', '--format', 'json', '--as-of', AS_OF], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: Finding[] };
    const key = (f: Finding) => `${f.verdict} ${f.enforcement} ${f.controlId} ${f.resource.address}`;
    const problems = doc.findings.filter((f) => f.verdict !== 'pass').map(key).sort();
    const aspectProblems = run.aspect.resultFor(run.noncompliant)!.findings.filter((f) => f.verdict !== 'pass').map(key).sort();
    expect(problems).toEqual(aspectProblems);
    expect(problems.length).toBeGreaterThanOrEqual(Object.keys(VIOLATIONS).length);
    for (const p of problems) expect(p).toMatch(/ noncompliant\/aws_[a-z0-9_]+\.violations_[A-Za-z0-9_-]+$/);
    // and the scan's construct paths are the annotated ones
    const paths = new Set(doc.findings.filter(blocking).map((f) => f.resource.constructPath));
    expect(paths).toEqual(new Set(manifest.stacks.noncompliant.annotations.filter((a) => a.level === '@cdktf/error').map((a) => a.constructPath)));
  });
});

describe('running the app directly (app.synth() without cdktf synth)', () => {
  it('throws cdktf\'s error listing each error annotation with its construct path; the non-compliant stack is not written', () => {
    const outdir = path.join(tmp, 'direct.out');
    const run = synthExample(outdir, { [CONTINUE]: undefined });
    expect(run.thrown?.message).toMatch(/^Encountered Annotations with level "ERROR":\n\[noncompliant\/violations\//);
    const listed = run.thrown!.message.split('\n').filter((l) => l.startsWith('[noncompliant/'));
    expect(listed).toHaveLength(run.aspect.resultFor(run.noncompliant)!.findings.filter(blocking).length);
    for (const l of listed) expect(l).toMatch(/^\[noncompliant\/violations\/[a-z0-9-]+\] \[muniguard\] 不適合（必須・/);
    expect(fs.existsSync(path.join(outdir, 'stacks/compliant/cdk.tf.json'))).toBe(true);
    expect(fs.existsSync(path.join(outdir, 'stacks/noncompliant/cdk.tf.json'))).toBe(false);
  });
});

describe('the cdktf.json app command', () => {
  const build = path.join(EXAMPLE, '.build');
  afterAll(() => fs.rmSync(build, { recursive: true, force: true }));

  it('compiles and runs the example as `cdktf synth` runs it, writing the same annotations', () => {
    if (!fs.existsSync(path.join(ROOT, 'packages/cdktf/dist/index.d.ts'))) throw new Error('build first: npm run build (npm test does it)');
    const { app } = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'cdktf.json'), 'utf8')) as { app: string };
    const outdir = path.join(tmp, 'cli.out');
    // the environment cdktf-cli gives the app command (SynthStack.synth), with the date pinned
    const r = spawnSync(app, {
      shell: true, cwd: EXAMPLE, encoding: 'utf8',
      env: { ...process.env, CDKTF_OUTDIR: outdir, [CONTINUE]: 'true', CHECKPOINT_DISABLE: '1', MUNIGUARD_AS_OF: AS_OF },
    });
    expect({ status: r.status, output: r.status === 0 ? '' : `${r.stdout}${r.stderr}` }).toEqual({ status: 0, output: '' });
    const fromCommand = cdktfSynthOutput(readManifest(outdir));
    const inProcess = cdktfSynthOutput(readManifest(path.join(tmp, 'cdktf.out')));
    expect(fromCommand.fails).toBe(true);
    expect(fromCommand.lines).toEqual(inProcess.lines);
  });
});
