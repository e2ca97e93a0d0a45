import { createHash } from 'node:crypto';
import * as path from 'node:path';
import {
  findLevel,
  listProfileIds,
  loadProfile,
  planControls,
  VERSION,
  type Control,
  type Enforcement,
  type Profile,
  type ResolvedParameter,
  type Severity,
  type Text,
} from '@muniguard/core';
import { MANAGED_EQUIVALENTS, NOT_EQUIVALENT, type ManagedEquivalent, type ManagedParameter } from './conformance-pack-rules';
import { recordedTypeOfKind } from './rule-handler-inventory';

/**
 * `muniguard export conformance-pack`: an AWS Config conformance pack template for a profile.
 *
 * Every control the profile switches on becomes one AWS::Config::ConfigRule. A control gets an
 * AWS managed rule (Owner: AWS) only when one decides the same for every resource the profile
 * applies the control to: the managed rule is listed in MANAGED_EQUIVALENTS, and the control is
 * not gated by classification in this profile (a managed rule cannot read the classification
 * tag, so "from Ⅱ" cannot be expressed), and the profile's parameter value fits the managed
 * rule's parameter. Every other control runs the muniguard custom rule (CUSTOM_LAMBDA, the
 * function ARN is the template parameter MuniguardRuleFunctionArn). The clauses each rule
 * enforces are written as comments above it and returned as the side-file mapping.
 */

export const FUNCTION_ARN_PARAMETER = 'MuniguardRuleFunctionArn';
/** Rule names: letters, digits and hyphens, at most 64 characters (Config allows 128; packs add a suffix). */
export const RULE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;
/** PutConformancePack accepts a TemplateBody of at most 51,200 bytes (larger templates go through S3). */
export const TEMPLATE_BODY_LIMIT = 51_200;

export interface ConformancePackOptions {
  /** A bundled profile id (osaka) or a profile file. */
  profile: string;
  controls: ReadonlyMap<string, Control>;
  /** The params file (--params): classification scheme, parameter values, per-control overrides. */
  paramsFile?: string;
  /** Use the muniguard custom rule for every control (so waivers and classification apply everywhere). */
  customOnly?: boolean;
}

export interface MappedClause {
  standard: string;
  path: string;
  title: Text;
  relation: 'requires' | 'supports';
  enforcement: Enforcement;
  /** The lowest class the clause applies the control to; null = every resource. */
  from: string | null;
}

export interface MappedParameter {
  /** The managed rule's parameter. */
  name: string;
  value: string;
  /** The muniguard parameter and where its value comes from. */
  parameter: string;
  source: ResolvedParameter['source'];
  clause?: string;
  file?: string;
  setBy?: ResolvedParameter['setBy'];
  rationale?: Text;
}

export interface RuleMapping {
  controlId: string;
  logicalId: string;
  type: 'managed' | 'custom';
  /** The managed rule identifier, or CUSTOM_LAMBDA. */
  source: string;
  trigger: 'configuration-change' | 'periodic';
  /** The normalized kinds the rule evaluates ('*' = every kind). */
  kinds: string[];
  /** Scope.ComplianceResourceTypes of the rule (empty: no scope, e.g. periodic rules). */
  scope: string[];
  family: string;
  severity: Severity;
  title: Text;
  clauses: MappedClause[];
  parameters: MappedParameter[];
  /** Managed: how it compares with the control. Custom: why no managed rule is used. */
  note: Text;
  /** The rule's AWS documentation page (managed rules). */
  doc?: string;
}

export interface ConformancePackMapping {
  schemaVersion: 1;
  tool: { name: 'muniguard'; version: string };
  profile: { id: string; municipality: Text; standard: Text; date?: string; paramsFile?: string };
  functionArnParameter: string | null;
  /** Rule name -> the control it enforces and the clauses it cites. */
  rules: Record<string, RuleMapping>;
  /** Clauses no rule can check (evidence kept by people), for a complete self-inspection list. */
  manualClauses: { path: string; title: Text }[];
}

export interface ConformancePackExport {
  /** The template (YAML, with the clause mapping as comments). */
  template: string;
  mapping: ConformancePackMapping;
  /** One-line notices for the user (e.g. a template too large for TemplateBody). */
  warnings: string[];
}

function ruleName(profileId: string, controlId: string, suffix?: string): string {
  let name = `muniguard-${profileId}-${controlId}${suffix ? `-${suffix}` : ''}`.replace(/[^A-Za-z0-9-]+/g, '-').replace(/-+/g, '-');
  if (name.length > 64) {
    const digest = createHash('sha256').update(name).digest('hex').slice(0, 8);
    name = `${name.slice(0, 55).replace(/-+$/, '')}-${digest}`;
  }
  return name;
}

function logicalIdOf(name: string, taken: Set<string>): string {
  const base = name
    .split('-')
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}${i}`;
  taken.add(id);
  return id;
}

/** One line of a comment: no line breaks. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A YAML scalar: JSON's double-quoted strings are YAML double-quoted strings. */
function scalar(value: string): string {
  return JSON.stringify(value);
}

function cutText(text: string, limit: number): string {
  const chars = Array.from(text);
  return chars.length <= limit ? text : chars.slice(0, limit - 1).join('') + '…';
}

function provenance(p: ResolvedParameter): string {
  switch (p.source) {
    case 'standard':
      return `source: standard, clause ${p.clause ?? '?'}`;
    case 'user':
      return `source: user, params file ${p.file ? path.basename(p.file) : '?'}`;
    default:
      return `source: default (set by the ${p.setBy ?? 'profile'}; the project's recommendation, not the standard's text)`;
  }
}

interface Planned {
  control: Control;
  clauses: MappedClause[];
  /** The control applies to every resource of its kinds under this profile (no classification gate). */
  appliesToAll: boolean;
  lowestFrom: string | null;
}

function planned(profile: Profile, controls: ReadonlyMap<string, Control>): Planned[] {
  const minRank = profile.levels.length ? Math.min(...profile.levels.map((l) => l.rank)) : 0;
  return planControls(profile, controls).map(({ control, mappings }) => {
    const clauses: MappedClause[] = mappings.map(({ mapping, clause, fromRank }) => ({
      standard: profile.id,
      path: clause.path,
      title: clause.title,
      relation: mapping.relation,
      enforcement: profile.overrides[control.id]?.enforcement ?? mapping.enforcement,
      from: control.classBased && mapping.from !== undefined && fromRank > minRank ? findLevel(profile.levels, mapping.from)?.value ?? mapping.from : null,
    }));
    const appliesToAll = !control.classBased || clauses.some((c) => c.from === null);
    const lowest = clauses
      .filter((c) => c.from !== null)
      .map((c) => findLevel(profile.levels, c.from!))
      .filter((l) => l)
      .sort((a, b) => a!.rank - b!.rank)[0];
    return { control, clauses, appliesToAll, lowestFrom: lowest?.value ?? null };
  });
}

type Choice =
  | { type: 'managed'; rules: { eq: ManagedEquivalent; params: ManagedParameter[] }[] }
  | { type: 'custom'; reason: Text };

function choose(p: Planned, profile: Profile, customOnly: boolean): Choice {
  const equivalents = MANAGED_EQUIVALENTS[p.control.id];
  if (customOnly) return { type: 'custom', reason: { ja: 'カスタムルールのみを使う指定（customOnly）。', en: 'Custom rule requested for every control (customOnly).' } };
  if (!equivalents) {
    const near = NOT_EQUIVALENT[p.control.id];
    if (near) return { type: 'custom', reason: near.reason };
    return { type: 'custom', reason: { ja: '同じ判定をする AWS マネージドルールがありません。', en: 'No AWS managed rule decides the same thing.' } };
  }
  if (!p.appliesToAll) {
    return {
      type: 'custom',
      reason: {
        ja: `このプロファイルでは分類 ${p.lowestFrom} 以上のデータにだけ適用されます。マネージドルールは分類タグを読めないため、カスタムルールで評価します。`,
        en: `This profile applies the control from class ${p.lowestFrom} up; a managed rule cannot read the classification tag, so the custom rule evaluates it.`,
      },
    };
  }
  const covered = new Set(equivalents.flatMap((e) => e.covers));
  const missing = p.control.kinds.filter((k) => !covered.has(k));
  if (missing.length) {
    return { type: 'custom', reason: { ja: `マネージドルールは ${missing.join(', ')} を評価しません。`, en: `The managed rules do not evaluate ${missing.join(', ')}.` } };
  }
  const rules: { eq: ManagedEquivalent; params: ManagedParameter[] }[] = [];
  for (const eq of equivalents) {
    const params = eq.parameters?.(profile) ?? { values: [] };
    if ('reason' in params) return { type: 'custom', reason: params.reason };
    rules.push({ eq, params: params.values });
  }
  return { type: 'managed', rules };
}

function mappedParameter(m: ManagedParameter): MappedParameter {
  const p = m.from;
  return {
    name: m.name,
    value: m.value,
    parameter: p.name,
    source: p.source,
    ...(p.clause ? { clause: p.clause } : {}),
    ...(p.file ? { file: path.basename(p.file) } : {}),
    ...(p.setBy ? { setBy: p.setBy } : {}),
    ...(p.rationale ? { rationale: p.rationale } : {}),
  };
}

/** The rule parameter `profile` the muniguard function is given: the bundled id, or the file's name. */
function profileReference(given: string, profile: Profile): string {
  return listProfileIds().includes(given) ? given : path.basename(profile.file);
}

/** Build the conformance pack template and its clause mapping for one profile. */
export function exportConformancePack(options: ConformancePackOptions): ConformancePackExport {
  const profile = loadProfile(options.profile, { paramsFile: options.paramsFile, controls: options.controls });
  const profileRef = profileReference(options.profile, profile);
  const logicalIds = new Set<string>([FUNCTION_ARN_PARAMETER]);
  const rules: Record<string, RuleMapping> = {};
  const blocks: string[] = [];
  let customCount = 0;
  let managedCount = 0;

  for (const p of planned(profile, options.controls)) {
    const choice = choose(p, profile, options.customOnly === true);
    const entries: { name: string; mapping: RuleMapping; properties: string[] }[] = [];
    if (choice.type === 'managed') {
      for (const { eq, params } of choice.rules) {
        const name = ruleName(profile.id, p.control.id, choice.rules.length > 1 ? eq.suffix : undefined);
        const mapping: RuleMapping = {
          controlId: p.control.id,
          logicalId: logicalIdOf(name, logicalIds),
          type: 'managed',
          source: eq.identifier,
          trigger: eq.scope ? 'configuration-change' : 'periodic',
          kinds: [...eq.covers],
          scope: [...(eq.scope ?? [])],
          family: p.control.family,
          severity: p.control.severity,
          title: p.control.title,
          clauses: p.clauses,
          parameters: params.map(mappedParameter),
          note: eq.note,
          doc: `https://docs.aws.amazon.com/config/latest/developerguide/${eq.doc}.html`,
        };
        const props = [
          `      ConfigRuleName: ${scalar(name)}`,
          `      Description: ${scalar(cutText(`${p.control.title.ja} / ${p.control.title.en}`, 256))}`,
        ];
        if (params.length) {
          props.push('      InputParameters:');
          for (const v of params) props.push(`        ${v.name}: ${scalar(v.value)}`);
        }
        if (eq.scope) {
          props.push('      Scope:', '        ComplianceResourceTypes:', ...eq.scope.map((t) => `          - ${scalar(t)}`));
        }
        props.push('      Source:', '        Owner: AWS', `        SourceIdentifier: ${eq.identifier}`);
        entries.push({ name, mapping, properties: props });
        managedCount++;
      }
    } else {
      const name = ruleName(profile.id, p.control.id);
      const all = p.control.kinds.includes('*');
      const types = all ? [] : [...new Set(p.control.kinds.map(recordedTypeOfKind).filter((t): t is string => !!t))];
      const periodic = p.control.scope === 'stack' || (!all && types.length === 0);
      let note = choice.reason;
      if (!all && types.length === 0) {
        note = {
          ja: `${note.ja} AWS Config はこのコントロールのリソース種別（${p.control.kinds.join(', ')}）を記録しないため、定期実行時にアカウントを「データ不足」と報告します。muniguard scan --aws で確認してください。`,
          en: `${note.en} AWS Config records none of the control's kinds (${p.control.kinds.join(', ')}): the periodic rule reports the account as INSUFFICIENT_DATA; check them with muniguard scan --aws.`,
        };
      } else if (p.control.scope === 'stack') {
        note = {
          ja: `${note.ja} スタック単位の検査のため、定期実行（24 時間ごと）でリージョンの全リソースを読み込んで評価します。`,
          en: `${note.en} A stack-scope check: it runs periodically (every 24 hours) over every resource of the region.`,
        };
      }
      const mapping: RuleMapping = {
        controlId: p.control.id,
        logicalId: logicalIdOf(name, logicalIds),
        type: 'custom',
        source: 'CUSTOM_LAMBDA',
        trigger: periodic ? 'periodic' : 'configuration-change',
        kinds: all ? ['*'] : [...p.control.kinds],
        scope: periodic ? [] : types,
        family: p.control.family,
        severity: p.control.severity,
        title: p.control.title,
        clauses: p.clauses,
        parameters: [],
        note,
      };
      const props = [
        `      ConfigRuleName: ${scalar(name)}`,
        `      Description: ${scalar(cutText(`${p.control.title.ja} / ${p.control.title.en}`, 256))}`,
        '      InputParameters:',
        `        profile: ${scalar(profileRef)}`,
        `        controls: ${scalar(p.control.id)}`,
      ];
      if (!periodic && types.length) {
        props.push('      Scope:', '        ComplianceResourceTypes:', ...types.map((t) => `          - ${scalar(t)}`));
      }
      props.push('      Source:', '        Owner: CUSTOM_LAMBDA', '        SourceIdentifier:', `          Ref: ${FUNCTION_ARN_PARAMETER}`, '        SourceDetails:');
      if (periodic) {
        props.push('          - EventSource: aws.config', '            MessageType: ScheduledNotification', '            MaximumExecutionFrequency: TwentyFour_Hours');
      } else {
        props.push(
          '          - EventSource: aws.config',
          '            MessageType: ConfigurationItemChangeNotification',
          '          - EventSource: aws.config',
          '            MessageType: OversizedConfigurationItemChangeNotification',
        );
      }
      entries.push({ name, mapping, properties: props });
      customCount++;
    }

    for (const { name, mapping, properties } of entries) {
      if (rules[name]) throw new Error(`conformance pack: rule name ${name} is used twice`);
      rules[name] = mapping;
      blocks.push([...commentBlock(name, mapping, profile), `  ${mapping.logicalId}:`, '    Type: AWS::Config::ConfigRule', '    Properties:', ...properties].join('\n'));
    }
  }

  const head = [
    `# AWS Config conformance pack — muniguard profile ${profile.id}`,
    `# ${oneLine(profile.municipality.ja)} ${oneLine(profile.standard.title.ja)}${profile.standard.date ? ` (${profile.standard.date})` : ''}`,
    `# ${oneLine(profile.municipality.en)}: ${oneLine(profile.standard.title.en)}`,
    `# Generated by muniguard ${VERSION}: muniguard export conformance-pack --profile ${profileRef}${options.paramsFile ? ` --params ${path.basename(options.paramsFile)}` : ''}`,
    `# ${managedCount} AWS managed rule(s) where one decides the same as the muniguard control for every resource`,
    `# the profile applies it to; ${customCount} muniguard custom rule(s) (CUSTOM_LAMBDA) for the rest.`,
    '# マネージドルールは、プロファイルが適用するすべてのリソースについてコントロールと同じ判定をする場合だけ使い、',
    '# それ以外はすべて muniguard のカスタムルール（Lambda）で評価します。各ルールの上のコメントと --mapping の',
    '# JSON に、ルールが根拠とする条項を記録しています。',
    '# 条項の注記 / clause notes: r = requires (条項が求める), s = supports (条項の解釈); m = mandatory (必須), a = advisory (推奨); /X = 分類 X 以上 (from class X).',
    ...(options.paramsFile
      ? ['# The muniguard function must read the same params file: set MUNIGUARD_PARAMS_FILE (or MUNIGUARD_PARAMS) on it.']
      : []),
    ...(profile.clauses.some((c) => c.manual)
      ? [`# ${profile.clauses.filter((c) => c.manual).length} clause(s) need evidence kept by people (manual): see the mapping file.`]
      : []),
  ];
  const parameters = customCount
    ? [
        'Parameters:',
        `  ${FUNCTION_ARN_PARAMETER}:`,
        '    Type: String',
        `    Description: ${scalar('ARN of the muniguard AWS Config rule function (examples/live-scan) / muniguard の Config ルール用 Lambda 関数の ARN')}`,
      ]
    : [];
  const template = [...head, ...parameters, 'Resources:', blocks.join('\n\n'), ''].join('\n');
  const warnings: string[] = [];
  const bytes = Buffer.byteLength(template, 'utf8');
  if (bytes > TEMPLATE_BODY_LIMIT) {
    warnings.push(`the template is ${bytes} bytes, more than PutConformancePack accepts as TemplateBody (${TEMPLATE_BODY_LIMIT}): upload it to S3 and deploy with --template-s3-uri`);
  }

  return {
    template,
    mapping: {
      schemaVersion: 1,
      tool: { name: 'muniguard', version: VERSION },
      profile: {
        id: profile.id,
        municipality: profile.municipality,
        standard: profile.standard.title,
        ...(profile.standard.date ? { date: profile.standard.date } : {}),
        ...(options.paramsFile ? { paramsFile: path.basename(options.paramsFile) } : {}),
      },
      functionArnParameter: customCount ? FUNCTION_ARN_PARAMETER : null,
      rules,
      manualClauses: profile.clauses.filter((c) => c.manual).map((c) => ({ path: c.path, title: c.title })),
    },
    warnings,
  };
}

function commentBlock(name: string, m: RuleMapping, profile: Profile): string[] {
  // compact: the clause paths with relation and enforcement; clause titles, the reason for the
  // rule choice and rationales are in the mapping file (PutConformancePack takes at most
  // 51,200 bytes of template body)
  const kind = m.type === 'managed' ? `AWS managed ${m.source}` : `muniguard custom, ${m.trigger}`;
  const cite = (c: RuleMapping['clauses'][number]) => `${oneLine(c.path)} (${c.relation[0]}/${c.enforcement[0]}${c.from ? `/${c.from}` : ''})`;
  const lines = [`  # ── ${name} [${kind}] 条項 ${profile.id}: ${m.clauses.map(cite).join(', ')}`];
  for (const p of m.parameters) {
    const source = profile.resolvedParameters[p.parameter];
    lines.push(`  # parameter ${p.name} = ${p.value} ← ${p.parameter} (${source ? provenance(source) : p.source})`);
  }
  return lines;
}
