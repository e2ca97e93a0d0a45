/**
 * Documentation generated from the metadata (issue 5, item 5): nothing here is written by hand.
 *
 * - packages/controls/docs/<control>.<lang>.md — what a control checks, its parameters, the clauses
 *   of every bundled profile it serves, its adapter fixtures (verdict measured now) and its cases;
 *   index.<lang>.md — every control by family with the adapters verified for it.
 * - policies/docs/<profile>.<lang>.md — metadata, schemes, parameters with provenance and every
 *   clause as a self-inspection (自己点検) checklist; <profile>.coverage.<lang>.md and
 *   <profile>.coverage.csv — the clause × control × adapter matrix; index.<lang>.md — totals.
 *
 * Adapter support comes from running the fixtures (fixture-results.ts), never from a declaration.
 * Output is deterministic (sorted, no clock, no machine paths). `node test/docs/run.js` writes it;
 * test/meta/docs-fresh.test.ts compares it with the committed files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  FAMILIES, FAMILY_LABELS, listProfileIds, readProfileDocument, ENFORCEMENT_LABELS, SEVERITY_LABELS, VERDICT_LABELS,
  type Control, type Lang, type Text, type ProfileDocument, type Profile, type Clause, type ControlMapping, type ParamSpec,
  type ProfileParameter, type ResolvedParameter,
} from '@muniguard/core';
import { allControls, casesOf, controlFolders } from '@muniguard/controls';
// Internal helpers of the report writers, reused so the docs escape and word things the same way.
import { mdText, mdCode } from '../../packages/core/src/report/markdown';
import { csvField } from '../../packages/core/src/report/csv';
import { formatValue, parameterProvenance } from '../../packages/core/src/report/common';
import { measureAdapterCoverage, SUBJECT, type AdapterCoverage, type FixtureResult, type Support } from './fixture-results';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CONTROL_DOCS = 'packages/controls/docs';
export const PROFILE_DOCS = 'policies/docs';
/** Every file in these folders is generated: a file the generator no longer makes is stale. */
export const DOC_DIRS = [CONTROL_DOCS, PROFILE_DOCS];
const LANGS: Lang[] = ['ja', 'en'];

export interface DocFile {
  /** repository-relative, `/`-separated */
  path: string;
  content: string;
}

// ───────────────────────────── vocabulary

type Status = 'enforced' | 'manual' | 'planned';

const STATUS: Record<Status, Text> = {
  enforced: { ja: '自動点検', en: 'Checked automatically' },
  manual: { ja: '手動点検（証跡を確認）', en: 'Manual (evidence to keep)' },
  planned: { ja: '未対応（自動化予定）', en: 'Not yet covered (planned)' },
};
const STATUS_CODE: Record<Status, string> = { enforced: 'enforced', manual: 'manual', planned: 'planned' };

const SUPPORT: Record<Support, { mark: string; label: Text }> = {
  verified: { mark: '✓', label: { ja: '検証済（合格・不合格のフィクスチャが期待どおり）', en: 'verified (passing and failing fixtures give the expected verdicts)' } },
  mismatch: { mark: '✗', label: { ja: '不一致（期待と異なる判定のフィクスチャがある）', en: 'mismatch (a fixture gives another verdict than expected)' } },
  incomplete: { mark: '△', label: { ja: 'フィクスチャ不足（合格または不合格の例がない）', en: 'incomplete (no passing or no failing fixture)' } },
  none: { mark: '—', label: { ja: 'フィクスチャなし（未対応）', en: 'no fixtures (not supported)' } },
};
const SUPPORT_CSV: Record<Support, string> = {
  verified: '検証済 verified',
  mismatch: '不一致 mismatch',
  incomplete: 'フィクスチャ不足 incomplete',
  none: 'なし none',
};

const RELATION: Record<ControlMapping['relation'], Text> = {
  requires: { ja: '要求（条項が定める義務）', en: 'requires (the clause states the duty)' },
  supports: { ja: '補強（広い条項のプロジェクトによる解釈）', en: "supports (the project's reading of a broader clause)" },
};
const RELATION_SHORT: Record<ControlMapping['relation'], Text> = {
  requires: { ja: '要求', en: 'requires' },
  supports: { ja: '補強', en: 'supports' },
};
const SCOPE: Record<Control['scope'], Text> = {
  resource: { ja: 'リソース単位', en: 'per resource' },
  stack: { ja: 'スタック全体（リソースの集合）', en: 'whole stack (a set of resources)' },
};

const W = {
  controls: { ja: 'コントロール一覧', en: 'Controls' },
  family: { ja: '分野', en: 'Family' },
  severity: { ja: '重要度（既定）', en: 'Severity (default)' },
  severityShort: { ja: '重要度', en: 'Severity' },
  control: { ja: 'コントロール', en: 'Control' },
  scope: { ja: '対象の単位', en: 'Scope' },
  kinds: { ja: 'リソース種別', en: 'Resource kinds' },
  classGate: { ja: '分類による適用', en: 'Classification gate' },
  classBased: { ja: 'プロファイルが条項ごとに指定する分類（from）以上のデータに適用', en: 'Applies from the class each profile names per clause (from)' },
  notClassBased: { ja: '分類にかかわらず適用', en: 'Applies whatever the class' },
  whatItChecks: { ja: '確認する内容', en: 'What it checks' },
  remediation: { ja: '是正方法', en: 'Remediation' },
  parameters: { ja: 'パラメータ', en: 'Parameters' },
  noParameters: { ja: 'パラメータはありません。', en: 'No parameters.' },
  messages: { ja: 'メッセージ', en: 'Messages' },
  message: { ja: 'メッセージ', en: 'Message' },
  clauses: { ja: '根拠となる条項', en: 'Clauses it serves' },
  noClauses: { ja: '同梱のどのプロファイルにも対応付けられていません。', en: 'No bundled profile maps this control.' },
  examples: { ja: '例', en: 'Examples' },
  fixtures: { ja: 'アダプタ別フィクスチャ', en: 'Adapter fixtures' },
  cases: { ja: 'ケース表（cases.ts）', en: 'Table of cases (cases.ts)' },
  file: { ja: 'ファイル', en: 'File' },
  expected: { ja: '期待する判定', en: 'Expected verdict' },
  measured: { ja: '実行結果', en: 'Measured' },
  excerpt: { ja: 'subject リソースの抜粋', en: 'Excerpt of the subject resource' },
  profile: { ja: 'プロファイル', en: 'Profile' },
  clause: { ja: '条項', en: 'Clause' },
  title: { ja: '条項名', en: 'Title' },
  relation: { ja: '関係', en: 'Relation' },
  enforcement: { ja: '区分', en: 'Enforcement' },
  from: { ja: '適用分類（from）', en: 'From class' },
  note: { ja: '注記', en: 'Note' },
  name: { ja: '名前', en: 'Name' },
  schema: { ja: 'スキーマ', en: 'Schema' },
  default: { ja: '既定値', en: 'Default' },
  description: { ja: '説明', en: 'Description' },
  rationale: { ja: '既定値の根拠（プロジェクトの推奨値であり、市の基準の要件ではありません）', en: "Why this default (the project's recommendation, not a city's requirement)" },
  valuesPerProfile: { ja: 'プロファイルごとの値', en: 'Value per profile' },
  value: { ja: '値', en: 'Value' },
  source: { ja: '出典・根拠', en: 'Source and rationale' },
  readBy: { ja: '使用するコントロール', en: 'Read by' },
  kind: { ja: '種類', en: 'Kind' },
  messageId: { ja: 'メッセージID', en: 'Message id' },
  path: { ja: 'プロパティパス', en: 'Property path' },
  caseParams: { ja: 'パラメータ', en: 'Parameters' },
  id: { ja: 'ID', en: 'Id' },
  adapters: { ja: 'アダプタ', en: 'Adapters' },
  profiles: { ja: 'プロファイル', en: 'Profiles' },
  legend: { ja: '凡例', en: 'Legend' },
  generated: {
    ja: 'このファイルはメタデータ（コントロール、プロファイル、フィクスチャ）から生成されています。直接編集せず、`npm run docs`（`node test/docs/run.js`）で再生成してください。',
    en: 'Generated from the metadata (controls, profiles, fixtures). Do not edit: regenerate with `npm run docs` (`node test/docs/run.js`).',
  },
  otherLang: { ja: 'English', en: '日本語' },
  allClassesGated: { ja: 'すべての分類', en: 'every class' },
  notGated: { ja: '—（分類によらない）', en: '— (not class-based)' },
  none: { ja: 'なし', en: 'none' },
  totals: { ja: '集計', en: 'Totals' },
  totalClauses: { ja: '条項数', en: 'Clauses' },
  withEvidence: { ja: '証跡の保存を求める条項（自動点検の条項を含む）', en: 'Clauses with evidence to keep (incl. automated ones)' },
  withPlanned: { ja: '自動化の予定がある条項（自動点検の条項を含む）', en: 'Clauses with planned automation (incl. automated ones)' },
  verifiedOn: { ja: '自動点検の条項のうち、次のアダプタで検証済のコントロールがある条項', en: 'Automated clauses with a control verified on adapter' },
  metadata: { ja: '基準の情報', en: 'The standard' },
  municipality: { ja: '自治体', en: 'Municipality' },
  document: { ja: '文書', en: 'Document' },
  date: { ja: '日付', en: 'Date' },
  version: { ja: '版', en: 'Version' },
  sourceFile: { ja: '出典ファイル', en: 'Source file' },
  classification: { ja: '分類体系', en: 'Classification scheme' },
  tagKeys: { ja: 'タグキー', en: 'Tag keys' },
  levels: { ja: '区分', en: 'Levels' },
  aliases: { ja: '別表記', en: 'Aliases' },
  rank: { ja: '順位（大きいほど機密）', en: 'Rank (higher = more sensitive)' },
  label: { ja: '説明', en: 'Label' },
  noLevels: {
    ja: 'この基準は分類の区分を公開していません。区分はパラメータファイル（--params）の classification.levels で設定する必要があります。',
    en: "The standard publishes no levels: set them in a params file (--params) under classification.levels.",
  },
  segments: { ja: 'ネットワーク区分', en: 'Segment scheme' },
  role: { ja: '役割', en: 'Role' },
  otherTags: { ja: 'その他のタグ', en: 'Other tags' },
  contractEnd: { ja: '契約・利用終了日', en: 'Contract / end-of-use date' },
  criticalSystem: { ja: '重要システム', en: 'Critical system' },
  checklist: { ja: '自己点検チェックリスト', en: 'Self-inspection (自己点検) checklist' },
  checklistIntro: {
    ja: '基準のすべての条項を文書の順に並べています。自動点検の条項は muniguard の検出結果で、手動点検の条項は保存する証跡で確認し、確認したらチェックを付けてください。未対応の条項は、自動化されるまで手作業で確認します。',
    en: "Every clause of the standard, in document order. Confirm automated clauses with muniguard's findings and manual ones with the evidence on file, and tick each; clauses not yet covered are confirmed by hand until they are automated.",
  },
  evidence: { ja: '保存する証跡', en: 'Evidence to keep' },
  plannedLabel: { ja: '自動化予定（現時点では手動で確認）', en: 'Planned (confirm by hand for now)' },
  summary: { ja: '概要', en: 'Summary' },
  status: { ja: '状態', en: 'Status' },
  coverage: { ja: 'カバレッジ表（条項 × コントロール × アダプタ）', en: 'Coverage matrix (clause × control × adapter)' },
  coverageIntro: {
    ja: 'アダプタ列は、各コントロールの fixtures/<アダプタ>/ のフィクスチャを実際に読み込み評価した結果です（宣言ではありません）。',
    en: "Adapter columns come from loading and evaluating each control's fixtures/<adapter>/ files now, never from a declaration.",
  },
  csv: { ja: 'CSV（Excel 用、UTF-8 BOM 付き）', en: 'CSV (for Excel, UTF-8 with BOM)' },
  profileDocs: { ja: 'プロファイル（基準）別ドキュメント', en: 'Documentation per profile (standard)' },
  controlDocs: { ja: 'コントロール別ドキュメント', en: 'Documentation per control' },
  enforced: STATUS.enforced,
  manual: STATUS.manual,
  planned: STATUS.planned,
  requiredValue: { ja: '必須（基準が値を公開していないため、パラメータファイルで設定する）', en: 'required: the standard publishes no value; set it in a params file (--params)' },
  controlDefault: { ja: 'コントロールの既定値', en: "the control's default" },
} satisfies Record<string, Text>;

// ───────────────────────────── helpers

function posix(p: string): string {
  return p.split(path.sep).join('/');
}
function rel(fromDir: string, toFile: string): string {
  return posix(path.relative(path.join(ROOT, fromDir), toFile));
}
function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}
function table(header: string[], rows: string[][]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}
function paren(lang: Lang, s: string): string {
  return lang === 'ja' ? `（${s}）` : ` (${s})`;
}
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
function flat(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
/** A code block whose fence is longer than any backtick run inside. */
function codeBlock(lang: string, text: string): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return [fence + lang, text, fence];
}
function header(lang: Lang, title: string, otherLangFile: string): string[] {
  return [`# ${title}`, '', `> ${W.generated[lang]}`, '>', `> [${W.otherLang[lang]}](${otherLangFile})`, ''];
}
function fileName(base: string, lang: Lang): string {
  return `${base}.${lang}.md`;
}

// ───────────────────────────── the model the documents are written from

interface ProfileInfo {
  id: string;
  doc: ProfileDocument;
}

interface Mapping {
  profile: ProfileInfo;
  clause: Clause;
  mapping: ControlMapping;
}

interface Model {
  controls: Control[];
  byId: Map<string, Control>;
  dirOf: Map<string, string>;
  profiles: ProfileInfo[];
  coverage: AdapterCoverage;
  /** control id -> every clause mapping it, profiles in id order, clauses in document order */
  mappings: Map<string, Mapping[]>;
}

function clauseStatus(c: Clause): Status {
  if (c.controls?.length) return 'enforced';
  if (c.manual) return 'manual';
  if (c.planned) return 'planned';
  throw new Error(`clause ${c.path} has no controls, manual or planned`);
}

export interface Totals {
  profile: string;
  clauses: number;
  enforced: number;
  manual: number;
  /** planned only: no control and no manual evidence — not yet covered */
  planned: number;
  withEvidence: number;
  withPlanned: number;
  /** adapter -> clauses with at least one control verified on it */
  verified: Record<string, number>;
}

export function profileTotals(p: ProfileInfo, coverage: AdapterCoverage): Totals {
  const t: Totals = { profile: p.id, clauses: 0, enforced: 0, manual: 0, planned: 0, withEvidence: 0, withPlanned: 0, verified: {} };
  for (const a of coverage.adapters) t.verified[a] = 0;
  for (const c of p.doc.clauses) {
    t.clauses++;
    t[clauseStatus(c)]++;
    if (c.manual) t.withEvidence++;
    if (c.planned) t.withPlanned++;
    for (const a of coverage.adapters) {
      if ((c.controls ?? []).some((m) => coverage.support(m.id, a) === 'verified')) t.verified[a]++;
    }
  }
  return t;
}

function fromCell(control: Control | undefined, m: ControlMapping, lang: Lang): string {
  if (!control?.classBased) return W.notGated[lang];
  return m.from !== undefined ? mdText(m.from) : W.allClassesGated[lang];
}

// ───────────────────────────── Terraform excerpt (the one adapter-specific part: how to quote a fixture)

const EXCERPT_LINES = 24;

/** `after` with every `after_unknown: true` leaf shown as "(known after apply)". */
function withUnknowns(after: unknown, unknown: unknown): unknown {
  if (unknown === true) return '(known after apply)';
  if (Array.isArray(unknown)) {
    const list = Array.isArray(after) ? [...after] : [];
    unknown.forEach((u, i) => (list[i] = withUnknowns(list[i], u)));
    return list;
  }
  if (unknown && typeof unknown === 'object') {
    const obj: Record<string, unknown> = after && typeof after === 'object' && !Array.isArray(after) ? { ...(after as Record<string, unknown>) } : {};
    for (const [k, u] of Object.entries(unknown as Record<string, unknown>)) {
      const v = withUnknowns(obj[k], u);
      if (v !== undefined) obj[k] = v;
    }
    return obj;
  }
  return after;
}

function terraformExcerpt(file: string): string | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // not a readable JSON file (a directory, a broken fixture): no excerpt; the verdict column says why
    return undefined;
  }
  const picked: Record<string, unknown> = {};
  if (Array.isArray(doc.resource_changes)) {
    for (const rc of doc.resource_changes as { address?: string; mode?: string; change?: { after?: unknown; after_unknown?: unknown } }[]) {
      if (rc.mode === 'managed' && rc.address && SUBJECT.test(rc.address)) picked[rc.address] = withUnknowns(rc.change?.after ?? {}, rc.change?.after_unknown);
    }
  } else {
    const blocks = Array.isArray(doc.resource) ? doc.resource : doc.resource ? [doc.resource] : [];
    for (const block of blocks as Record<string, Record<string, unknown>>[]) {
      for (const [type, byName] of Object.entries(block)) {
        for (const [name, body] of Object.entries(byName ?? {})) {
          if (SUBJECT.test(`${type}.${name}`)) picked[`${type}.${name}`] = body;
        }
      }
    }
  }
  if (!Object.keys(picked).length) return undefined;
  const lines = JSON.stringify(picked, null, 2).split('\n');
  return (lines.length > EXCERPT_LINES ? [...lines.slice(0, EXCERPT_LINES), '  …'] : lines).join('\n');
}

/** How to quote a fixture of an adapter, by adapter name; adapters without one get no excerpt. */
const EXCERPTS: Record<string, (file: string) => string | undefined> = { terraform: terraformExcerpt };

// ───────────────────────────── per control

function verdictLabel(v: string | undefined, lang: Lang): string {
  if (!v) return '—';
  const label = (VERDICT_LABELS as Record<string, Text>)[v];
  return label ? (lang === 'ja' ? `${label.ja}（${v}）` : v) : mdText(v);
}

function measuredCell(r: FixtureResult, lang: Lang): string {
  if (r.ok) return `✓ ${verdictLabel(r.actual, lang)}`;
  if (r.problem) return `✗ ${mdText(r.problem)}`;
  return `✗ ${verdictLabel(r.actual, lang)}`;
}

const LONG_LIST = 6;

/** A value for a table cell; a long list shows its first items and its length. */
function valueCell(value: unknown, lang: Lang): string {
  if (Array.isArray(value) && value.length > LONG_LIST) {
    const more = lang === 'ja' ? `… 全 ${value.length} 件` : `… ${value.length} in all`;
    return `${mdCode(formatValue(value.slice(0, 3)))} ${more}`;
  }
  return mdCode(formatValue(value));
}

function parameterValueFor(p: ProfileInfo, name: string, spec: ParamSpec, lang: Lang): { value: string; source: string } {
  const entry: ProfileParameter | undefined = p.doc.parameters[name];
  if (entry?.source === 'required') return { value: '—', source: W.requiredValue[lang] };
  const resolved: ResolvedParameter = entry
    ? entry.source === 'standard'
      ? { name, value: entry.value, source: 'standard', clause: entry.clause }
      : { name, value: entry.value, source: 'default', rationale: entry.rationale, setBy: 'profile' }
    : { name, value: spec.default, source: 'default', rationale: spec.rationale, setBy: 'control' };
  let source = parameterProvenance(resolved, p.doc as unknown as Profile, lang);
  if (!entry) source = `${W.controlDefault[lang]} — ${source}`;
  return { value: valueCell(resolved.value, lang), source: mdText(source) };
}

function controlDoc(model: Model, control: Control, lang: Lang): string {
  const ja = lang === 'ja';
  const out = header(lang, `${mdCode(control.id, false)} — ${mdText(control.title[lang])}`, fileName(control.id, ja ? 'en' : 'ja'));
  out.push(
    ...table(
      [ja ? '項目' : 'Item', ja ? '内容' : 'Value'],
      [
        [W.family[lang], `${mdText(FAMILY_LABELS[control.family][lang])} (${mdCode(control.family)})`],
        [W.severity[lang], `${SEVERITY_LABELS[control.severity][lang]}${ja ? `（${control.severity}）` : ''}`],
        [W.scope[lang], `${SCOPE[control.scope][lang]} (${mdCode(control.scope)})`],
        [W.kinds[lang], control.kinds.map((k) => mdCode(k)).join('<br>')],
        [W.classGate[lang], control.classBased ? W.classBased[lang] : W.notClassBased[lang]],
        [W.adapters[lang], model.coverage.adapters.map((a) => `${mdCode(a)} ${SUPPORT[model.coverage.support(control.id, a)].mark}`).join('<br>') || W.none[lang]],
      ],
    ),
    '',
    `## ${W.whatItChecks[lang]}`,
    '',
    mdText(flat(control.summary[lang])),
    '',
    `## ${W.remediation[lang]}`,
    '',
    mdText(flat(control.remediation[lang])),
    '',
  );

  // parameters
  out.push(`## ${W.parameters[lang]}`, '');
  const params = Object.entries(control.params ?? {}).sort(([a], [b]) => compare(a, b));
  if (!params.length) out.push(W.noParameters[lang], '');
  else {
    out.push(
      ...table(
        [W.name[lang], W.schema[lang], W.default[lang], W.description[lang], W.rationale[lang]],
        params.map(([name, spec]) => [mdCode(name), mdCode(JSON.stringify(spec.schema)), mdCode(formatValue(spec.default)), mdText(spec.description[lang]), mdText(flat(spec.rationale[lang]))]),
      ),
      '',
      `### ${W.valuesPerProfile[lang]}`,
      '',
    );
    const rows: string[][] = [];
    for (const p of model.profiles) {
      if (!(model.mappings.get(control.id) ?? []).some((m) => m.profile === p)) continue;
      for (const [name, spec] of params) {
        const v = parameterValueFor(p, name, spec, lang);
        rows.push([`[${mdCode(p.id)}](${profileLink(CONTROL_DOCS, p.id, lang)})`, mdCode(name), v.value, v.source]);
      }
    }
    out.push(...(rows.length ? table([W.profile[lang], W.name[lang], W.value[lang], W.source[lang]], rows) : [W.noClauses[lang]]), '');
  }

  // messages
  out.push(`## ${W.messages[lang]}`, '');
  const msgs = Object.entries(control.messages).sort(([a], [b]) => compare(a, b));
  out.push(...(msgs.length ? table([W.messageId[lang], W.message[lang]], msgs.map(([id, text]) => [mdCode(id), mdText(text[lang])])) : [W.none[lang]]), '');

  // clauses
  out.push(`## ${W.clauses[lang]}`, '');
  const mapped = model.mappings.get(control.id) ?? [];
  if (!mapped.length) out.push(W.noClauses[lang], '');
  else {
    out.push(
      ...table(
        [W.profile[lang], W.clause[lang], W.title[lang], W.relation[lang], W.enforcement[lang], W.severityShort[lang], W.from[lang], W.note[lang]],
        mapped.map(({ profile, clause, mapping }) => [
          `[${mdText(profile.doc.municipality[lang])}](${profileLink(CONTROL_DOCS, profile.id, lang)}) ${mdCode(profile.id)}`,
          mdCode(clause.path),
          mdText(clause.title[lang]),
          RELATION_SHORT[mapping.relation][lang],
          ENFORCEMENT_LABELS[mapping.enforcement][lang],
          SEVERITY_LABELS[mapping.severity ?? control.severity][lang],
          fromCell(control, mapping, lang),
          mapping.note ? mdText(flat(mapping.note[lang])) : '',
        ]),
      ),
      '',
    );
  }

  // examples: fixtures per adapter, then the table of cases
  out.push(`## ${W.examples[lang]}`, '', `### ${W.fixtures[lang]}`, '');
  const dir = model.dirOf.get(control.id)!;
  for (const adapter of model.coverage.adapters) {
    const support = model.coverage.support(control.id, adapter);
    out.push(`#### ${mdCode(adapter, false)} — ${SUPPORT[support].mark} ${SUPPORT[support].label[lang]}`, '');
    const results = model.coverage.fixtures(control.id, adapter);
    if (!results.length) {
      out.push(ja ? `${mdCode(`fixtures/${adapter}/`, false)} にファイルがありません。` : `No files in ${mdCode(`fixtures/${adapter}/`, false)}.`, '');
      continue;
    }
    out.push(
      ...table(
        [W.file[lang], W.expected[lang], W.measured[lang]],
        results.map((r) => [`[${mdCode(r.name)}](${rel(CONTROL_DOCS, path.join(dir, 'fixtures', adapter, r.name))})`, verdictLabel(r.expect, lang), measuredCell(r, lang)]),
      ),
      '',
    );
    const excerpt = EXCERPTS[adapter];
    if (excerpt) {
      for (const r of results) {
        const text = excerpt(r.file);
        if (!text) continue;
        out.push('<details>', `<summary>${mdText(r.name)} — ${W.excerpt[lang]}</summary>`, '', ...codeBlock('json', text), '', '</details>', '');
      }
    }
  }

  out.push(`### ${W.cases[lang]}`, '');
  const cases = casesOf(control.id);
  if (!cases.length) out.push(W.none[lang], '');
  else {
    out.push(
      ...table(
        [W.kind[lang], W.name[lang], W.expected[lang], W.messageId[lang], W.path[lang], W.caseParams[lang]],
        cases.map((c) => [
          mdCode(c.kind),
          mdText(c.name),
          verdictLabel(c.expect, lang),
          c.messageId ? mdCode(c.messageId) : '',
          c.path ? mdCode(c.path) : '',
          [c.params ? mdCode(JSON.stringify(c.params)) : '', c.asOf ? mdCode(`asOf ${c.asOf}`) : ''].filter(Boolean).join('<br>'),
        ]),
      ),
      '',
    );
  }
  return out.join('\n');
}

function controlLink(fromDir: string, id: string, lang: Lang): string {
  return posix(path.relative(fromDir, path.join(CONTROL_DOCS, fileName(id, lang))));
}
function profileLink(fromDir: string, id: string, lang: Lang): string {
  return posix(path.relative(fromDir, path.join(PROFILE_DOCS, fileName(id, lang))));
}

function controlIndex(model: Model, lang: Lang): string {
  const ja = lang === 'ja';
  const out = header(lang, `muniguard — ${W.controls[lang]}`, fileName('index', ja ? 'en' : 'ja'));
  out.push(
    ja ? `コントロール ${model.controls.length} 件。アダプタ列は各コントロールのフィクスチャを実行した結果です。` : `${model.controls.length} controls. Adapter columns come from running each control's fixtures.`,
    '',
    `${W.legend[lang]}: ${(Object.keys(SUPPORT) as Support[]).map((s) => `${SUPPORT[s].mark} ${SUPPORT[s].label[lang]}`).join(' / ')}`,
    '',
    `${W.profileDocs[lang]}: [${PROFILE_DOCS}/${fileName('index', lang)}](${posix(path.relative(CONTROL_DOCS, path.join(PROFILE_DOCS, fileName('index', lang))))})`,
    '',
  );
  for (const family of FAMILIES) {
    const list = model.controls.filter((c) => c.family === family);
    if (!list.length) continue;
    out.push(`## ${mdText(FAMILY_LABELS[family][lang])} (${mdCode(family, false)})`, '');
    out.push(
      ...table(
        [W.id[lang], W.control[lang], W.severity[lang], ...model.coverage.adapters.map((a) => mdCode(a)), W.profiles[lang]],
        list.map((c) => {
          const profiles = [...new Set((model.mappings.get(c.id) ?? []).map((m) => m.profile.id))];
          return [
            `[${mdCode(c.id)}](${fileName(c.id, lang)})`,
            mdText(c.title[lang]),
            SEVERITY_LABELS[c.severity][lang],
            ...model.coverage.adapters.map((a) => SUPPORT[model.coverage.support(c.id, a)].mark),
            profiles.map((p) => mdCode(p)).join(' ') || '—',
          ];
        }),
      ),
      '',
    );
  }
  return out.join('\n');
}

// ───────────────────────────── per profile

function totalsTable(model: Model, totals: Totals[], lang: Lang, linkFrom?: string): string[] {
  return table(
    [
      W.profile[lang], W.totalClauses[lang], W.enforced[lang], W.manual[lang], W.planned[lang],
      ...model.coverage.adapters.map((a) => (lang === 'ja' ? `${mdCode(a)} 検証済` : `${mdCode(a)} verified`)),
      W.withEvidence[lang], W.withPlanned[lang],
    ],
    totals.map((t) => [
      linkFrom !== undefined ? `[${mdCode(t.profile)}](${profileLink(linkFrom, t.profile, lang)})` : mdCode(t.profile),
      String(t.clauses), String(t.enforced), String(t.manual), String(t.planned),
      ...model.coverage.adapters.map((a) => String(t.verified[a])),
      String(t.withEvidence), String(t.withPlanned),
    ]),
  );
}

function totalsExplanation(lang: Lang): string {
  return lang === 'ja'
    ? '自動点検 = コントロールが対応付けられた条項、手動点検 = コントロールはなく保存する証跡で確認する条項、未対応 = コントロールも証跡の指定もなく自動化予定のみの条項（三つの合計が条項数）。アダプタ列 = 自動点検の条項のうち、そのアダプタで検証済のコントロールが一つ以上ある条項。'
    : 'Checked automatically = a control is mapped; manual = no control, confirmed by the evidence to keep; not yet covered = neither, only planned (the three add up to the clause count). Adapter columns = automated clauses with at least one control verified on that adapter.';
}

function profileDoc(model: Model, p: ProfileInfo, totals: Totals, lang: Lang): string {
  const ja = lang === 'ja';
  const d = p.doc;
  const out = header(lang, `${mdText(d.municipality[lang])} — ${mdText(d.standard.title[lang])} (${mdCode(p.id, false)})`, fileName(p.id, ja ? 'en' : 'ja'));
  out.push(`## ${W.metadata[lang]}`, '');
  out.push(
    ...table(
      [ja ? '項目' : 'Item', ja ? '内容' : 'Value'],
      [
        [W.profile[lang], mdCode(p.id)],
        [W.municipality[lang], mdText(d.municipality[lang])],
        [W.document[lang], mdText(d.standard.title[lang])],
        [W.date[lang], d.standard.date ? mdText(d.standard.date) : '—'],
        [W.version[lang], d.standard.version ? mdText(d.standard.version) : '—'],
        [W.sourceFile[lang], mdCode(d.standard.source)],
        ...(d.standard.note ? [[W.note[lang], mdText(flat(d.standard.note[lang]))]] : []),
      ],
    ),
    '',
    `## ${W.totals[lang]}`,
    '',
    ...totalsTable(model, [totals], lang),
    '',
    totalsExplanation(lang),
    '',
    `${W.coverage[lang]}: [${fileName(`${p.id}.coverage`, lang)}](${fileName(`${p.id}.coverage`, lang)}) · ${W.csv[lang]}: [${p.id}.coverage.csv](${p.id}.coverage.csv)`,
    '',
  );

  // classification
  const c = d.classification;
  out.push(`## ${W.classification[lang]}`, '', `${mdText(c.name[lang])}${c.clause ? paren(lang, `${W.clause[lang]} ${mdCode(c.clause, false)}`) : ''}`, '');
  out.push(`${W.tagKeys[lang]}: ${c.tagKeys.map((k) => mdCode(k, false)).join(', ')}`, '');
  if (c.levels?.length) {
    out.push(
      ...table(
        [W.value[lang], W.aliases[lang], W.rank[lang], W.label[lang]],
        [...c.levels].sort((a, b) => b.rank - a.rank).map((l) => [mdCode(l.value), (l.aliases ?? []).map((x) => mdCode(x)).join(' '), String(l.rank), mdText(l.label[lang])]),
      ),
      '',
    );
  } else out.push(W.noLevels[lang], '');

  // segments
  const s = d.segments;
  out.push(`## ${W.segments[lang]}`, '');
  if (s.clause) out.push(`${W.clause[lang]}: ${mdCode(s.clause, false)}`, '');
  out.push(`${W.tagKeys[lang]}: ${s.tagKeys.length ? s.tagKeys.map((k) => mdCode(k, false)).join(', ') : W.none[lang]}`, '');
  out.push(...table([W.value[lang], W.aliases[lang], W.role[lang], W.label[lang]], s.values.map((v) => [mdCode(v.value), (v.aliases ?? []).map((x) => mdCode(x)).join(' '), mdCode(v.role), mdText(v.label[lang])])), '');
  const other: [Text, string[] | undefined][] = [[W.contractEnd, d.tagKeys?.contractEnd], [W.criticalSystem, d.tagKeys?.criticalSystem]];
  if (other.some(([, keys]) => keys?.length)) {
    out.push(`### ${W.otherTags[lang]}`, '', ...table([W.name[lang], W.tagKeys[lang]], other.filter(([, k]) => k?.length).map(([label, keys]) => [label[lang], keys!.map((k) => mdCode(k)).join(', ')])), '');
  }

  // parameters: the profile's own, then those only a mapped control declares
  out.push(`## ${W.parameters[lang]}`, '');
  const used = [...new Set(d.clauses.flatMap((cl) => (cl.controls ?? []).map((m) => m.id)))].map((id) => model.byId.get(id)).filter((x): x is Control => !!x);
  const specs = new Map<string, { spec: ParamSpec; readers: string[] }>();
  for (const control of used) {
    for (const [name, spec] of Object.entries(control.params ?? {})) {
      const e = specs.get(name);
      if (e) e.readers.push(control.id);
      else specs.set(name, { spec, readers: [control.id] });
    }
  }
  const names = [...new Set([...Object.keys(d.parameters), ...specs.keys()])].sort(compare);
  if (!names.length) out.push(W.noParameters[lang], '');
  else {
    out.push(
      ...table(
        [W.name[lang], W.value[lang], W.source[lang], W.description[lang], W.readBy[lang]],
        names.map((name) => {
          const entry = d.parameters[name];
          const sp = specs.get(name);
          const readers = (sp?.readers ?? []).sort(compare).map((id) => `[${mdCode(id)}](${controlLink(PROFILE_DOCS, id, lang)})`).join('<br>') || '—';
          const description = entry?.description ?? sp?.spec.description;
          const v = sp ? parameterValueFor(p, name, sp.spec, lang) : parameterValueFor(p, name, { schema: {}, default: undefined, description: entry!.description, rationale: entry!.rationale ?? entry!.description }, lang);
          return [mdCode(name), v.value, v.source, description ? mdText(flat(description[lang])) : '', readers];
        }),
      ),
      '',
    );
  }

  // checklist
  out.push(`## ${W.checklist[lang]}`, '', W.checklistIntro[lang], '');
  for (const clause of d.clauses) {
    const status = clauseStatus(clause);
    out.push(`### ${mdCode(clause.path, false)} ${mdText(clause.title[lang])}`, '');
    out.push(`${W.status[lang]}: **${STATUS[status][lang]}**${clause.catalogRefs?.length ? ` · ${clause.catalogRefs.map((r) => mdCode(r, false)).join(' ')}` : ''}`, '');
    out.push(`${W.summary[lang]}: ${mdText(flat(clause.summary[lang]))}`, '');
    for (const m of clause.controls ?? []) {
      const control = model.byId.get(m.id);
      const facts = [
        RELATION[m.relation][lang],
        ENFORCEMENT_LABELS[m.enforcement][lang],
        `${ja ? '重要度' : 'severity'} ${SEVERITY_LABELS[m.severity ?? control?.severity ?? 'medium'][lang]}`,
        !control?.classBased ? (ja ? '分類によらない' : 'not class-based') : `${ja ? '適用分類' : 'from'} ${m.from !== undefined ? mdText(m.from) : W.allClassesGated[lang]}`,
        `${ja ? 'アダプタ' : 'adapters'} ${model.coverage.adapters.map((a) => `${a} ${SUPPORT[model.coverage.support(m.id, a)].mark}`).join(', ') || W.none[lang]}`,
      ];
      out.push(`- [ ] [${mdCode(m.id, false)}](${controlLink(PROFILE_DOCS, m.id, lang)}) ${control ? mdText(control.title[lang]) : ''}${paren(lang, facts.join(ja ? '、' : '; '))}${m.note ? `\\\n  ${W.note[lang]}: ${mdText(flat(m.note[lang]))}` : ''}`);
    }
    if (clause.manual) out.push(`- [ ] ${W.evidence[lang]}: ${mdText(flat(clause.manual[lang]))}`);
    if (clause.planned) out.push(`- [ ] ${W.plannedLabel[lang]}: ${mdText(flat(clause.planned[lang]))}`);
    out.push('');
  }
  return out.join('\n');
}

interface MatrixRow {
  clause: Clause;
  status: Status;
  mapping?: ControlMapping;
  control?: Control;
}

function matrixRows(model: Model, p: ProfileInfo): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const clause of p.doc.clauses) {
    const status = clauseStatus(clause);
    if (clause.controls?.length) for (const m of clause.controls) rows.push({ clause, status, mapping: m, control: model.byId.get(m.id) });
    else rows.push({ clause, status });
  }
  return rows;
}

function coverageDoc(model: Model, p: ProfileInfo, totals: Totals, lang: Lang): string {
  const ja = lang === 'ja';
  const out = header(lang, `${mdText(p.doc.municipality[lang])} — ${W.coverage[lang]} (${mdCode(p.id, false)})`, fileName(`${p.id}.coverage`, ja ? 'en' : 'ja'));
  out.push(
    W.coverageIntro[lang],
    '',
    `${W.legend[lang]}: ${(Object.keys(SUPPORT) as Support[]).map((s) => `${SUPPORT[s].mark} ${SUPPORT[s].label[lang]}`).join(' / ')}`,
    '',
    `${W.checklist[lang]}: [${fileName(p.id, lang)}](${fileName(p.id, lang)}) · ${W.csv[lang]}: [${p.id}.coverage.csv](${p.id}.coverage.csv)`,
    '',
    `## ${W.totals[lang]}`,
    '',
    ...totalsTable(model, [totals], lang),
    '',
    totalsExplanation(lang),
    '',
    `## ${W.coverage[lang]}`,
    '',
  );
  out.push(
    ...table(
      [W.clause[lang], W.title[lang], W.status[lang], W.control[lang], W.relation[lang], W.enforcement[lang], W.from[lang], ...model.coverage.adapters.map((a) => mdCode(a))],
      matrixRows(model, p).map((r) => [
        mdCode(r.clause.path),
        mdText(r.clause.title[lang]),
        STATUS[r.status][lang],
        r.mapping ? `[${mdCode(r.mapping.id)}](${controlLink(PROFILE_DOCS, r.mapping.id, lang)})` : '—',
        r.mapping ? RELATION_SHORT[r.mapping.relation][lang] : '',
        r.mapping ? ENFORCEMENT_LABELS[r.mapping.enforcement][lang] : '',
        r.mapping ? fromCell(r.control, r.mapping, lang) : '',
        ...model.coverage.adapters.map((a) => (r.mapping ? SUPPORT[model.coverage.support(r.mapping.id, a)].mark : '')),
      ]),
    ),
    '',
  );
  return out.join('\n');
}

/** One row per clause × control (a clause without controls: one row), UTF-8 BOM + CRLF for Excel. */
export function coverageCsv(model: Model, p: ProfileInfo): string {
  const head = [
    'プロファイル profile', '条項 clause', '条項名', 'clause title', '状態', 'status',
    'コントロール control', 'コントロール名', 'control title', '関係 relation', '区分 enforcement', '重要度 severity', '適用分類 from',
    ...model.coverage.adapters.map((a) => `アダプタ adapter: ${a}`),
    '保存する証跡', 'evidence to keep', '自動化予定', 'planned',
  ];
  const lines = [head];
  for (const r of matrixRows(model, p)) {
    const m = r.mapping;
    const from = !m ? '' : !r.control?.classBased ? '分類によらない not class-based' : m.from ?? 'すべての分類 every class';
    lines.push([
      p.id, r.clause.path, flat(r.clause.title.ja), flat(r.clause.title.en), STATUS[r.status].ja, STATUS_CODE[r.status],
      m?.id ?? '', r.control ? flat(r.control.title.ja) : '', r.control ? flat(r.control.title.en) : '',
      m ? `${RELATION_SHORT[m.relation].ja} ${m.relation}` : '',
      m ? `${ENFORCEMENT_LABELS[m.enforcement].ja} ${m.enforcement}` : '',
      m ? `${SEVERITY_LABELS[m.severity ?? r.control?.severity ?? 'medium'].ja} ${m.severity ?? r.control?.severity ?? ''}` : '',
      from,
      ...model.coverage.adapters.map((a) => (m ? SUPPORT_CSV[model.coverage.support(m.id, a)] : '')),
      r.clause.manual ? flat(r.clause.manual.ja) : '', r.clause.manual ? flat(r.clause.manual.en) : '',
      r.clause.planned ? flat(r.clause.planned.ja) : '', r.clause.planned ? flat(r.clause.planned.en) : '',
    ]);
  }
  return '\uFEFF' + lines.map((l) => l.map(csvField).join(',') + '\r\n').join('');
}

function profileIndex(model: Model, totals: Totals[], lang: Lang): string {
  const ja = lang === 'ja';
  const out = header(lang, `muniguard — ${W.profileDocs[lang]}`, fileName('index', ja ? 'en' : 'ja'));
  out.push(`## ${W.totals[lang]}`, '', ...totalsTable(model, totals, lang, PROFILE_DOCS), '', totalsExplanation(lang), '');
  out.push(
    ...table(
      [W.profile[lang], W.municipality[lang], W.document[lang], W.checklist[lang], W.coverage[lang], 'CSV'],
      model.profiles.map((p) => [
        mdCode(p.id),
        mdText(p.doc.municipality[lang]),
        mdText(p.doc.standard.title[lang]),
        `[${fileName(p.id, lang)}](${fileName(p.id, lang)})`,
        `[${fileName(`${p.id}.coverage`, lang)}](${fileName(`${p.id}.coverage`, lang)})`,
        `[${p.id}.coverage.csv](${p.id}.coverage.csv)`,
      ]),
    ),
    '',
    `${W.controlDocs[lang]}: [${CONTROL_DOCS}/${fileName('index', lang)}](${controlLink(PROFILE_DOCS, 'index', lang)})`,
    '',
  );
  return out.join('\n');
}

// ───────────────────────────── entry points

export async function buildModel(): Promise<Model> {
  const controls = [...allControls()].sort((a, b) => compare(a.id, b.id));
  const byId = new Map(controls.map((c) => [c.id, c]));
  const dirOf = new Map(controlFolders().map((f) => [f.id, f.dir.replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`)]));
  const profiles = listProfileIds().map((id) => ({ id, doc: readProfileDocument(id).doc }));
  const mappings = new Map<string, Mapping[]>();
  for (const profile of profiles) {
    for (const clause of profile.doc.clauses) {
      for (const mapping of clause.controls ?? []) {
        if (!byId.has(mapping.id)) throw new Error(`${profile.id} clause ${clause.path} maps unknown control ${mapping.id}`);
        let list = mappings.get(mapping.id);
        if (!list) mappings.set(mapping.id, (list = []));
        list.push({ profile, clause, mapping });
      }
    }
  }
  const coverage = await measureAdapterCoverage(controls, ROOT);
  return { controls, byId, dirOf, profiles, coverage, mappings };
}

export function totalsOf(model: Model): Totals[] {
  return model.profiles.map((p) => profileTotals(p, model.coverage));
}

/** Every generated file, in a stable order. */
export async function generateDocs(model?: Model): Promise<DocFile[]> {
  const m = model ?? (await buildModel());
  const files: DocFile[] = [];
  const totals = totalsOf(m);
  for (const lang of LANGS) {
    files.push({ path: `${CONTROL_DOCS}/${fileName('index', lang)}`, content: controlIndex(m, lang) });
    for (const c of m.controls) files.push({ path: `${CONTROL_DOCS}/${fileName(c.id, lang)}`, content: controlDoc(m, c, lang) });
    files.push({ path: `${PROFILE_DOCS}/${fileName('index', lang)}`, content: profileIndex(m, totals, lang) });
    m.profiles.forEach((p, i) => {
      files.push({ path: `${PROFILE_DOCS}/${fileName(p.id, lang)}`, content: profileDoc(m, p, totals[i], lang) });
      files.push({ path: `${PROFILE_DOCS}/${fileName(`${p.id}.coverage`, lang)}`, content: coverageDoc(m, p, totals[i], lang) });
    });
  }
  for (const p of m.profiles) files.push({ path: `${PROFILE_DOCS}/${p.id}.coverage.csv`, content: coverageCsv(m, p) });
  for (const f of files) if (!f.content.endsWith('\n')) f.content += '\n';
  return files.sort((a, b) => compare(a.path, b.path));
}

function listDir(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    const relPath = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...listDir(root, relPath));
    else out.push(relPath);
  }
  return out.sort(compare);
}

/** What differs between the generated files and the working tree: one line per file. */
export function staleDocs(files: readonly DocFile[], root = ROOT): string[] {
  const problems: string[] = [];
  const want = new Set(files.map((f) => f.path));
  for (const f of files) {
    const abs = path.join(root, f.path);
    if (!fs.existsSync(abs)) problems.push(`${f.path}: missing`);
    else if (fs.readFileSync(abs, 'utf8') !== f.content) problems.push(`${f.path}: differs from what the metadata generates`);
  }
  for (const dir of DOC_DIRS) for (const f of listDir(root, dir)) if (!want.has(f)) problems.push(`${f}: no longer generated (delete it)`);
  return problems;
}

/** Write what changed; delete files in the docs folders that are no longer generated. */
export function writeDocs(files: readonly DocFile[], root = ROOT): { written: string[]; removed: string[] } {
  const written: string[] = [];
  const removed: string[] = [];
  const want = new Set(files.map((f) => f.path));
  for (const dir of DOC_DIRS) {
    for (const f of listDir(root, dir)) {
      if (!want.has(f)) {
        fs.unlinkSync(path.join(root, f));
        removed.push(f);
      }
    }
  }
  for (const f of files) {
    const abs = path.join(root, f.path);
    if (fs.existsSync(abs) && fs.readFileSync(abs, 'utf8') === f.content) continue;
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, f.content);
    written.push(f.path);
  }
  return { written, removed };
}
