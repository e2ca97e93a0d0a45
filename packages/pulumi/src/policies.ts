/**
 * A profile + the controls as CrossGuard policies.
 *
 * Every policy validates the whole stack (`validateStack`), because that is the only call in
 * which the engine sends sibling resources: `Analyze` carries one resource's own inputs and
 * nothing else, while `AnalyzeStack` carries every resource with its provider and the
 * resources each property came from (`propertyDependencies`). An S3 bucket's encryption,
 * versioning and public-access settings, a Backup selection's resources, a role's policy
 * attachments are all separate resources in @pulumi/aws, so a per-resource policy would judge a
 * bucket without its encryption. The engine sends AnalyzeStack at the end of `pulumi preview`
 * and of `pulumi up` (`pulumi up` previews first, so a mandatory violation stops it before any
 * change).
 *
 * The stack is normalized once per AnalyzeStack call and evaluated by core's evaluate() with
 * the profile; each policy reports the findings of its control per URN.
 */
import * as path from 'node:path';
import {
  compileSchema, describeErrors, evaluate, FAMILY_LABELS, InputError, isIsoDate, LIVE_ONLY_KINDS, loadProfile, loadWaivers, planControls, readProfileDocument,
  SEVERITIES, todayIso, type Control, type Finding, type Profile, type ResolvedParameter, type ScanResult, type Severity, type Text, type Waiver,
} from '@muniguard/core';
import { controlsById } from '@muniguard/controls';
import type {
  EnforcementLevel, PolicyPackArgs, PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy,
} from '@pulumi/policy';
import type { PolicyConfigJSONSchema } from '@pulumi/policy/schema';
import { normalizePulumi } from './adapter';
import type { PulumiResource } from './model';

/** The policy that carries the pack's own settings and reports problems with them. */
export const SETTINGS_POLICY = 'muniguard-settings';

export interface PackSettings {
  /** A params file (YAML/JSON, policies/schema/params.schema.json): classification scheme, parameter values, per-control overrides. */
  paramsFile?: string;
  /** A waiver file (例外措置), policies/schema/waivers.schema.json. */
  waiversFile?: string;
  /** Whether a mandatory control whose value is unknown (preview) blocks. Default false: reported as advisory. */
  unknownBlocks?: boolean;
  /** The date findings are judged at (contract end, waiver expiry), YYYY-MM-DD. Default: today. */
  asOf?: string;
}

export interface BuildOptions {
  /** A bundled profile id (`osaka`) or the path of a profile.yaml. */
  profile: string;
  controls?: ReadonlyMap<string, Control>;
  /** Settings used when the settings policy's config does not set them. */
  defaults?: PackSettings;
  /** The stack configuration (`aws:region` is the region fallback). Default: the `PULUMI_CONFIG` the CLI passes. */
  stackConfig?: Record<string, unknown>;
  /** Relative paths in the settings are resolved from here. Default: the directory pulumi was run from (PWD). */
  baseDir?: string;
}

/** Metadata of one control's policy, as GetAnalyzerInfo reports it. */
interface ControlMeta {
  control: Control;
  enforcement: 'mandatory' | 'advisory';
  severity: Severity;
  clauses: { path: string; title: Text }[];
}

const join = (t: Text, sep = ' / ') => `${t.ja}${sep}${t.en}`;

function stackConfigFromEnv(): Record<string, unknown> {
  const raw = process.env.PULUMI_CONFIG;
  if (!raw) return {};
  try {
    const doc = JSON.parse(raw);
    return doc && typeof doc === 'object' ? (doc as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The profile for metadata: loaded completely when it can be, else from its document (Nara needs a params file first). */
function metadataProfile(idOrFile: string, controls: ReadonlyMap<string, Control>): { profile: Profile; complete: boolean } {
  try {
    return { profile: loadProfile(idOrFile, { controls }), complete: true };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const { doc, file } = readProfileDocument(idOrFile);
    const levels = doc.classification.levels ?? [];
    return {
      profile: { ...doc, file, levels, maxRank: Math.max(0, ...levels.map((l) => l.rank)), resolvedParameters: {}, overrides: {} },
      complete: false,
    };
  }
}

/** Controls that only read what a live scan sees (an account's state): no Pulumi resource can ever be checked by them. */
function liveOnly(control: Control): boolean {
  return control.kinds.every((k) => LIVE_ONLY_KINDS.includes(k));
}

function metaOf(profile: Profile, controls: ReadonlyMap<string, Control>): ControlMeta[] {
  return planControls(profile, controls).filter((p) => !liveOnly(p.control)).map(({ control, mappings }) => {
    const seen = new Set<string>();
    const clauses: ControlMeta['clauses'] = [];
    for (const m of mappings) {
      if (seen.has(m.clause.path)) continue;
      seen.add(m.clause.path);
      clauses.push({ path: m.clause.path, title: m.clause.title });
    }
    const severities = mappings.map((m) => m.mapping.severity ?? control.severity);
    return {
      control,
      enforcement: mappings.some((m) => m.mapping.enforcement === 'mandatory') ? 'mandatory' : 'advisory',
      severity: severities.reduce((a, b) => (SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a)),
      clauses,
    };
  });
}

function describeValue(p: ResolvedParameter | undefined, profileId: string): string {
  if (!p) return `profile ${profileId}: no value until a params file sets it (paramsFile in ${SETTINGS_POLICY}) / 値はパラメータファイルで設定`;
  const where = p.source === 'standard' ? `standard ${p.clause ?? ''}`.trim() : p.source === 'user' ? `params file` : 'project default';
  return `profile ${profileId}: ${JSON.stringify(p.value)} (${where})`;
}

const UNKNOWN_BLOCKS_SCHEMA: PolicyConfigJSONSchema = {
  type: 'boolean',
  description:
    'true: この統制で値が判定不能（プレビュー時に未確定）なら必須違反としてブロックする。省略時は muniguard-settings の unknownBlocks（既定 false: 勧告）。 / ' +
    'true: an unknown value (not known during preview) blocks this mandatory control. Omitted: muniguard-settings unknownBlocks (default false: advisory).',
};

const SETTINGS_SCHEMA: Record<string, PolicyConfigJSONSchema> = {
  paramsFile: {
    type: 'string', minLength: 1,
    description: 'パラメータファイル（分類体系、パラメータ値、統制ごとの上書き）のパス。nara では必須。 / Path of a params file (classification scheme, parameter values, per-control overrides); required for nara.',
  },
  waiversFile: {
    type: 'string', minLength: 1,
    description: '例外措置ファイルのパス。承認済みの例外は勧告として承認記録つきで報告し、期限切れはブロックする。 / Path of a waiver file: waived resources are reported as advisory with the approval record; an expired waiver blocks.',
  },
  unknownBlocks: {
    type: 'boolean',
    description: 'true: 必須の統制で値が判定不能ならブロックする（既定 false: 勧告として報告）。 / true: a mandatory control with an unknown value blocks (default false: reported as advisory).',
  },
  asOf: {
    type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: '判定の基準日 YYYY-MM-DD（契約終了日、例外措置の期限）。既定は当日。 / The date findings are judged at, YYYY-MM-DD (contract end, waiver expiry). Default: today.',
  },
};

/** The unknownCheckingProxy's own object: reading through the proxy throws on the first unknown value. */
function rawProps(props: unknown): Record<string, unknown> {
  if (!props || typeof props !== 'object') return {};
  const target = (props as Record<string, unknown>)['__getSpecialProxyTarget'];
  return (target && typeof target === 'object' ? target : props) as Record<string, unknown>;
}

/** What the policy pack receives, as the adapter's input. */
export function fromPolicyResource(r: PolicyResource): PulumiResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [k, list] of Object.entries(r.propertyDependencies ?? {})) propertyDependencies[k] = list.map((d) => d.urn);
  return {
    type: r.type,
    urn: r.urn,
    name: r.name,
    properties: rawProps(r.props),
    provider: r.provider ? { urn: r.provider.urn, type: r.provider.type, name: r.provider.name, properties: rawProps(r.provider.props) } : undefined,
    propertyDependencies,
    dependencies: (r.dependencies ?? []).map((d) => d.urn),
    parent: r.parent?.urn,
  };
}

type Outcome = { findings: Finding[] } | { problem: string };
type Setup = { profile: Profile; waivers: Waiver[]; asOf: string } | { problem: string };

/** The state of one AnalyzeStack call: resources normalized once, the profile evaluated once. */
class Call {
  settingsRan = false;
  private resources?: ReturnType<typeof normalizePulumi>;
  private prepared?: Setup;
  private base?: ScanResult;
  private readonly byControl = new Map<string, Finding[]>();
  constructor(
    private readonly runtime: PackRuntime,
    private readonly input: readonly PolicyResource[],
  ) {}

  /** The same resources (by URN, in order) as this call's: a safety net for the position rule. */
  sameStack(resources: readonly PolicyResource[]): boolean {
    if (resources.length !== this.input.length) return false;
    for (let i = 0; i < resources.length; i++) if (resources[i].urn !== this.input[i].urn) return false;
    return true;
  }

  normalized() {
    this.resources ??= normalizePulumi(this.input.map(fromPolicyResource), { stackConfig: this.runtime.stackConfig });
    return this.resources;
  }

  /** Everything the pack needs before it can evaluate: a problem here stops every control (fail closed). */
  setup(): Setup {
    if (this.prepared) return this.prepared;
    try {
      const profile = this.runtime.profile();
      const waivers = this.runtime.waivers();
      this.normalized();
      this.prepared = { profile, waivers, asOf: this.runtime.asOf() };
    } catch (error) {
      this.prepared = { problem: error instanceof InputError ? error.message : `cannot read the stack: ${(error as Error)?.message ?? String(error)}` };
    }
    return this.prepared;
  }

  baseResult(): ScanResult | { problem: string } {
    if (this.base) return this.base;
    const s = this.setup();
    if ('problem' in s) return s;
    this.base = evaluate({ profile: s.profile, controls: this.runtime.controls, resources: this.normalized(), asOf: s.asOf, waivers: s.waivers });
    for (const f of this.base.findings) {
      const list = this.byControl.get(f.controlId);
      if (list) list.push(f);
      else this.byControl.set(f.controlId, [f]);
    }
    return this.base;
  }

  /** The findings of one control, re-evaluated with the policy's own parameter values when it sets any. */
  findingsFor(control: Control, config: Record<string, unknown>): Outcome {
    const setup = this.setup();
    if ('problem' in setup) return setup;
    const overrides: Record<string, ResolvedParameter> = {};
    for (const [name, spec] of Object.entries(control.params ?? {})) {
      if (!(name in config)) continue;
      const value = config[name];
      const validate = compileSchema(spec.schema);
      if (!validate(value)) return { problem: `policy config ${control.id}.${name} = ${JSON.stringify(value)} ${describeErrors(validate.errors).replace(/^\/ /, '')}` };
      const current = setup.profile.resolvedParameters[name];
      if (current && JSON.stringify(current.value) === JSON.stringify(value)) continue;
      overrides[name] = { name, value, source: 'user', file: 'policy pack config', description: spec.description };
    }
    if (Object.keys(overrides).length === 0) {
      const base = this.baseResult();
      if ('problem' in base) return base;
      return { findings: this.byControl.get(control.id) ?? [] };
    }
    // this control alone: every other control of the profile switched off
    const off: Profile['overrides'] = { ...setup.profile.overrides };
    for (const id of this.runtime.controls.keys()) if (id !== control.id) off[id] = { ...off[id], disabled: true };
    const profile: Profile = { ...setup.profile, overrides: off, resolvedParameters: { ...setup.profile.resolvedParameters, ...overrides } };
    const result = evaluate({
      profile, controls: this.runtime.controls, resources: this.normalized(), asOf: setup.asOf,
      waivers: setup.waivers.filter((w) => w.control === control.id),
    });
    return { findings: result.findings.filter((f) => f.controlId === control.id) };
  }
}

/** Pack-wide state: settings from the settings policy, loaded profiles and waivers, the current call. */
class PackRuntime {
  settings: PackSettings;
  readonly stackConfig: Record<string, unknown>;
  private call?: Call;
  private lastIndex = Number.POSITIVE_INFINITY;
  private readonly profiles = new Map<string, Profile>();

  constructor(
    readonly profileRef: string,
    readonly controls: ReadonlyMap<string, Control>,
    private readonly defaults: PackSettings,
    stackConfig: Record<string, unknown> | undefined,
    private readonly baseDir: string,
  ) {
    this.settings = { ...defaults };
    this.stackConfig = stackConfig ?? stackConfigFromEnv();
  }

  /**
   * Policies run one after the other, in the pack's order, in every AnalyzeStack call: a policy
   * whose position is not after the previous one's starts a new call.
   */
  enter(index: number, args: StackValidationArgs): Call {
    if (!this.call || index <= this.lastIndex || !this.call.sameStack(args.resources)) this.call = new Call(this, args.resources);
    this.lastIndex = index;
    return this.call;
  }

  /** Apply the settings policy's config; returns the problems with it (one line each). */
  configure(config: Record<string, unknown>): string[] {
    const problems: string[] = [];
    const next: PackSettings = { ...this.defaults };
    for (const key of ['paramsFile', 'waiversFile'] as const) {
      const v = config[key];
      if (v === undefined) continue;
      if (typeof v !== 'string' || v.trim() === '') problems.push(`${SETTINGS_POLICY}.${key} must be a file path`);
      else next[key] = path.resolve(this.baseDir, v);
    }
    if (config.unknownBlocks !== undefined) {
      if (typeof config.unknownBlocks !== 'boolean') problems.push(`${SETTINGS_POLICY}.unknownBlocks must be true or false`);
      else next.unknownBlocks = config.unknownBlocks;
    }
    if (config.asOf !== undefined) {
      if (typeof config.asOf !== 'string' || !isIsoDate(config.asOf)) problems.push(`${SETTINGS_POLICY}.asOf must be a date YYYY-MM-DD`);
      else next.asOf = config.asOf;
    }
    this.settings = next;
    return problems;
  }

  profile(): Profile {
    const key = this.settings.paramsFile ?? '';
    let p = this.profiles.get(key);
    if (!p) {
      p = loadProfile(this.profileRef, { controls: this.controls, paramsFile: this.settings.paramsFile });
      this.profiles.set(key, p);
    }
    return p;
  }

  waivers(): Waiver[] {
    return this.settings.waiversFile ? loadWaivers(this.settings.waiversFile, new Set(this.controls.keys())) : [];
  }

  asOf(): string {
    return this.settings.asOf ?? todayIso();
  }
}

const VERDICT: Record<string, Text> = {
  fail: { ja: '不適合', en: 'fail' },
  error: { ja: 'エラー', en: 'error' },
  unknown: { ja: '判定不能', en: 'unknown' },
  waived: { ja: '例外措置', en: 'waived' },
};

/** The violation message: verdict and property path, the message in both languages, the clauses cited. */
export function violationMessage(f: Finding, profile: Profile, unknownBlocks: boolean): string {
  const v = VERDICT[f.verdict] ?? { ja: f.verdict, en: f.verdict };
  const lines = [`${v.ja} ${v.en}${f.path ? ` (${f.path})` : ''}: ${f.message.ja}`, f.message.en];
  if (f.clauses.length) lines.push(`条項 clauses: ${f.clauses.map((c) => c.path).join(', ')} — ${profile.standard.title.ja} / ${profile.standard.title.en}`);
  if (f.verdict === 'unknown') {
    lines.push(
      unknownBlocks
        ? 'unknownBlocks: true — 判定不能の値をブロックします / an unknown value blocks'
        : 'unknownBlocks: false — 判定不能は勧告として報告します（更新時に確定した値で再判定） / reported as advisory (judged again when the update knows the value)',
    );
  }
  if (f.waiver) {
    const w = f.waiver;
    const status = w.status === 'expired' ? '期限切れ expired' : '有効 active';
    lines.push(
      `例外措置 waiver (${status}): ${w.reason} — 承認者 approved by ${w.approvedBy} ${w.approvedOn}, 期限 expires ${w.expires}${w.reference ? `, ${w.reference}` : ''} [${w.origin}]`,
    );
  }
  return lines.join('\n');
}

interface Violation {
  message: string;
  urn?: string;
  enforcementLevel?: EnforcementLevel;
  severity?: Severity;
}
/** @pulumi/policy's reportViolation also takes an object, which lets one violation be advisory in a mandatory policy. */
function reportObject(report: ReportViolation, v: Violation): void {
  (report as unknown as (v: Violation) => void)(v);
}

/**
 * The enforcement level of one violation. Omitted (undefined) = the policy's effective level, which
 * the user may change with --policy-pack-config; a finding the profile makes advisory in a mandatory
 * policy (a lower class, a notice period), a waived one, and an unknown that does not block are
 * advisory; a finding a params file made mandatory in an advisory policy is mandatory.
 */
export function levelOf(f: Finding, policyLevel: 'mandatory' | 'advisory', unknownBlocks: boolean): EnforcementLevel | undefined {
  if (f.verdict === 'waived') return 'advisory';
  if (f.verdict === 'unknown' && !(unknownBlocks && f.enforcement === 'mandatory')) return 'advisory';
  if (f.enforcement === 'advisory') return policyLevel === 'mandatory' ? 'advisory' : undefined;
  return policyLevel === 'advisory' ? 'mandatory' : undefined;
}

/** Build the policies of one profile: the settings policy first, then one per control the profile maps. */
export function buildPolicies(options: BuildOptions): StackValidationPolicy[] {
  return buildPolicyPack(options).args.policies as StackValidationPolicy[];
}

export interface BuiltPack {
  name: string;
  args: PolicyPackArgs;
}

/** The pack name, its arguments and policies (give them to `new PolicyPack(name, args)`). */
export function buildPolicyPack(options: BuildOptions): BuiltPack {
  const controls = options.controls ?? controlsById();
  const { profile: meta, complete } = metadataProfile(options.profile, controls);
  const runtime = new PackRuntime(
    options.profile, controls, options.defaults ?? {}, options.stackConfig, options.baseDir ?? process.env.PWD ?? process.cwd(),
  );
  const standardName = join(meta.standard.title);
  const liveOnlyIds = planControls(meta, controls).filter((p) => liveOnly(p.control)).map((p) => p.control.id);
  const version = meta.standard.version ?? meta.standard.date ?? '';

  const settings: StackValidationPolicy = {
    name: SETTINGS_POLICY,
    displayName: 'muniguard のパック設定 / muniguard pack settings',
    description:
      `パックの設定（パラメータファイル、例外措置ファイル、判定不能の扱い、基準日）を読み、読めない設定・期限切れのない例外措置の不一致などを報告します（${meta.municipality.ja}）。\n` +
      `Reads the pack settings (params file, waiver file, unknown handling, scan date) and reports settings that cannot be used (${meta.municipality.en}).` +
      (complete ? '' : `\nこのプロファイルはパラメータファイルが必要です（paramsFile）。 / This profile needs a params file (paramsFile).`) +
      (liveOnlyIds.length ? `\nライブスキャン専用の統制は含みません / live-scan-only controls are not part of this pack: ${liveOnlyIds.join(', ')}` : ''),
    enforcementLevel: 'mandatory',
    severity: 'high',
    framework: { name: standardName, version, reference: meta.standard.source, specification: 'muniguard pack settings' },
    tags: ['muniguard', `profile:${meta.id}`, 'settings'],
    remediationSteps:
      'policy pack config の muniguard-settings に正しいファイルパスと値を設定してください（README 参照）。\n' +
      'Set valid file paths and values under muniguard-settings in the policy pack config (see the README).',
    configSchema: { properties: SETTINGS_SCHEMA },
    validateStack: (args, report) => {
      const problems = runtime.configure(args.getConfig<Record<string, unknown>>());
      const call = runtime.enter(0, args);
      call.settingsRan = true;
      for (const p of problems) reportObject(report, { message: `設定が不正です / invalid setting: ${p}` });
      const setup = call.setup();
      if ('problem' in setup) {
        reportObject(report, { message: `評価できません / cannot evaluate: ${setup.problem}` });
        return;
      }
      const base = call.baseResult();
      if ('problem' in base) return;
      for (const w of base.unmatchedWaivers) {
        reportObject(report, {
          message: `どのリソースにも当たらない例外措置です / a waiver that matches nothing: ${w.control} ${w.resources.join(', ')} [${w.origin}]`,
          enforcementLevel: 'advisory',
        });
      }
    },
  };

  const metas = metaOf(meta, controls);
  const policies: StackValidationPolicy[] = [settings];
  metas.forEach((m, i) => {
    const index = i + 1;
    const { control } = m;
    const properties: Record<string, PolicyConfigJSONSchema> = {};
    for (const [name, spec] of Object.entries(control.params ?? {})) {
      properties[name] = {
        ...(spec.schema as PolicyConfigJSONSchema),
        description: `${join(spec.description)} (${describeValue(meta.resolvedParameters[name], meta.id)})`,
      };
    }
    properties.unknownBlocks = UNKNOWN_BLOCKS_SCHEMA;
    const clausePaths = m.clauses.map((c) => c.path).join(', ');
    policies.push({
      name: control.id,
      displayName: join(control.title),
      description: `${control.title.ja}\n${control.summary.ja}\n${control.title.en}\n${control.summary.en}\n${meta.standard.title.ja} ${clausePaths}`,
      remediationSteps: `${control.remediation.ja}\n${control.remediation.en}`,
      enforcementLevel: m.enforcement,
      severity: m.severity,
      framework: {
        name: standardName,
        version,
        reference: clausePaths,
        specification: m.clauses.map((c) => `${c.path} ${join(c.title)}`).join('\n'),
      },
      tags: ['muniguard', `profile:${meta.id}`, `family:${control.family}`, control.family, join(FAMILY_LABELS[control.family]), ...m.clauses.map((c) => `clause:${c.path}`)],
      configSchema: { properties },
      validateStack: (args, report) => {
        const call = runtime.enter(index, args);
        const config = args.getConfig<Record<string, unknown>>();
        const unknownBlocks = typeof config.unknownBlocks === 'boolean' ? config.unknownBlocks : runtime.settings.unknownBlocks === true;
        const outcome = call.findingsFor(control, config);
        if ('problem' in outcome) {
          // the settings policy already blocked on a pack-wide problem; a control-specific one is always reported
          if (!call.settingsRan || outcome.problem.startsWith('policy config')) {
            // what could not be evaluated blocks (fail closed), whatever the policy's own level
            reportObject(report, { message: `評価できません / cannot evaluate: ${outcome.problem}`, enforcementLevel: 'mandatory' });
          }
          return;
        }
        const profile = runtime.profile();
        let reported = 0;
        for (const f of outcome.findings) {
          if (f.verdict === 'pass' || f.verdict === 'not-applicable') continue;
          const level = levelOf(f, m.enforcement, unknownBlocks);
          reportObject(report, {
            message: violationMessage(f, profile, unknownBlocks),
            urn: f.resource.source === 'pulumi' ? f.resource.address : undefined,
            enforcementLevel: level,
            severity: f.severity,
          });
          reported++;
        }
        if (reported === 0 && !control.kinds.includes('*') && !call.normalized().some((r) => control.kinds.includes(r.kind))) {
          args.notApplicable(`no ${control.kinds.join(', ')} in the stack`);
        }
      },
    });
  });

  return {
    name: `muniguard-${meta.id}`,
    args: {
      policies,
      enforcementLevel: 'advisory',
      displayName: `muniguard ${meta.municipality.ja} / ${meta.municipality.en}`,
      description: `${meta.standard.title.ja} / ${meta.standard.title.en} — muniguard`,
      provider: 'aws',
      tags: ['muniguard', `profile:${meta.id}`],
    },
  };
}
