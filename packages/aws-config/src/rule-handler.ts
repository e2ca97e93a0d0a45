import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ConfigServiceClient,
  GetResourceConfigHistoryCommand,
  PutEvaluationsCommand,
  type Evaluation,
} from '@aws-sdk/client-config-service';
import {
  evaluate,
  InputError,
  loadProfile,
  loadWaivers,
  planControls,
  todayIso,
  SEVERITIES,
  type Control,
  type Finding,
  type Profile,
  type Resource,
  type Waiver,
} from '@muniguard/core';
import { resourceFromConfigurationItem, type ConfigurationItemLike } from './config-items';
import { configInventory, configRecordedTypes, kindOfConfigType, recordedTypeOfKind, type ConfigInventory } from './rule-handler-inventory';

/**
 * AWS Config custom rule (Lambda) — continuous mode of the live scan.
 *
 * Config invokes the function with a configuration-change notification (one configuration item,
 * or only its summary when the item is too large to embed), or a periodic ScheduledNotification.
 * The handler turns the item(s) into normalized resources with the live-scan adapter, evaluates
 * them with the same engine, controls and profile as `muniguard scan`, and reports one evaluation
 * per resource through PutEvaluations (at most 100 per call).
 *
 * Verdict → ComplianceType (the worst finding of the rule's controls decides):
 *   fail, error            → NON_COMPLIANT
 *   unknown                → INSUFFICIENT_DATA
 *   pass                   → COMPLIANT
 *   waived                 → COMPLIANT, the annotation names the waiver (例外措置) and its expiry: an
 *                            approved, unexpired exception is the organisation's recorded decision;
 *                            an expired one leaves the finding failing (NON_COMPLIANT)
 *   no applicable control  → NOT_APPLICABLE (also deleted / not-recorded resources, eventLeftScope)
 * Advisory findings are still NON_COMPLIANT (Config has no "advisory"); the annotation says 推奨.
 *
 * Stack-scope controls need every resource of the account; a change notification carries one
 * item, so they are not evaluated there (NOT_APPLICABLE, the annotation says so) and run in the
 * periodic mode, which reads the whole inventory of the region from Config.
 *
 * Fail closed: a malformed event or rule parameter throws (Config records the rule as failed and
 * nothing is reported as compliant); what could not be read is INSUFFICIENT_DATA.
 */

export type ComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE' | 'INSUFFICIENT_DATA';

/** The event AWS Config sends to a custom-rule Lambda function. */
export interface ConfigRuleEvent {
  invokingEvent: string;
  ruleParameters?: string;
  resultToken: string;
  eventLeftScope?: boolean;
  executionRoleArn?: string;
  configRuleArn?: string;
  configRuleName?: string;
  configRuleId?: string;
  accountId?: string;
  version?: string;
  evaluationMode?: string;
}

/** What the rule reads from its InputParameters (or the function's environment). */
export interface RuleSettings {
  profile: string;
  /** Control ids of the profile this rule evaluates; all of the profile's controls when absent. */
  controls?: string[];
  /** Params document (the --params file) as JSON text, or a path to a file in the deployment. */
  paramsJson?: string;
  paramsFile?: string;
  waiversJson?: string;
  waiversFile?: string;
  testMode: boolean;
}

export interface RuleHandlerOptions {
  /** Controls by id (`controlsById()` of @muniguard/controls). */
  controls: ReadonlyMap<string, Control>;
  /** The Config client (tests pass one mocked with aws-sdk-client-mock). Default: the SDK's default chain. */
  client?: ConfigServiceClient;
  /** Environment to read MUNIGUARD_* settings from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The evaluation date YYYY-MM-DD (waiver expiry, contract-end dates). Default: today (UTC). */
  asOf?: () => string;
  /** Periodic mode: how the region's inventory is read (default: Config advanced query, 100 rows a call). */
  inventory?: ConfigInventory;
  /** One line per invocation (default console.log). Never receives credentials or tokens. */
  log?: (line: string) => void;
}

export interface RuleHandlerResult {
  messageType: string;
  evaluations: Evaluation[];
  putEvaluationsCalls: number;
  testMode: boolean;
}

/** PutEvaluations accepts at most 100 evaluations per call. */
export const PUT_EVALUATIONS_BATCH = 100;
/** Config's limit for an evaluation's annotation. */
export const ANNOTATION_LIMIT = 256;

const EVENT = 'Config rule event';
const RULE_PARAMETER_KEYS = ['profile', 'controls', 'params', 'waivers'] as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJsonText(where: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(EVENT, `${where} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Parse and check the event's envelope and invoking event; throws a one-line InputError naming the problem. */
export function parseRuleEvent(event: unknown): { event: ConfigRuleEvent; invoking: Json } {
  if (!isObject(event)) throw new InputError(EVENT, 'the event is not an object (is this function invoked by AWS Config?)');
  if (typeof event.invokingEvent !== 'string' || event.invokingEvent === '') {
    throw new InputError(EVENT, 'invokingEvent is missing or not a string');
  }
  if (typeof event.resultToken !== 'string' || event.resultToken === '') {
    throw new InputError(EVENT, 'resultToken is missing or not a string');
  }
  const invoking = parseJsonText('invokingEvent', event.invokingEvent);
  if (!isObject(invoking)) throw new InputError(EVENT, 'invokingEvent is not a JSON object');
  if (typeof invoking.messageType !== 'string') throw new InputError(EVENT, 'invokingEvent.messageType is missing');
  return { event: event as unknown as ConfigRuleEvent, invoking };
}

function settingText(where: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && where.endsWith('.controls')) return value.join(',');
  if (isObject(value) || Array.isArray(value)) return JSON.stringify(value);
  throw new InputError(EVENT, `${where} must be a string`);
}

/**
 * Rule parameters (the rule's InputParameters: profile, controls, params, waivers) win over the
 * environment (MUNIGUARD_PROFILE, MUNIGUARD_CONTROLS, MUNIGUARD_PARAMS / MUNIGUARD_PARAMS_FILE,
 * MUNIGUARD_WAIVERS / MUNIGUARD_WAIVERS_FILE, MUNIGUARD_TEST_MODE).
 */
export function readRuleSettings(event: ConfigRuleEvent, env: Readonly<Record<string, string | undefined>>): RuleSettings {
  let params: Json = {};
  if (event.ruleParameters !== undefined && event.ruleParameters !== '') {
    if (typeof event.ruleParameters !== 'string') throw new InputError(EVENT, 'ruleParameters is not a string');
    const parsed = parseJsonText('ruleParameters', event.ruleParameters);
    if (!isObject(parsed)) throw new InputError(EVENT, 'ruleParameters is not a JSON object');
    params = parsed;
  }
  for (const key of Object.keys(params)) {
    if (!(RULE_PARAMETER_KEYS as readonly string[]).includes(key)) {
      throw new InputError(EVENT, `ruleParameters.${key} is not a muniguard rule parameter (${RULE_PARAMETER_KEYS.join(', ')})`);
    }
  }
  const profile = settingText('ruleParameters.profile', params.profile) ?? env.MUNIGUARD_PROFILE;
  if (!profile) throw new InputError(EVENT, 'no profile: set the rule parameter "profile" or MUNIGUARD_PROFILE (e.g. osaka)');
  const controlsText = settingText('ruleParameters.controls', params.controls) ?? env.MUNIGUARD_CONTROLS;
  const controls = controlsText
    ?.split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const paramsJson = settingText('ruleParameters.params', params.params) ?? env.MUNIGUARD_PARAMS;
  const waiversJson = settingText('ruleParameters.waivers', params.waivers) ?? env.MUNIGUARD_WAIVERS;
  return {
    profile,
    controls: controls && controls.length ? controls : undefined,
    paramsJson,
    paramsFile: paramsJson ? undefined : env.MUNIGUARD_PARAMS_FILE || undefined,
    waiversJson,
    waiversFile: waiversJson ? undefined : env.MUNIGUARD_WAIVERS_FILE || undefined,
    // the RDK convention: a resultToken of TESTMODE never records evaluations
    testMode: event.resultToken === 'TESTMODE' || /^(1|true|yes)$/i.test(env.MUNIGUARD_TEST_MODE ?? ''),
  };
}

/**
 * JSON text from a rule parameter or variable -> a temporary file for the core loaders (which read
 * files), removed right after; errors name the setting, not the temporary file.
 */
function withJsonFile<T>(label: string, json: string, load: (file: string) => T): T {
  const parsed = parseJsonText(label, json);
  const digest = createHash('sha256').update(json).digest('hex').slice(0, 16);
  const file = path.join(os.tmpdir(), `muniguard-${label}-${process.pid}-${digest}.json`);
  fs.writeFileSync(file, JSON.stringify(parsed));
  try {
    return load(file);
  } catch (e) {
    if (e instanceof InputError && e.file === file) throw new InputError(label, e.problem);
    throw e;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

interface LoadedRule {
  profile: Profile;
  /** The profile with every control this rule does not evaluate switched off. */
  ruleProfile: Profile;
  waivers: Waiver[];
  selected: Control[];
}

const loadedRules = new Map<string, LoadedRule>();

/** Load (once per warm Lambda) the profile, params and waivers the settings name. */
export function loadRule(settings: RuleSettings, controls: ReadonlyMap<string, Control>): LoadedRule {
  const key = JSON.stringify([settings.profile, settings.controls, settings.paramsJson, settings.paramsFile, settings.waiversJson, settings.waiversFile]);
  const cached = loadedRules.get(key);
  if (cached) return cached;

  const profile: Profile = settings.paramsJson
    ? withJsonFile('params', settings.paramsJson, (file) => loadProfile(settings.profile, { paramsFile: file, controls }))
    : loadProfile(settings.profile, { paramsFile: settings.paramsFile, controls });

  const known = new Set(controls.keys());
  const waivers: Waiver[] = settings.waiversJson
    ? withJsonFile('waivers', settings.waiversJson, (file) => loadWaivers(file, known).map((w) => ({ ...w, origin: w.origin.replace(file, 'waivers') })))
    : settings.waiversFile
      ? loadWaivers(settings.waiversFile, known)
      : [];

  const planned = planControls(profile, controls).map((p) => p.control);
  let selected = planned;
  if (settings.controls) {
    const byId = new Map(planned.map((c) => [c.id, c]));
    selected = settings.controls.map((id) => {
      const c = byId.get(id);
      if (!c) {
        const why = controls.has(id) ? `profile ${profile.id} does not map it (or disables it)` : 'no such muniguard control';
        throw new InputError(EVENT, `rule parameter controls: "${id}": ${why}`);
      }
      return c;
    });
  }
  const loaded = { profile, ruleProfile: restrictProfile(profile, selected), waivers, selected };
  loadedRules.set(key, loaded);
  return loaded;
}

/** The same profile with every control outside `keep` disabled (planControls skips disabled ones). */
function restrictProfile(profile: Profile, keep: readonly Control[]): Profile {
  const ids = new Set(keep.map((c) => c.id));
  const overrides = { ...profile.overrides };
  for (const clause of profile.clauses) {
    for (const m of clause.controls ?? []) {
      if (!ids.has(m.id)) overrides[m.id] = { ...overrides[m.id], disabled: true };
    }
  }
  return { ...profile, overrides };
}

/** One resource Config asked about, with what the handler knows of it. */
interface Target {
  resourceType: string;
  resourceId: string;
  orderingTimestamp: Date;
  resource?: Resource;
  /** Decided before evaluation (deleted, not convertible, out of scope). */
  fixed?: { compliance: ComplianceType; annotation: string };
}

const DELETED_STATUSES = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded', 'ResourceNotRecorded']);

function timestampOf(...values: unknown[]): Date {
  for (const v of values) {
    if (v instanceof Date && !Number.isNaN(v.getTime())) return v;
    if (typeof v === 'string' || typeof v === 'number') {
      const d = new Date(v);
      if (!Number.isNaN(d.getTime())) return d;
    }
  }
  throw new InputError(EVENT, 'no usable timestamp (configurationItemCaptureTime / notificationCreationTime)');
}

function scopeKindsOf(selected: readonly Control[]): Set<string> | 'all' {
  const kinds = new Set<string>();
  for (const c of selected) {
    if (c.kinds.includes('*')) return 'all';
    for (const k of c.kinds) kinds.add(k);
  }
  return kinds;
}

/** Is a Config resource type one of the rule's kinds? */
function inScope(scope: Set<string> | 'all', configType: string): boolean {
  return scope === 'all' || scope.has(kindOfConfigType(configType));
}

/** A configuration item (embedded, or fetched for an oversized notification) -> one target. */
function targetFromItem(item: ConfigurationItemLike, fallbackTime: unknown, scope: Set<string> | 'all', leftScope: boolean): Target {
  const resourceType = item.resourceType;
  const resourceId = item.resourceId;
  if (typeof resourceType !== 'string' || !resourceType || typeof resourceId !== 'string' || !resourceId) {
    throw new InputError(EVENT, 'the configuration item has no resourceType / resourceId');
  }
  const target: Target = { resourceType, resourceId, orderingTimestamp: timestampOf(item.configurationItemCaptureTime, fallbackTime) };
  const status = String(item.configurationItemStatus ?? '');
  if (leftScope) {
    target.fixed = { compliance: 'NOT_APPLICABLE', annotation: 'ルールの対象範囲外になったリソースです。' };
  } else if (DELETED_STATUSES.has(status)) {
    target.fixed = {
      compliance: 'NOT_APPLICABLE',
      annotation: status === 'ResourceNotRecorded' ? '記録されていないリソースです（Config の記録対象外）。' : '削除されたリソースです。',
    };
  } else if (!inScope(scope, resourceType)) {
    target.fixed = { compliance: 'NOT_APPLICABLE', annotation: `このルールのコントロールは ${resourceType} を対象としません。` };
  } else {
    const resource = resourceFromConfigurationItem(item);
    if (resource) target.resource = resource;
    else target.fixed = { compliance: 'INSUFFICIENT_DATA', annotation: `muniguard はこの構成項目（${resourceType}）を正規化できないため判定できません。` };
  }
  return target;
}

const COMPLIANCE_ORDER: ComplianceType[] = ['NOT_APPLICABLE', 'COMPLIANT', 'INSUFFICIENT_DATA', 'NON_COMPLIANT'];

export function complianceOf(verdict: Finding['verdict']): ComplianceType {
  switch (verdict) {
    case 'fail':
    case 'error':
      return 'NON_COMPLIANT';
    case 'unknown':
      return 'INSUFFICIENT_DATA';
    case 'pass':
    case 'waived':
      return 'COMPLIANT';
    default:
      return 'NOT_APPLICABLE';
  }
}

/** Cut to `limit` characters (code points), marking the cut with …. */
function cut(text: string, limit: number): string {
  const chars = Array.from(text);
  if (chars.length <= limit) return text;
  if (limit <= 1) return chars.slice(0, Math.max(0, limit)).join('');
  return chars.slice(0, limit - 1).join('') + '…';
}

function length(text: string): number {
  return Array.from(text).length;
}

/**
 * `[control] <Japanese message> 根拠: <standard> <clause>, <clause>` within Config's 256 characters.
 * The citation is kept whole when it can be; the message is shortened first.
 */
export function annotationFor(finding: Finding, others = 0, limit = ANNOTATION_LIMIT): string {
  let head = `[${finding.controlId}] `;
  if (finding.verdict === 'waived' && finding.waiver) {
    head += `例外措置により承認済み（期限 ${finding.waiver.expires}、承認者 ${finding.waiver.approvedBy}${finding.waiver.reference ? `、${finding.waiver.reference}` : ''}）: `;
  } else if (finding.enforcement === 'advisory' && finding.verdict !== 'pass') {
    head += '（推奨）';
  }
  const more = others > 0 ? ` 他${others}件` : '';
  const standard = finding.clauses[0]?.standard;
  const citation = finding.clauses.length ? ` 根拠: ${standard} ${finding.clauses.map((c) => c.path).join(', ')}` : '';
  const fixed = length(head) + length(more);
  const citationRoom = Math.max(0, limit - fixed - 8);
  const cite = cut(citation, citationRoom);
  const messageRoom = limit - fixed - length(cite);
  return head + cut(finding.message.ja, Math.max(0, messageRoom)) + cite + more;
}

function rank(f: Finding): number {
  return COMPLIANCE_ORDER.indexOf(complianceOf(f.verdict)) * 10 + SEVERITIES.indexOf(f.severity);
}

/** The worst finding decides; the annotation cites it and counts the other findings of the same verdict. */
export function evaluationOf(findings: readonly Finding[]): { compliance: ComplianceType; annotation?: string } {
  if (findings.length === 0) return { compliance: 'NOT_APPLICABLE', annotation: 'このリソースに適用されるコントロールはありません（分類や設定により対象外）。' };
  let worst = findings[0];
  for (const f of findings) if (rank(f) > rank(worst)) worst = f;
  const compliance = complianceOf(worst.verdict);
  const others = findings.filter((f) => f !== worst && complianceOf(f.verdict) === compliance).length;
  return { compliance, annotation: annotationFor(worst, others) };
}

/** PutEvaluations in chunks of 100; a rejected evaluation fails the invocation. */
async function report(client: ConfigServiceClient, evaluations: Evaluation[], resultToken: string, testMode: boolean): Promise<number> {
  let calls = 0;
  for (let i = 0; i < evaluations.length; i += PUT_EVALUATIONS_BATCH) {
    const chunk = evaluations.slice(i, i + PUT_EVALUATIONS_BATCH);
    const out = await client.send(new PutEvaluationsCommand({ Evaluations: chunk, ResultToken: resultToken, TestMode: testMode }));
    calls++;
    const failed = out.FailedEvaluations ?? [];
    if (failed.length) {
      const first = failed[0];
      throw new Error(`PutEvaluations rejected ${failed.length} evaluation(s), e.g. ${first.ComplianceResourceType} ${first.ComplianceResourceId}`);
    }
  }
  return calls;
}

/** Targets for the three notification types. */
/** The function's region: the Lambda environment, else the region in the rule's ARN. */
function regionOf(event: ConfigRuleEvent, env: Readonly<Record<string, string | undefined>>): string {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || event.configRuleArn?.split(':')[3];
  if (!region) throw new InputError(EVENT, 'no region: AWS_REGION is not set and configRuleArn names none');
  return region;
}

async function targetsOf(
  invoking: Json,
  event: ConfigRuleEvent,
  env: Readonly<Record<string, string | undefined>>,
  client: ConfigServiceClient,
  scope: Set<string> | 'all',
  selected: readonly Control[],
  inventory: ConfigInventory,
): Promise<{ targets: Target[]; context: Resource[]; stackControls: 'skip' | 'run' }> {
  const messageType = invoking.messageType as string;
  const leftScope = event.eventLeftScope === true;
  switch (messageType) {
    case 'ConfigurationItemChangeNotification': {
      const item = invoking.configurationItem;
      if (!isObject(item)) throw new InputError(EVENT, 'ConfigurationItemChangeNotification without a configurationItem');
      return { targets: [targetFromItem(item, invoking.notificationCreationTime, scope, leftScope)], context: [], stackControls: 'skip' };
    }
    case 'OversizedConfigurationItemChangeNotification': {
      const summary = invoking.configurationItemSummary;
      if (!isObject(summary)) throw new InputError(EVENT, 'OversizedConfigurationItemChangeNotification without a configurationItemSummary');
      const status = String(summary.configurationItemStatus ?? '');
      if (leftScope || DELETED_STATUSES.has(status)) {
        return { targets: [targetFromItem(summary, invoking.notificationCreationTime, scope, leftScope)], context: [], stackControls: 'skip' };
      }
      if (typeof summary.resourceType !== 'string' || typeof summary.resourceId !== 'string') {
        throw new InputError(EVENT, 'configurationItemSummary has no resourceType / resourceId');
      }
      const history = await client.send(
        new GetResourceConfigHistoryCommand({
          resourceType: summary.resourceType as never,
          resourceId: summary.resourceId,
          laterTime: summary.configurationItemCaptureTime ? timestampOf(summary.configurationItemCaptureTime) : undefined,
          limit: 1,
        }),
      );
      const item = history.configurationItems?.[0];
      if (!item) {
        return {
          targets: [
            {
              resourceType: summary.resourceType,
              resourceId: summary.resourceId,
              orderingTimestamp: timestampOf(summary.configurationItemCaptureTime, invoking.notificationCreationTime),
              fixed: { compliance: 'INSUFFICIENT_DATA', annotation: 'サイズの大きい構成項目を GetResourceConfigHistory で取得できなかったため判定できません。' },
            },
          ],
          context: [],
          stackControls: 'skip',
        };
      }
      return { targets: [targetFromItem(item as ConfigurationItemLike, summary.configurationItemCaptureTime, scope, false)], context: [], stackControls: 'skip' };
    }
    case 'ScheduledNotification': {
      const when = timestampOf(invoking.notificationCreationTime);
      // read every kind muniguard normalizes (stack checks look at related kinds too), report the rule's kinds
      const read = await inventory([...configRecordedTypes()], { region: regionOf(event, env) });
      const targets: Target[] = [];
      const context: Resource[] = [];
      for (const item of read.items) {
        const t = targetFromItem(item, when, scope, false);
        t.orderingTimestamp = when;
        if (t.resource) context.push(t.resource);
        if (inScope(scope, t.resourceType)) targets.push(t);
      }
      for (const key of read.unread) {
        if (!inScope(scope, key.resourceType)) continue;
        targets.push({
          resourceType: key.resourceType,
          resourceId: key.resourceId,
          orderingTimestamp: when,
          fixed: { compliance: 'INSUFFICIENT_DATA', annotation: 'Config から構成項目を読み取れなかったため判定できません。' },
        });
      }
      // kinds of the rule that Config does not record: say so once for the account instead of staying silent
      const unrecorded = [...new Set(selected.flatMap((c) => c.kinds))].filter((k) => k !== '*' && !recordedTypeOfKind(k));
      if (unrecorded.length && event.accountId) {
        targets.push({
          resourceType: 'AWS::::Account',
          resourceId: event.accountId,
          orderingTimestamp: when,
          fixed: {
            compliance: 'INSUFFICIENT_DATA',
            annotation: cut(`AWS Config が記録しないリソース種別（${unrecorded.join(', ')}）はこのルールでは評価できません。muniguard scan --aws で確認してください。`, ANNOTATION_LIMIT),
          },
        });
      }
      return { targets, context, stackControls: 'run' };
    }
    default:
      throw new InputError(EVENT, `unsupported messageType "${messageType}" (ConfigurationItemChangeNotification, OversizedConfigurationItemChangeNotification, ScheduledNotification)`);
  }
}

/** Evaluate one Config rule invocation and report it. Throws (reporting nothing) on bad input. */
export async function handleConfigRuleEvent(rawEvent: unknown, options: RuleHandlerOptions): Promise<RuleHandlerResult> {
  const { event, invoking } = parseRuleEvent(rawEvent);
  const env = options.env ?? process.env;
  const settings = readRuleSettings(event, env);
  const rule = loadRule(settings, options.controls);
  const client = options.client ?? defaultClient();
  const scope = scopeKindsOf(rule.selected);

  const { targets, context, stackControls } = await targetsOf(invoking, event, env, client, scope, rule.selected, options.inventory ?? configInventory);

  const stackIds = rule.selected.filter((c) => c.scope === 'stack').map((c) => c.id);
  const evaluated = stackControls === 'skip' && stackIds.length ? restrictProfile(rule.ruleProfile, rule.selected.filter((c) => c.scope !== 'stack')) : rule.ruleProfile;
  const toEvaluate = targets.filter((t) => t.resource);
  const findingsByAddress = new Map<string, Finding[]>();
  if (toEvaluate.length) {
    const result = evaluate({
      profile: evaluated,
      controls: options.controls,
      resources: stackControls === 'run' ? context : toEvaluate.map((t) => t.resource!),
      asOf: (options.asOf ?? (() => todayIso()))(),
      waivers: rule.waivers,
    });
    for (const f of result.findings) {
      let list = findingsByAddress.get(f.resource.address);
      if (!list) findingsByAddress.set(f.resource.address, (list = []));
      list.push(f);
    }
  }

  const evaluations: Evaluation[] = targets.map((t) => {
    let decided: { compliance: ComplianceType; annotation?: string };
    if (t.fixed) decided = t.fixed;
    else {
      decided = evaluationOf(findingsByAddress.get(t.resource!.source.address) ?? []);
      if (decided.compliance === 'NOT_APPLICABLE' && stackControls === 'skip' && stackIds.length) {
        decided = { compliance: 'NOT_APPLICABLE', annotation: cut(`スタック単位の検査（${stackIds.join(', ')}）は構成変更の通知では評価できません。定期実行ルールで評価します。`, ANNOTATION_LIMIT) };
      }
    }
    return {
      ComplianceResourceType: t.resourceType,
      ComplianceResourceId: t.resourceId,
      ComplianceType: decided.compliance,
      ...(decided.annotation ? { Annotation: cut(decided.annotation, ANNOTATION_LIMIT) } : {}),
      OrderingTimestamp: t.orderingTimestamp,
    };
  });

  const putEvaluationsCalls = await report(client, evaluations, event.resultToken, settings.testMode);
  const counts = new Map<string, number>();
  for (const e of evaluations) counts.set(e.ComplianceType!, (counts.get(e.ComplianceType!) ?? 0) + 1);
  (options.log ?? console.log)(
    `muniguard rule ${event.configRuleName ?? '?'} (${rule.profile.id}, ${invoking.messageType}): ${evaluations.length} evaluation(s) ${JSON.stringify(Object.fromEntries(counts))}` +
      `${settings.testMode ? ' [TestMode]' : ''}`,
  );
  return { messageType: invoking.messageType as string, evaluations, putEvaluationsCalls, testMode: settings.testMode };
}

let sharedClient: ConfigServiceClient | undefined;
function defaultClient(): ConfigServiceClient {
  // region and credentials from the Lambda environment (the SDK's default chain); adaptive retry for throttling
  sharedClient ??= new ConfigServiceClient({ retryMode: 'adaptive', maxAttempts: 8 });
  return sharedClient;
}

/** A Lambda entry point over the given controls: `export const handler = createRuleHandler({ controls })`. */
export function createRuleHandler(options: RuleHandlerOptions): (event: unknown, context?: unknown) => Promise<RuleHandlerResult> {
  return (event) => handleConfigRuleEvent(event, options);
}
