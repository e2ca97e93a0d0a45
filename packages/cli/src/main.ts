import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import {
  compareBaseline, createBaseline, evaluate, exitCodeFor, exitCodeWithBaseline, InputError, isIsoDate, listProfileIds, loadProfile,
  loadWaivers, parseJsonFile, readBaseline, readProfileDocument, todayIso, VERSION, writeBaseline, type BaselineComparison, type Lang,
  type ScanResult, type Control,
} from '@muniguard/core';
import { controlsById } from '@muniguard/controls';
import { detectDocument, loadPath, type LoadedInput } from '@muniguard/terraform';
import { writeReport, FORMATS, type Format } from './formats';
import { explain } from './explain';
import { listProfiles } from './profiles';

/** Usage problems: exit 2 with one line, like InputError. */
export class UsageError extends Error {}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

const HELP = `muniguard ${VERSION} — 自治体の情報セキュリティ対策基準をクラウド構成に適用する / enforce municipal security standards on cloud infrastructure

Usage:
  muniguard scan <path...> --profile <id|file> [--format text|json|sarif|junit|markdown|csv]
                 [--lang ja|en] [--params file] [--waivers file] [--output file]
                 [--fail-on fail|unknown|never] [--as-of YYYY-MM-DD]
                 [--baseline file | --write-baseline file]
  muniguard scan --aws --profile <id|file> [--regions r1,r2] [--aggregator name] [--quiet] [--timeout seconds]
                 [same report options]                               (live AWS account, read-only)
  muniguard export conformance-pack --profile <id|file> [--params file] [--output file] [--mapping file] [--custom-only]
  muniguard profiles [--lang ja|en]
  muniguard explain <control-id | clause-path | profile:clause-path> [--profile id] [--lang ja|en]

<path>: *.tf.json / cdk.tf.json, a cdktf.out directory, \`terraform show -json\` plan output, a directory of those,
        or a Pulumi stack export (\`pulumi stack export > stack.json\`).
Exit codes: 0 nothing mandatory fails; 1 a mandatory finding fails (or is unknown with --fail-on unknown); 2 usage or input error.
Baselines: --write-baseline FILE records today's findings; --baseline FILE reports everything but exits 1 only on findings
that are not in FILE, and lists the recorded ones that are gone as fixed. An expired waiver always counts as new.
`;

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'scan':
        return await scanCommand(rest, io);
      case 'export':
        return exportCommand(rest, io);
      case 'profiles':
        return profilesCommand(rest, io);
      case 'explain':
        return explainCommand(rest, io);
      case '--version':
      case '-v':
        io.stdout(`${VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}" (scan, export, profiles, explain)`);
    }
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      io.stderr(`muniguard: error: ${oneLine(error.message)}\n`);
      return 2;
    }
    if (error && typeof error === 'object' && 'code' in error && String((error as { code: string }).code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`muniguard: error: ${oneLine((error as unknown as Error).message)} (see muniguard --help)\n`);
      return 2;
    }
    io.stderr(`muniguard: internal error: ${oneLine(String((error as Error)?.stack ?? error))}\n`);
    return 2;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function langOf(value: string | undefined): Lang {
  if (value === undefined) return 'ja';
  if (value !== 'ja' && value !== 'en') throw new UsageError(`--lang must be ja or en, not "${value}"`);
  return value;
}

interface ScanOptions {
  paths: string[];
  profile: string;
  format: Format;
  lang: Lang;
  params?: string;
  waivers?: string;
  output?: string;
  failOn: 'fail' | 'unknown' | 'never';
  asOf: string;
  baseline?: string;
  writeBaseline?: string;
  /** --aws: scan the live account instead of paths */
  aws?: { regions?: string[]; aggregator?: string; quiet: boolean; timeoutMs?: number };
}

function parseScan(args: string[]): ScanOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      profile: { type: 'string', short: 'p' },
      format: { type: 'string', short: 'f' },
      lang: { type: 'string' },
      params: { type: 'string' },
      waivers: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'fail-on': { type: 'string' },
      'as-of': { type: 'string' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      aws: { type: 'boolean' },
      regions: { type: 'string' },
      aggregator: { type: 'string' },
      quiet: { type: 'boolean' },
      timeout: { type: 'string' },
    },
  });
  let aws: ScanOptions['aws'];
  if (values.aws) {
    if (positionals.length) throw new UsageError('--aws scans the account: give no paths');
    const regions = values.regions?.split(',').map((r) => r.trim()).filter(Boolean);
    for (const r of regions ?? []) if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(r)) throw new UsageError(`--regions: "${r}" is not a region name`);
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout must be a number of seconds, not "${values.timeout}"`);
    aws = { regions, aggregator: values.aggregator, quiet: values.quiet ?? false, timeoutMs: timeout === undefined ? undefined : timeout * 1000 };
  } else {
    for (const flag of ['regions', 'aggregator', 'timeout'] as const) if (values[flag] !== undefined) throw new UsageError(`--${flag} goes with --aws`);
  }
  if (values.baseline !== undefined && values['write-baseline'] !== undefined) {
    throw new UsageError('use either --baseline (compare with a baseline) or --write-baseline (record a new one), not both');
  }
  for (const flag of ['baseline', 'write-baseline'] as const) if (values[flag] === '') throw new UsageError(`--${flag} needs a file name`);
  if (!values.profile) throw new UsageError('scan needs --profile <id|file> (bundled: ' + listProfileIds().join(', ') + ')');
  if (positionals.length === 0 && !aws) throw new UsageError('scan needs at least one path (a *.tf.json, a plan JSON, a cdktf.out directory, a Pulumi stack export) or --aws');
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
  const failOn = (values['fail-on'] ?? 'fail') as ScanOptions['failOn'];
  if (!['fail', 'unknown', 'never'].includes(failOn)) throw new UsageError(`--fail-on must be fail, unknown or never, not "${values['fail-on']}"`);
  const asOf = values['as-of'] ?? todayIso();
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, not "${asOf}"`);
  return {
    paths: positionals,
    profile: values.profile,
    format,
    lang: langOf(values.lang),
    params: values.params,
    waivers: values.waivers,
    output: values.output,
    failOn,
    asOf,
    baseline: values.baseline,
    writeBaseline: values['write-baseline'],
    aws,
  };
}

/**
 * The Pulumi and AWS packages load only when a command needs them: the AWS SDK clients alone
 * take ~0.4 s to load, which every IaC scan in CI would otherwise pay.
 */
function awsConfig(): typeof import('@muniguard/aws-config') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@muniguard/aws-config');
}
function pulumi(): typeof import('@muniguard/pulumi') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@muniguard/pulumi');
}

/** A `pulumi stack export` JSON file, or anything the Terraform loader reads. */
function loadInput(p: string): LoadedInput[] {
  if (p.endsWith('.json') && fs.statSync(p, { throwIfNoEntry: false })?.isFile()) {
    let text: string;
    try {
      text = fs.readFileSync(p, 'utf8');
    } catch (error) {
      throw new InputError(p, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const doc = parseJsonFile(p, text);
    if (detectDocument(doc) === 'pulumi-export') return [pulumi().readStackExport(doc, p) as LoadedInput];
  }
  return loadPath(p);
}

/** Run a scan as the CLI does (also used by tests and other front ends). */
export function runScan(options: Omit<ScanOptions, 'format' | 'lang' | 'output' | 'failOn'>, controls: ReadonlyMap<string, Control> = controlsById()): ScanResult {
  const profile = loadProfile(options.profile, { paramsFile: options.params, controls });
  const waivers = options.waivers ? loadWaivers(options.waivers, new Set(controls.keys())) : [];
  const inputs = options.paths.flatMap((p) => loadInput(p));
  return evaluate({
    profile,
    controls,
    groups: inputs.map((i) => i.resources),
    asOf: options.asOf,
    waivers,
    inputs: inputs.map((i) => i.path),
  });
}

/** `scan --aws`: the live account through AWS Config and the service APIs (read-only). */
export async function runLiveScan(
  options: Omit<ScanOptions, 'format' | 'lang' | 'output' | 'failOn' | 'paths'> & { aws: NonNullable<ScanOptions['aws']> },
  io: Io,
  lang: Lang,
  controls: ReadonlyMap<string, Control> = controlsById(),
): Promise<ScanResult> {
  const profile = loadProfile(options.profile, { paramsFile: options.params, controls });
  const waivers = options.waivers ? loadWaivers(options.waivers, new Set(controls.keys())) : [];
  const scan = await awsConfig().scanAccount({
    regions: options.aws.regions,
    aggregator: options.aws.aggregator,
    quiet: options.aws.quiet,
    timeoutMs: options.aws.timeoutMs,
    progress: options.aws.quiet ? undefined : (message: string) => io.stderr(`muniguard: ${message}\n`),
    allowedRegions: profile.resolvedParameters.allowedRegions?.value as string[] | undefined,
  });
  if (!options.aws.quiet) for (const note of scan.notes) io.stderr(`muniguard: ${note[lang]}\n`);
  return evaluate({
    profile,
    controls,
    resources: scan.resources,
    readErrors: scan.readErrors,
    asOf: options.asOf,
    waivers,
    inputs: [`aws:${scan.accountId ?? 'unknown-account'}`],
  });
}

async function scanCommand(args: string[], io: Io): Promise<number> {
  const options = parseScan(args);
  // a broken baseline is an input error before anything is scanned
  const baseline = options.baseline !== undefined ? readBaseline(options.baseline) : undefined;
  const controls = controlsById();
  const result = options.aws ? await runLiveScan({ ...options, aws: options.aws }, io, options.lang, controls) : runScan(options, controls);
  let comparison: BaselineComparison | undefined;
  if (baseline) {
    comparison = compareBaseline(result, baseline, options.baseline!);
  } else if (options.writeBaseline !== undefined) {
    // the run then reads as if --baseline had been given with the file just written
    const written = createBaseline(result);
    writeBaseline(options.writeBaseline, written);
    comparison = compareBaseline(result, written, options.writeBaseline);
    io.stderr(`muniguard: baseline written to ${options.writeBaseline} (${written.findings.length} finding${written.findings.length === 1 ? '' : 's'})\n`);
  }
  const text = writeReport(options.format, result, { lang: options.lang, controls, failOn: options.failOn, baseline: comparison });
  if (options.output) {
    try {
      fs.writeFileSync(options.output, text);
    } catch (error) {
      throw new InputError(options.output, `cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  } else {
    io.stdout(text);
  }
  return comparison ? exitCodeWithBaseline(result, comparison, options.failOn) : exitCodeFor(result, options.failOn);
}

/** `export conformance-pack`: an AWS Config conformance pack for a profile (managed rules where equivalent, the muniguard rule otherwise). */
function exportCommand(args: string[], io: Io): number {
  const [what, ...rest] = args;
  if (what !== 'conformance-pack') throw new UsageError('export supports: conformance-pack');
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      profile: { type: 'string', short: 'p' },
      params: { type: 'string' },
      output: { type: 'string', short: 'o' },
      mapping: { type: 'string' },
      'custom-only': { type: 'boolean' },
    },
  });
  if (!values.profile) throw new UsageError('export conformance-pack needs --profile <id|file>');
  const out = awsConfig().exportConformancePack({ profile: values.profile, controls: controlsById(), paramsFile: values.params, customOnly: values['custom-only'] });
  for (const w of out.warnings) io.stderr(`muniguard: warning: ${w}\n`);
  const write = (file: string, text: string) => {
    try {
      fs.writeFileSync(file, text);
    } catch (error) {
      throw new InputError(file, `cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  };
  if (values.output) write(values.output, out.template);
  else io.stdout(out.template);
  if (values.mapping) write(values.mapping, JSON.stringify(out.mapping, null, 2) + '\n');
  return 0;
}

function profilesCommand(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { lang: { type: 'string' }, format: { type: 'string' } }, strict: true });
  io.stdout(listProfiles(langOf(values.lang), controlsById(), values.format === 'json'));
  return 0;
}

function explainCommand(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { lang: { type: 'string' }, profile: { type: 'string' } }, strict: true });
  if (positionals.length !== 1) throw new UsageError('explain needs one control id or clause path, e.g. `muniguard explain s3-bucket-kms-cmk` or `muniguard explain osaka:7⑪エ`');
  const text = explain(positionals[0], { lang: langOf(values.lang), profile: values.profile, controls: controlsById() });
  if (!text) throw new UsageError(`"${positionals[0]}" is neither a control id nor a clause path of ${values.profile ?? 'any bundled profile'}`);
  io.stdout(text);
  return 0;
}

export { readProfileDocument };
