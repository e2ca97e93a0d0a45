/**
 * The CI integration kit (examples/ci): the GitHub Actions workflow and the GitLab CI job have the
 * structure a platform team relies on, and every `muniguard` command they (and the README) run is
 * accepted by the real CLI — each one is parsed out of the file and run through `main()` in a
 * workspace that looks like the CI checkout after `cdktf synth` (the bundled non-compliant example).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { main } from '@muniguard/cli';
import { parseBaseline } from '@muniguard/core';

const ROOT = path.resolve(__dirname, '..', '..');
const KIT = path.join(ROOT, 'examples/ci');
const EXAMPLE = path.join(ROOT, 'examples/terraform/noncompliant/main.tf.json');

type Step = { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; 'continue-on-error'?: unknown };
type Workflow = { on: unknown; permissions?: Record<string, string>; jobs: Record<string, { permissions?: Record<string, string>; steps: Step[]; 'continue-on-error'?: unknown }> };
type GitlabJob = { image?: string; script: string[]; allow_failure?: unknown; artifacts: { when?: string; paths?: string[]; reports: { junit: string | string[] } } };

const workflow = yaml.load(fs.readFileSync(path.join(KIT, 'github-actions.yml'), 'utf8')) as Workflow;
const gitlab = yaml.load(fs.readFileSync(path.join(KIT, 'gitlab-ci.yml'), 'utf8')) as Record<string, GitlabJob>;
const readme = fs.readFileSync(path.join(KIT, 'README.md'), 'utf8');

/** Shell lines of a script (continuations joined, comments dropped). */
function shellLines(script: string): string[] {
  return script
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/**
 * The arguments after `muniguard` in a command line, cut at the first shell operator (redirection,
 * pipe, `&&`, `;`). Quotes are honoured; an unexpanded `$VAR` in an argument is refused, so the
 * test never passes a command it could not really run.
 */
function muniguardArgs(line: string): string[] | undefined {
  const tokens: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) {
    const raw = m[3];
    if (raw !== undefined && /^(>>?|\||&&|;|\|\||2>.*)$/.test(raw)) break;
    tokens.push(m[1] ?? m[2] ?? raw);
  }
  const at = tokens.indexOf('muniguard');
  if (at < 0 || (at > 0 && tokens[at - 1] !== 'npx')) return undefined;
  const args = tokens.slice(at + 1);
  for (const a of args) if (a.includes('$')) throw new Error(`cannot run "${line}": ${a} needs the shell`);
  return args;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-ci-kit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fresh workspace as CI sees it after `cdktf synth`: cdktf.out/ with one stack (the non-compliant example), and a plan JSON. */
function workspace(name: string): string {
  const dir = path.join(tmp, name);
  const stack = path.join(dir, 'cdktf.out/stacks/app');
  fs.mkdirSync(stack, { recursive: true });
  fs.copyFileSync(EXAMPLE, path.join(stack, 'cdk.tf.json'));
  fs.writeFileSync(
    path.join(dir, 'cdktf.out/manifest.json'),
    JSON.stringify({ version: '0.21.0', stacks: { app: { name: 'app', constructPath: 'app', synthesizedStackPath: 'stacks/app/cdk.tf.json', workingDirectory: 'stacks/app' } } }),
  );
  fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: { resources: [] } } }));
  return dir;
}

/** Run the CLI as the CI job would, from the workspace directory. */
async function runIn(dir: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
  }
}

describe('GitHub Actions workflow', () => {
  const jobs = Object.values(workflow.jobs);
  const steps = jobs[0]?.steps ?? [];
  const index = (pred: (s: Step) => boolean) => steps.findIndex(pred);
  const scanAt = index((s) => !!s.run && /muniguard scan/.test(s.run) && /--format sarif/.test(s.run));
  const uploadAt = index((s) => (s.uses ?? '').startsWith('github/codeql-action/upload-sarif@'));

  it('one job on pull requests and pushes', () => {
    expect(jobs).toHaveLength(1);
    expect(Object.keys(workflow.on as object)).toEqual(expect.arrayContaining(['pull_request', 'push']));
  });

  it('checkout → setup-node 20 → npm ci → cdktf synth → scan (SARIF) → upload, in that order', () => {
    const order = [
      index((s) => (s.uses ?? '').startsWith('actions/checkout@')),
      index((s) => (s.uses ?? '').startsWith('actions/setup-node@') && String(s.with?.['node-version']) === '20'),
      index((s) => s.run === 'npm ci'),
      index((s) => /(^|\s)npx cdktf synth(\s|$)/.test(s.run ?? '')),
      scanAt,
      uploadAt,
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('can write code scanning results: security-events: write', () => {
    const perms = { ...workflow.permissions, ...jobs[0].permissions };
    expect(perms['security-events']).toBe('write');
  });

  it('uploads the file the scan wrote, even when the scan step failed', () => {
    const args = muniguardArgs(shellLines(steps[scanAt].run!).find((l) => l.includes('muniguard'))!)!;
    expect(steps[uploadAt].with?.sarif_file).toBe(option(args, '--output'));
    expect(steps[uploadAt].if).toMatch(/\balways\(\)/);
  });

  it('the job fails on the scan exit code: nothing swallows it', () => {
    expect(jobs[0]['continue-on-error']).toBeUndefined();
    expect(steps[scanAt]['continue-on-error']).toBeUndefined();
    expect(steps[scanAt].run).not.toMatch(/\|\|\s*true|set \+e|--fail-on never/);
  });
});

describe('GitLab CI job', () => {
  const [name, job] = Object.entries(gitlab).find(([, j]) => Array.isArray(j?.script) && j.script.some((l) => /muniguard scan/.test(l)))!;
  const scanLine = job.script.find((l) => /muniguard scan/.test(l))!;
  const args = muniguardArgs(scanLine)!;

  it('runs npm ci and cdktf synth before the scan, on node 20', () => {
    expect(name).toBe('muniguard');
    expect(job.image).toMatch(/^node:20\b/);
    const at = (re: RegExp) => job.script.findIndex((l) => re.test(l));
    expect(at(/^npm ci\b/)).toBeGreaterThanOrEqual(0);
    expect(at(/^npx cdktf synth$/)).toBeGreaterThan(at(/^npm ci\b/));
    expect(at(/muniguard scan/)).toBeGreaterThan(at(/^npx cdktf synth$/));
  });

  it('writes JUnit and hands the same file to artifacts:reports:junit, kept when the job fails', () => {
    expect(option(args, '--format')).toBe('junit');
    expect(job.artifacts.reports.junit).toBe(option(args, '--output'));
    expect(job.artifacts.when).toBe('always');
  });

  it('the job fails on the scan exit code', () => {
    expect(job.allow_failure).toBeUndefined();
    expect(scanLine).not.toMatch(/\|\|\s*true|--fail-on never/);
  });
});

/** Every `muniguard` command line of the kit, in file order. */
const commands: { where: string; line: string; args: string[] }[] = [];
for (const s of Object.values(workflow.jobs).flatMap((j) => j.steps)) {
  for (const line of shellLines(s.run ?? '')) {
    const args = muniguardArgs(line);
    if (args) commands.push({ where: 'github-actions.yml', line, args });
  }
}
for (const job of Object.values(gitlab)) {
  for (const line of Array.isArray(job?.script) ? job.script : []) {
    const args = muniguardArgs(line);
    if (args) commands.push({ where: 'gitlab-ci.yml', line, args });
  }
}
const readmeCommands: { where: string; line: string; args: string[] }[] = [];
for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
  for (const line of shellLines(block[1].replace(/^ +/gm, ''))) {
    const args = muniguardArgs(line);
    if (args) readmeCommands.push({ where: 'README.md', line, args });
  }
}

describe('every muniguard command of the kit runs with the real CLI', () => {
  it('found the commands (2 in the workflow, 1 in the GitLab job, the README adoption flow)', () => {
    expect(commands.map((c) => c.where)).toEqual(['github-actions.yml', 'github-actions.yml', 'gitlab-ci.yml']);
    expect(readmeCommands.some((c) => c.args.includes('--write-baseline'))).toBe(true);
    expect(readmeCommands.some((c) => c.args.includes('--baseline'))).toBe(true);
  });

  it('the harness would notice an option the CLI does not have', async () => {
    const r = await runIn(workspace('negative'), ['scan', 'cdktf.out', '--profile', 'osaka', '--formt', 'sarif']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--formt/);
  });

  it.each(commands.map((c) => [c.where, c.line, c.args] as const))('%s: %s', async (_where, _line, args) => {
    const dir = workspace(`cmd-${Math.random().toString(36).slice(2)}`);
    const r = await runIn(dir, args);
    expect(r.stderr).toBe('');
    const failOnNever = option(args, '--fail-on') === 'never';
    // the bundled example has mandatory findings: the CI job must fail on it (unless the step only reports)
    expect(r.code).toBe(failOnNever ? 0 : 1);
    const out = option(args, '--output');
    const text = out ? fs.readFileSync(path.join(dir, out), 'utf8') : r.stdout;
    switch (option(args, '--format')) {
      case 'sarif':
        expect(JSON.parse(text)).toMatchObject({ version: '2.1.0', runs: [{ tool: { driver: { name: 'muniguard' } } }] });
        break;
      case 'junit':
        expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="muniguard osaka" tests="\d+" failures="[1-9]\d*"/);
        break;
      case 'markdown':
        expect(text.startsWith('<!-- muniguard-report -->\n')).toBe(true);
        break;
      default:
        throw new Error(`no check for --format ${option(args, '--format')}`);
    }
  });

  it('the README commands, in order, in one workspace (the adoption flow: write the baseline, then use it)', async () => {
    const dir = workspace('readme');
    for (const { line, args } of readmeCommands) {
      const r = await runIn(dir, args);
      expect([line, r.code, r.stderr.replace(/^muniguard: baseline written to .*\n$/, '')]).toEqual([line, r.code, '']);
      expect([line, r.code]).not.toEqual([line, 2]);
      // the example estate fails without a baseline; with one (written or read), nothing is new
      if (args.includes('--baseline') || args.includes('--write-baseline')) expect([line, r.code]).toEqual([line, 0]);
    }
    expect(fs.existsSync(path.join(dir, 'muniguard-baseline.json'))).toBe(true);
  });

  it("the README's baseline file example is a valid baseline", () => {
    const json = /### ファイル形式 \/ File format\n\n```json\n([\s\S]*?)```/.exec(readme);
    expect(json).not.toBeNull();
    expect(parseBaseline('README.md', json![1]).findings[0].controlId).toBe('cognito-user-pool-mfa');
  });
});
