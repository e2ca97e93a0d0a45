import type { Text } from './i18n';
import type { Resource } from './model';
import type { CheckContext, StackContext } from './context';
import { BUILTIN_MESSAGES } from './messages';

export const FAMILIES = [
  'classification', 'encryption', 'backup', 'logging', 'mfa', 'region', 'contract-end',
  'public-access', 'network-isolation', 'monitoring', 'availability', 'identity', 'vulnerability',
] as const;
export type Family = (typeof FAMILIES)[number];

export const FAMILY_LABELS: Record<Family, Text> = {
  classification: { ja: '情報の分類', en: 'Classification' },
  encryption: { ja: '暗号化', en: 'Encryption' },
  backup: { ja: 'バックアップ', en: 'Backup' },
  logging: { ja: 'ログの取得・保存', en: 'Logging' },
  mfa: { ja: '多要素認証', en: 'MFA' },
  region: { ja: 'リージョン（データの所在）', en: 'Region (data location)' },
  'contract-end': { ja: '契約終了時のデータ消去', en: 'Deletion at contract end' },
  'public-access': { ja: '公開範囲', en: 'Public exposure' },
  'network-isolation': { ja: 'ネットワーク分離', en: 'Network isolation' },
  monitoring: { ja: '監視', en: 'Monitoring' },
  availability: { ja: '可用性・冗長化', en: 'Availability' },
  identity: { ja: 'ID管理', en: 'Identity' },
  vulnerability: { ja: '脆弱性対策', en: 'Vulnerability' },
};

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Verdict = 'pass' | 'fail' | 'unknown' | 'not-applicable' | 'error';

/** What a check returns for one resource. */
export interface CheckResult {
  verdict: Verdict;
  /** A key of the control's `messages` (or of the engine's built-in messages). */
  messageId?: string;
  data?: Record<string, unknown>;
  /** Property path the verdict is about (normalized, dotted). */
  path?: string;
  /** The finding is advisory whatever the profile says (e.g. a contract end within the notice period). */
  advisory?: boolean;
}

/** One parameter a control reads: a JSON Schema with a default and its public rationale. */
export interface ParamSpec {
  schema: Record<string, unknown>;
  default: unknown;
  description: Text;
  /** Why the project's default is what it is (shown as the provenance of a default). */
  rationale: Text;
}

interface ControlBase {
  id: string;
  family: Family;
  kinds: readonly string[];
  severity: Severity;
  title: Text;
  summary: Text;
  remediation: Text;
  messages: Record<string, Text>;
  params?: Record<string, ParamSpec>;
  /** The profile's `from:` (lowest class) gates this control: it applies to classified data. */
  classBased?: boolean;
}

export interface ResourceControl extends ControlBase {
  scope: 'resource';
  check(resource: Resource, ctx: CheckContext): CheckResult;
}

export interface StackResult {
  resource: Resource;
  result: CheckResult;
}

export interface StackControl extends ControlBase {
  scope: 'stack';
  /** Called once per scan with the resources of `kinds` that the profile makes applicable. */
  checkStack(resources: readonly Resource[], ctx: StackContext): StackResult[];
}

export type Control = ResourceControl | StackControl;

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Validate a control's metadata once, at definition time, so a broken control never loads. */
export function defineControl<C extends Control>(control: C): C {
  const problems: string[] = [];
  if (!ID.test(control.id)) problems.push('id must be kebab-case');
  if (!FAMILIES.includes(control.family)) problems.push(`unknown family ${control.family}`);
  if (!SEVERITIES.includes(control.severity)) problems.push(`unknown severity ${control.severity}`);
  if (control.kinds.length === 0) problems.push('kinds is empty');
  for (const key of ['title', 'summary', 'remediation'] as const) {
    if (!control[key]?.ja || !control[key]?.en) problems.push(`${key} needs ja and en`);
  }
  for (const [id, text] of Object.entries(control.messages)) {
    if (!text.ja || !text.en) problems.push(`message ${id} needs ja and en`);
    if (id in BUILTIN_MESSAGES) problems.push(`message id ${id} would replace the engine's own message`);
  }
  for (const [name, spec] of Object.entries(control.params ?? {})) {
    if (spec.default === undefined) problems.push(`param ${name} needs a default`);
  }
  if (problems.length) throw new Error(`control ${control.id}: ${problems.join('; ')}`);
  return Object.freeze(control);
}
