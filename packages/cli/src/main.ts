import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import {
  compareBaseline, createBaseline, evaluate, exitCodeFor, exitCodeWithBaseline, InputError, isIsoDate, listProfileIds, loadProfile,
  loadWaivers, readBaseline, readProfileDocument, todayIso, VERSION, writeBaseline, type BaselineComparison, type Lang, type ScanResult,
  type Control,
} from '@muniguard/core';
import { controlsById } from '@muniguard/controls';
import { loadPath } from '@muniguard/terraform';
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
  muniguard profiles [--lang ja|en]
  muniguard explain <control-id | clause-path | profile:clause-path> [--profile id] [--lang ja|en]

<path>: *.tf.json / cdk.tf.json, a cdktf.out directory, \`terraform show -json\` plan output, or a directory of those.
Exit codes: 0 nothing mandatory fails; 1 a mandatory finding fails (or is unknown with --fail-on unknown); 2 usage or input error.
Baselines: --write-baseline FILE records today's findings; --baseline FILE reports everything but exits 1 only on findings
that are not in FILE, and lists the recorded ones that are gone as fixed. An expired waiver always counts as new.
`;

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'scan':
        return scanCommand(rest, io);
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
        throw new UsageError(`unknown command "${command}" (scan, profiles, explain)`);
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
    },
  });
  if (values.aws) throw new UsageError('--aws (live account scan) is not available in this build yet');
  if (values.baseline !== undefined && values['write-baseline'] !== undefined) {
    throw new UsageError('use either --baseline (compare with a baseline) or --write-baseline (record a new one), not both');
  }
  for (const flag of ['baseline', 'write-baseline'] as const) if (values[flag] === '') throw new UsageError(`--${flag} needs a file name`);
  if (!values.profile) throw new UsageError('scan needs --profile <id|file> (bundled: ' + listProfileIds().join(', ') + ')');
  if (positionals.length === 0) throw new UsageError('scan needs at least one path (a *.tf.json, a plan JSON, or a cdktf.out directory)');
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
  };
}

/** Run a scan as the CLI does (also used by tests and other front ends). */
export function runScan(options: Omit<ScanOptions, 'format' | 'lang' | 'output' | 'failOn'>, controls: ReadonlyMap<string, Control> = controlsById()): ScanResult {
  const profile = loadProfile(options.profile, { paramsFile: options.params, controls });
  const waivers = options.waivers ? loadWaivers(options.waivers, new Set(controls.keys())) : [];
  const inputs = options.paths.flatMap((p) => loadPath(p));
  return evaluate({
    profile,
    controls,
    groups: inputs.map((i) => i.resources),
    asOf: options.asOf,
    waivers,
    inputs: inputs.map((i) => i.path),
  });
}

function scanCommand(args: string[], io: Io): number {
  const options = parseScan(args);
  // a broken baseline is an input error before anything is scanned
  const baseline = options.baseline !== undefined ? readBaseline(options.baseline) : undefined;
  const controls = controlsById();
  const result = runScan(options, controls);
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
