import type { Control, CheckResult, Family, Severity, Verdict } from './control';
import { SEVERITIES } from './control';
import { CheckContext, ResourceIndex } from './context';
import { formatText, type Text } from './i18n';
import type { AdapterName, Resource } from './model';
import { findLevel, type ControlMapping, type Enforcement, type Profile, type ResolvedParameter, type Clause } from './profile';
import { isUnknown } from './unknown';
import { BUILTIN_MESSAGES } from './messages';
import { waiverMatches, waiverRecord, type Waiver, type WaiverRecord } from './waivers';
import { applyReadErrors, type ReadError } from './read-errors';

export type FindingVerdict = Verdict | 'waived';

export interface ClauseRef {
  standard: string;
  path: string;
  title: Text;
  relation: 'requires' | 'supports';
}

export interface Finding {
  controlId: string;
  family: Family;
  verdict: FindingVerdict;
  severity: Severity;
  enforcement: Enforcement;
  resource: { kind: string; address: string; source: AdapterName; region: string | null; name?: string; arn?: string; file?: string; constructPath?: string };
  path: string | null;
  messageId: string;
  message: Text;
  clauses: ClauseRef[];
  waiver: WaiverRecord | null;
}

export interface Summary {
  pass: number;
  fail: number;
  unknown: number;
  notApplicable: number;
  error: number;
  waived: number;
}

export interface ScanResult {
  profile: Profile;
  asOf: string;
  inputs: string[];
  resourceCount: number;
  /** Every finding except `not-applicable` ones (those are only counted). */
  findings: Finding[];
  summary: Summary;
  /** Waivers that matched no finding that needed them. */
  unmatchedWaivers: Waiver[];
  parameters: ResolvedParameter[];
  /** Clauses a person must check (process-only), for a complete self-inspection list. */
  manualClauses: Clause[];
  plannedClauses: Clause[];
  /** What a live scan could not read (each one is also `error` findings); absent for IaC inputs. */
  readErrors?: ReadError[];
}


export interface EvaluateOptions {
  profile: Profile;
  controls: ReadonlyMap<string, Control>;
  /** Resources of one stack; or several stacks (`groups`), each evaluated with its own index. */
  resources?: readonly Resource[];
  groups?: readonly (readonly Resource[])[];
  asOf: string;
  waivers?: readonly Waiver[];
  inputs?: string[];
  /** What a live scan could not read: turned into `error` findings (see read-errors.ts). */
  readErrors?: readonly ReadError[];
}

export interface ControlPlan {
  control: Control;
  mappings: { mapping: ControlMapping; clause: Clause; fromRank: number }[];
}

/** Which controls the profile switches on, with their clause mappings (user overrides applied). */
export function planControls(profile: Profile, controls: ReadonlyMap<string, Control>): ControlPlan[] {
  const plans = new Map<string, ControlPlan>();
  for (const clause of profile.clauses) {
    for (const mapping of clause.controls ?? []) {
      if (profile.overrides[mapping.id]?.disabled) continue;
      const control = controls.get(mapping.id);
      if (!control) throw new Error(`profile ${profile.id} maps unknown control ${mapping.id}`);
      let plan = plans.get(control.id);
      if (!plan) plans.set(control.id, (plan = { control, mappings: [] }));
      const fromRank = mapping.from === undefined || !control.classBased ? 0 : findLevel(profile.levels, mapping.from)?.rank ?? 0;
      plan.mappings.push({ mapping, clause, fromRank });
    }
  }
  return [...plans.values()];
}

function maxSeverity(values: Severity[]): Severity {
  return values.reduce((a, b) => (SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a));
}

function paramsFor(control: Control, profile: Profile): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(control.params ?? {})) {
    const r = profile.resolvedParameters[name];
    out[name] = r ? r.value : control.params![name].default;
  }
  return out;
}

function resourceView(r: Resource): Finding['resource'] {
  const region = r.region === undefined || isUnknown(r.region) ? null : r.region;
  const name = typeof r.name === 'string' ? r.name : undefined;
  const arn = typeof r.props.arn === 'string' ? r.props.arn : undefined;
  return {
    kind: r.kind,
    address: r.source.address,
    source: r.source.adapter,
    region,
    ...(name ? { name } : {}),
    ...(arn ? { arn } : {}),
    ...(r.source.file ? { file: r.source.file } : {}),
    ...(r.source.constructPath ? { constructPath: r.source.constructPath } : {}),
  };
}

/** Evaluate every control of the profile over the resources, then apply waivers. */
export function evaluate(options: EvaluateOptions): ScanResult {
  const { profile, controls, asOf } = options;
  const groups = options.groups ?? [options.resources ?? []];
  const summary: Summary = { pass: 0, fail: 0, unknown: 0, notApplicable: 0, error: 0, waived: 0 };
  const findings: Finding[] = [];
  const plans = planControls(profile, controls);
  for (const group of groups) evaluateGroup(new ResourceIndex(group), plans, profile, asOf, summary, findings);
  if (options.readErrors?.length) applyReadErrors(findings, options.readErrors, plans, profile);

  const unmatchedWaivers = applyWaivers(findings, options.waivers ?? [], controls, asOf);
  for (const f of findings) {
    if (f.verdict === 'not-applicable') summary.notApplicable++;
    else if (f.verdict === 'waived') summary.waived++;
    else summary[f.verdict]++;
  }
  return {
    profile,
    asOf,
    inputs: options.inputs ?? [],
    resourceCount: groups.reduce((n, g) => n + g.length, 0),
    findings,
    summary,
    unmatchedWaivers,
    parameters: Object.values(profile.resolvedParameters),
    manualClauses: profile.clauses.filter((c) => c.manual),
    plannedClauses: profile.clauses.filter((c) => c.planned),
    ...(options.readErrors?.length ? { readErrors: [...options.readErrors] } : {}),
  };
}

/** What a set of applicable clause mappings means for a finding: computed once per distinct set. */
export interface Applicability {
  clauses: ClauseRef[];
  mandatory: boolean;
  severity: Severity;
}

export function applicabilityOf(control: Control, profile: Profile, mappings: ControlPlan['mappings']): Applicability {
  const seen = new Set<string>();
  const clauses: ClauseRef[] = [];
  for (const m of mappings) {
    if (seen.has(m.clause.path)) continue;
    seen.add(m.clause.path);
    clauses.push({ standard: profile.id, path: m.clause.path, title: m.clause.title, relation: m.mapping.relation });
  }
  return {
    clauses,
    mandatory: mappings.some((m) => m.mapping.enforcement === 'mandatory'),
    severity: maxSeverity(mappings.map((m) => m.mapping.severity ?? control.severity)),
  };
}

function evaluateGroup(index: ResourceIndex, plans: ControlPlan[], profile: Profile, asOf: string, summary: Summary, findings: Finding[]): void {
  const views = new Map<Resource, Finding['resource']>();
  const viewOf = (r: Resource) => {
    let v = views.get(r);
    if (!v) views.set(r, (v = resourceView(r)));
    return v;
  };
  for (const plan of plans) {
    const { control } = plan;
    const ctx = new CheckContext(profile, index, paramsFor(control, profile), asOf);
    const candidates = control.kinds.includes('*') ? index.all : control.kinds.flatMap((k) => index.ofKind(k));
    // the applicable mappings depend only on the resource's rank: one entry per distinct rank
    const byRank = new Map<number, Applicability | null>();
    const applicabilityAt = (rank: number) => {
      let a = byRank.get(rank);
      if (a === undefined) {
        const mappings = plan.mappings.filter((m) => rank >= m.fromRank);
        byRank.set(rank, (a = mappings.length ? applicabilityOf(control, profile, mappings) : null));
      }
      return a;
    };
    const applicable: { resource: Resource; applicability: Applicability }[] = [];
    for (const resource of candidates) {
      const applicability = applicabilityAt(control.classBased ? ctx.classification(resource).effectiveRank : 0);
      if (applicability) applicable.push({ resource, applicability });
      else summary.notApplicable++;
    }
    const messages = new Map<string, Text>();
    const emit = (resource: Resource, applicability: Applicability, result: CheckResult) => {
      if (result.verdict === 'not-applicable') {
        summary.notApplicable++;
        return;
      }
      findings.push(makeFinding(control, profile, viewOf(resource), applicability, result, messages));
    };
    if (control.scope === 'resource') {
      for (const { resource, applicability } of applicable) {
        let result: CheckResult;
        try {
          result = control.check(resource, ctx);
        } catch (error) {
          result = { verdict: 'error', messageId: 'controlError', data: { error: (error as Error).message ?? String(error) } };
        }
        emit(resource, applicability, result);
      }
    } else {
      const byId = new Map(applicable.map((a) => [a.resource.id, a]));
      let results: { resource: Resource; result: CheckResult }[];
      try {
        results = control.checkStack(applicable.map((a) => a.resource), ctx);
      } catch (error) {
        const result: CheckResult = { verdict: 'error', messageId: 'controlError', data: { error: (error as Error).message ?? String(error) } };
        results = applicable.map((a) => ({ resource: a.resource, result }));
      }
      for (const { resource, result } of results) {
        const a = byId.get(resource.id);
        if (a) emit(resource, a.applicability, result);
      }
    }
  }
}

function makeFinding(
  control: Control,
  profile: Profile,
  resource: Finding['resource'],
  applicability: Applicability,
  result: CheckResult,
  messages: Map<string, Text>,
): Finding {
  const override = profile.overrides[control.id] ?? {};
  const messageId = result.messageId ?? (result.verdict === 'pass' ? 'passed' : result.verdict);
  let message: Text | undefined = result.data ? undefined : messages.get(messageId);
  if (!message) {
    const template = control.messages[messageId] ?? BUILTIN_MESSAGES[messageId];
    if (!template) throw new Error(`control ${control.id} returned unknown message id ${messageId}`);
    message = formatText(template, result.data);
    if (!result.data) messages.set(messageId, message);
  }
  return {
    controlId: control.id,
    family: control.family,
    verdict: result.verdict,
    severity: override.severity ?? applicability.severity,
    enforcement: override.enforcement ?? (result.advisory || !applicability.mandatory ? 'advisory' : 'mandatory'),
    resource,
    path: result.path ?? null,
    messageId,
    message,
    clauses: applicability.clauses,
    waiver: null,
  };
}

function applyWaivers(
  findings: Finding[],
  waivers: readonly Waiver[],
  controls: ReadonlyMap<string, Control>,
  asOf: string,
): Waiver[] {
  const unmatched: Waiver[] = [];
  const expiredFindings: Finding[] = [];
  for (const waiver of waivers) {
    const record = waiverRecord(waiver, asOf);
    let matched = false;
    for (const f of findings) {
      if (f.controlId !== waiver.control || f.verdict === 'pass' || f.verdict === 'waived' || f.verdict === 'not-applicable') continue;
      const names = [f.resource.address, f.resource.name ?? '', f.resource.arn ?? ''];
      if (!waiverMatches(waiver, names)) continue;
      matched = true;
      f.waiver = record;
      if (record.status === 'active') f.verdict = 'waived';
    }
    if (record.status === 'expired') {
      const control = controls.get(waiver.control);
      const related = findings.find((f) => f.controlId === waiver.control);
      expiredFindings.push({
        controlId: waiver.control,
        family: control?.family ?? 'classification',
        verdict: 'fail',
        severity: control?.severity ?? 'high',
        enforcement: 'mandatory',
        resource: { kind: 'muniguard::Waiver', address: waiver.origin, source: 'muniguard', region: null },
        path: 'expires',
        messageId: 'waiverExpired',
        message: formatText(BUILTIN_MESSAGES.waiverExpired, { ...waiver }),
        clauses: related?.clauses ?? [],
        waiver: record,
      });
    } else if (!matched) {
      unmatched.push(waiver);
    }
  }
  findings.push(...expiredFindings);
  return unmatched;
}

/** The CLI contract's exit code: 1 when a mandatory finding fails (or is unknown with failOn=unknown). */
export function exitCodeFor(result: ScanResult, failOn: 'fail' | 'unknown' | 'never'): 0 | 1 {
  if (failOn === 'never') return 0;
  const failing = new Set(failOn === 'unknown' ? ['fail', 'error', 'unknown'] : ['fail', 'error']);
  return result.findings.some((f) => f.enforcement === 'mandatory' && failing.has(f.verdict)) ? 1 : 0;
}
