import Ajv from 'ajv';
import { defineControl, type Control } from '../control';
import { evaluate, type ScanResult } from '../evaluate';
import { makeResource, testProfile } from '../testing';
import type { Resource } from '../model';
import type { Waiver } from '../waivers';
import { writeText, writeMarkdown, writeCsv, writeSarif, writeJunit, writeJson } from './index';

// ---------------------------------------------------------------------------------------------
// Throwaway controls: one of each outcome, so every report section is exercised by the engine.
// ---------------------------------------------------------------------------------------------

const text = (ja: string, en: string) => ({ ja, en });
const meta = (id: string) => ({
  title: text(`${id} のタイトル`, `${id} title`),
  summary: text(`${id} の概要`, `${id} summary`),
  remediation: text(`${id} の是正方法`, `Fix ${id}`),
});

const passing = defineControl({
  id: 'rt-pass', family: 'encryption', kinds: ['AWS::S3::Bucket'], scope: 'resource', severity: 'medium', ...meta('rt-pass'),
  messages: {},
  check: (_r, ctx) => ctx.pass(),
});

const failing = defineControl({
  id: 'rt-fail', family: 'encryption', kinds: ['AWS::S3::Bucket'], scope: 'resource', severity: 'high', ...meta('rt-fail'),
  messages: { notEncrypted: text('暗号化されていません（{{detail}}）。', 'Not encrypted ({{detail}}).') },
  check: (r, ctx) => (r.props.encrypted ? ctx.pass() : ctx.fail('notEncrypted', { path: 'encryption.algorithm', data: { detail: r.props.detail } })),
});

const unknowing = defineControl({
  id: 'rt-unknown', family: 'encryption', kinds: ['AWS::Logs::LogGroup'], scope: 'resource', severity: 'medium', ...meta('rt-unknown'),
  messages: {},
  check: (_r, ctx) => ctx.unknown('retentionInDays'),
});

const advisory = defineControl({
  id: 'rt-advisory', family: 'backup', kinds: ['AWS::Backup::BackupPlan'], scope: 'resource', severity: 'low', ...meta('rt-advisory'),
  messages: { short: text('保存期間が {{days}} 日です（推奨 {{min}} 日以上）。', 'Retention is {{days}} days (recommended: {{min}} or more).') },
  params: {
    minBackupDays: {
      schema: { type: 'integer' }, default: 7,
      description: text('バックアップの最低保存日数', 'Minimum backup retention in days'),
      rationale: text('1 週間分の復元点を確保するための本プロジェクトの推奨値。', "The project's recommendation: a week of restore points."),
    },
    backupVault: {
      schema: { type: 'string' }, default: 'default',
      description: text('バックアップボールト', 'Backup vault'),
      rationale: text('既定のボールト。', 'The default vault.'),
    },
  },
  check: (_r, ctx) => ctx.fail('short', { advisory: true, path: 'rules.lifecycle', data: { days: 3, min: ctx.params.minBackupDays } }),
});

const waivable = defineControl({
  id: 'rt-waived', family: 'encryption', kinds: ['AWS::S3::Bucket'], scope: 'resource', severity: 'critical', ...meta('rt-waived'),
  messages: { public: text('公開されています。', 'Publicly readable.') },
  check: (r, ctx) => (r.props.encrypted ? ctx.pass() : ctx.fail('public', { path: 'publicAccessBlock' })),
});

const expiring = defineControl({
  id: 'rt-expired', family: 'region', kinds: ['AWS::S3::Bucket'], scope: 'resource', severity: 'high', ...meta('rt-expired'),
  messages: { replicated: text('許可されていないリージョンに複製しています。', 'Replicates to a region that is not allowed.') },
  check: (r, ctx) => (r.props.encrypted ? ctx.pass() : ctx.fail('replicated', { path: 'replication' })),
});

const throwing = defineControl({
  id: 'rt-throws', family: 'monitoring', kinds: ['AWS::EC2::Instance'], scope: 'resource', severity: 'medium', ...meta('rt-throws'),
  messages: {},
  check: () => {
    throw new Error('boom <&>');
  },
});

const CONTROLS: Control[] = [passing, failing, unknowing, advisory, waivable, expiring, throwing];
const CONTROL_MAP = new Map(CONTROLS.map((c) => [c.id, c]));

/** Everything a CSV/Markdown/XML writer can trip on, inside one message. */
const NASTY = 'say "hi", a|b\nsecond line <x> & \u0007 \u001b[31mred';

const waiver = (w: Partial<Waiver> & Pick<Waiver, 'control' | 'resources' | 'expires'>): Waiver => ({
  reason: '移行中のため', approvedBy: '情報政策課長', approvedOn: '2026-01-10', origin: 'waivers.yaml#waivers[0]', ...w,
});

function scan(): ScanResult {
  const resources: Resource[] = [
    { ...makeResource('AWS::S3::Bucket', { encrypted: false, detail: NASTY }, { id: 'aws_s3_bucket.data' }) },
    makeResource('AWS::S3::Bucket', { encrypted: true }, { id: 'aws_s3_bucket.logs' }),
    makeResource('AWS::Logs::LogGroup', {}, { id: 'aws_cloudwatch_log_group.app' }),
    makeResource('AWS::Backup::BackupPlan', {}, { id: 'aws_backup_plan.main' }),
    makeResource('AWS::EC2::Instance', {}, { id: 'aws_instance.web' }),
  ];
  resources[0] = { ...resources[0], source: { adapter: 'terraform', address: 'aws_s3_bucket.data', file: 'cdktf.out\\stacks\\main\\cdk.tf.json' } };

  const profile = testProfile(CONTROLS, { params: { backupVault: 'vault-1' } });
  profile.standard = { ...profile.standard, date: '2024-04-01' };
  profile.resolvedParameters.backupVault.file = 'params.yaml';
  profile.resolvedParameters.allowedRegions = { name: 'allowedRegions', value: ['ap-northeast-1', 'ap-northeast-3'], source: 'standard', clause: 'T6' };
  profile.clauses.push(
    { path: 'M1', title: text('研修の実施', 'Training'), summary: text('s', 's'), manual: text('研修の受講記録を保管する。', 'Keep the training attendance records.') },
    { path: 'M2', title: text('外部委託 | 契約', 'Outsourcing | contracts'), summary: text('s', 's'), manual: text('契約書の写しを保管する。', 'Keep a copy of the contract.') },
    { path: 'P1', title: text('将来の自動化', 'Future automation'), summary: text('s', 's'), planned: text('rt-future で確認予定。', 'To be checked by rt-future.') },
  );
  return evaluate({
    profile,
    controls: CONTROL_MAP,
    resources,
    asOf: '2026-04-01',
    inputs: ['cdktf.out'],
    waivers: [
      waiver({ control: 'rt-waived', resources: ['aws_s3_bucket.data'], expires: '2026-12-31', reference: '第3号様式 第12号' }),
      waiver({ control: 'rt-expired', resources: ['aws_s3_bucket.*'], expires: '2026-03-01', origin: 'waivers.yaml#waivers[1]' }),
      waiver({ control: 'rt-pass', resources: ['nothing.*'], expires: '2026-12-31', origin: 'waivers.yaml#waivers[2]' }),
    ],
  });
}

const result = scan();

test('the scenario produces every outcome through the real engine', () => {
  expect(result.summary).toEqual({ pass: 5, fail: 4, unknown: 1, notApplicable: 0, error: 1, waived: 1 });
  expect(result.unmatchedWaivers.map((w) => w.control)).toEqual(['rt-pass']);
  expect(result.manualClauses).toHaveLength(2);
  expect(writeJson(result)).toContain('"schemaVersion": 1'); // the existing export is kept
});

// ---------------------------------------------------------------------------------------------
// SARIF
// ---------------------------------------------------------------------------------------------

/** A subset of the SARIF 2.1.0 schema: what we emit, with the spec's required fields and enums. */
const message = { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 }, markdown: { type: 'string' } } };
const level = { enum: ['none', 'note', 'warning', 'error'] };
const SARIF_SUBSET = {
  type: 'object',
  required: ['version', 'runs'],
  additionalProperties: false,
  properties: {
    $schema: { const: 'https://json.schemastore.org/sarif-2.1.0.json' },
    version: { const: '2.1.0' },
    runs: {
      type: 'array', minItems: 1, maxItems: 1,
      items: {
        type: 'object', required: ['tool'], additionalProperties: false,
        properties: {
          tool: {
            type: 'object', required: ['driver'], additionalProperties: false,
            properties: {
              driver: {
                type: 'object', required: ['name'], additionalProperties: false,
                properties: {
                  name: { const: 'muniguard' }, version: { type: 'string', minLength: 1 }, semanticVersion: { type: 'string' },
                  informationUri: { type: 'string', pattern: '^https?://' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object', required: ['id', 'shortDescription', 'fullDescription', 'help', 'defaultConfiguration'], additionalProperties: false,
                      properties: {
                        id: { type: 'string' }, name: { type: 'string' }, shortDescription: message, fullDescription: message,
                        help: { ...message, required: ['text', 'markdown'] },
                        defaultConfiguration: { type: 'object', additionalProperties: false, properties: { level } },
                        properties: { type: 'object', required: ['tags'], properties: { tags: { type: 'array', uniqueItems: true, items: { type: 'string' } } } },
                      },
                    },
                  },
                },
              },
            },
          },
          language: { type: 'string', pattern: '^[a-z]{2}(-[A-Z]{2})?$' },
          results: {
            type: 'array',
            items: {
              type: 'object', required: ['message', 'ruleId', 'level', 'locations', 'partialFingerprints', 'properties'], additionalProperties: false,
              properties: {
                ruleId: { type: 'string' }, ruleIndex: { type: 'integer', minimum: 0 }, level, message,
                locations: {
                  type: 'array', minItems: 1,
                  items: {
                    type: 'object', additionalProperties: false,
                    properties: {
                      physicalLocation: {
                        type: 'object', required: ['artifactLocation'], additionalProperties: false,
                        properties: { artifactLocation: { type: 'object', required: ['uri'], additionalProperties: false, properties: { uri: { type: 'string', format: 'uri-reference' } } } },
                      },
                      logicalLocations: {
                        type: 'array', minItems: 1,
                        items: { type: 'object', additionalProperties: false, properties: { fullyQualifiedName: { type: 'string' }, kind: { type: 'string' } } },
                      },
                    },
                  },
                },
                partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
                suppressions: {
                  type: 'array', minItems: 1,
                  items: {
                    type: 'object', required: ['kind'], additionalProperties: false,
                    properties: {
                      kind: { enum: ['inSource', 'external'] }, status: { enum: ['accepted', 'underReview', 'rejected'] },
                      justification: { type: 'string' }, properties: { type: 'object' },
                    },
                  },
                },
                properties: {
                  type: 'object', required: ['clauses', 'severity', 'enforcement', 'verdict'],
                  properties: { verdict: { enum: ['fail', 'error', 'unknown', 'waived'] } },
                },
              },
            },
          },
          properties: { type: 'object' },
        },
      },
    },
  },
};

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: { fullyQualifiedName: string; kind: string }[] }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string; justification: string }[];
  properties: { verdict: string; enforcement: string; clauses: { path: string }[] };
}
interface SarifLog {
  runs: { tool: { driver: { version: string; rules: { id: string; help: { text: string; markdown: string }; properties: { tags: string[] }; defaultConfiguration: { level: string } }[] } }; results: SarifResult[] }[];
}

describe('writeSarif', () => {
  const sarif = JSON.parse(writeSarif(result, { lang: 'ja', controls: CONTROL_MAP })) as SarifLog;
  const run = sarif.runs[0];
  const byRule = (id: string) => run.results.filter((r) => r.ruleId === id);

  test('validates against a SARIF 2.1.0 subset', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri-reference', (s: string) => !/[\s"<>\\^`{|}]/.test(s) && s.length > 0);
    const validate = ajv.compile(SARIF_SUBSET);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
  });

  test('ruleIds are rules, ruleIndex points at them, rules carry tags and clause help', () => {
    const rules = run.tool.driver.rules;
    const ids = rules.map((r) => r.id);
    for (const r of run.results) {
      expect(ids).toContain(r.ruleId);
      expect(rules[r.ruleIndex].id).toBe(r.ruleId);
    }
    const fail = rules.find((r) => r.id === 'rt-fail')!;
    expect(fail.properties.tags).toEqual(['encryption', 'muniguard', 'test']);
    expect(fail.help.text).toContain('rt-fail の是正方法');
    expect(fail.help.text).toContain('test T2 テスト条項 rt-fail');
    expect(fail.defaultConfiguration.level).toBe('error');
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('results: no passes; levels by verdict and enforcement; waived is a suppressed note', () => {
    expect(run.results.map((r) => r.properties.verdict).sort()).toEqual(['error', 'fail', 'fail', 'fail', 'fail', 'unknown', 'waived']);
    expect(byRule('rt-pass')).toEqual([]);
    expect(byRule('rt-fail')[0].level).toBe('error');
    expect(byRule('rt-throws')[0].level).toBe('error');
    expect(byRule('rt-advisory')[0].level).toBe('warning');
    expect(byRule('rt-unknown')[0].level).toBe('warning');
    expect(byRule('rt-expired').map((r) => r.level)).toEqual(['error', 'error']);
    const waived = byRule('rt-waived')[0];
    expect(waived.level).toBe('note');
    expect(waived.suppressions).toEqual([expect.objectContaining({ kind: 'external', status: 'accepted', justification: expect.stringContaining('情報政策課長') })]);
    expect(run.results.filter((r) => r.suppressions).length).toBe(1);
  });

  test('locations: the file (forward slashes) when known, else the address; a logical resource location', () => {
    const fail = byRule('rt-fail')[0];
    expect(fail.locations[0].physicalLocation.artifactLocation.uri).toBe('cdktf.out/stacks/main/cdk.tf.json');
    expect(fail.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: 'aws_s3_bucket.data', kind: 'resource' }]);
    expect(byRule('rt-unknown')[0].locations[0].physicalLocation.artifactLocation.uri).toBe('aws_cloudwatch_log_group.app');
    expect(fail.message.text).toContain('暗号化されていません');
    expect(fail.properties.clauses.map((c) => c.path)).toEqual(['T2']);
  });

  test('fingerprints are stable across runs and distinct between findings', () => {
    const again = JSON.parse(writeSarif(scan(), { lang: 'en', controls: CONTROL_MAP })) as SarifLog;
    const prints = (log: SarifLog) => log.runs[0].results.map((r) => `${r.ruleId} ${r.locations[0].logicalLocations[0].fullyQualifiedName} ${r.partialFingerprints['muniguard/v1']}`).sort();
    expect(prints(again)).toEqual(prints(sarif));
    const values = run.results.map((r) => r.partialFingerprints['muniguard/v1']);
    expect(new Set(values).size).toBe(values.length);
    for (const v of values) expect(v).toMatch(/^[0-9a-f]{64}$/);
  });

  test('English messages with lang en', () => {
    const en = JSON.parse(writeSarif(result, { lang: 'en', controls: CONTROL_MAP })) as SarifLog;
    expect(en.runs[0].results.find((r) => r.ruleId === 'rt-fail')!.message.text).toContain('Not encrypted');
  });
});

// ---------------------------------------------------------------------------------------------
// JUnit
// ---------------------------------------------------------------------------------------------

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  parent: XmlElement | null;
  text: string;
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'"
      : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/** A small well-formedness check: one root, balanced tags, quoted unique attributes, known entities, legal characters. */
function parseXml(xml: string): XmlElement[] {
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) throw new Error('illegal XML character');
  const ENTITY = '&(?:amp|lt|gt|quot|apos|#\\d+|#x[0-9a-fA-F]+);';
  const tag = new RegExp(`<(/?)([A-Za-z_][\\w.-]*)((?:\\s+[A-Za-z_][\\w.:-]*="(?:[^"<&]|${ENTITY})*")*)\\s*(/?)>`, 'y');
  const textRe = new RegExp(`^(?:[^<&]|${ENTITY})*$`);
  const elements: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let roots = 0;
  let pos = 0;
  if (xml.startsWith('<?xml')) pos = xml.indexOf('?>') + 2;
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const chunk = xml.slice(pos, lt === -1 ? xml.length : lt);
    if (!textRe.test(chunk)) throw new Error(`bad text at ${pos}: ${chunk.slice(0, 40)}`);
    if (chunk.trim() && stack.length === 0) throw new Error('text outside the root');
    if (stack.length) stack[stack.length - 1].text += decodeEntities(chunk);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`bad tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [whole, close, name, attrText, selfClose] = m;
    if (close) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes ${open?.name}`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(/([A-Za-z_][\w.:-]*)="([^"]*)"/g)) {
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        attrs[a[1]] = decodeEntities(a[2]);
      }
      const el: XmlElement = { name, attrs, parent: stack[stack.length - 1] ?? null, text: '' };
      if (!el.parent) roots++;
      elements.push(el);
      if (!selfClose) stack.push(el);
    }
    pos = lt + whole.length;
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
  return elements;
}

describe('writeJunit', () => {
  const xml = writeJunit(result, { lang: 'ja' });
  const elements = parseXml(xml);
  const all = (name: string) => elements.filter((e) => e.name === name);
  const caseOf = (classname: string, name: string) => all('testcase').find((e) => e.attrs.classname === classname && e.attrs.name === name)!;
  const childOf = (el: XmlElement) => elements.filter((e) => e.parent === el);

  test('is well-formed, one suite per family, one case per control × resource', () => {
    expect(all('testsuites')).toHaveLength(1);
    expect(all('testsuite').map((s) => s.attrs.name)).toEqual(['encryption', 'backup', 'region', 'monitoring']);
    expect(all('testcase')).toHaveLength(result.findings.length);
    for (const c of all('testcase')) expect(c.parent!.name).toBe('testsuite');
  });

  test('counts are right at both levels', () => {
    const root = all('testsuites')[0];
    expect(root.attrs).toMatchObject({ tests: '12', failures: '4', errors: '0', skipped: '3' });
    expect(all('failure')).toHaveLength(4);
    expect(all('skipped')).toHaveLength(3);
    for (const suite of all('testsuite')) {
      const cases = childOf(suite).filter((e) => e.name === 'testcase');
      const kids = cases.flatMap(childOf);
      expect(Number(suite.attrs.tests)).toBe(cases.length);
      expect(Number(suite.attrs.failures)).toBe(kids.filter((k) => k.name === 'failure').length);
      expect(Number(suite.attrs.skipped)).toBe(kids.filter((k) => k.name === 'skipped').length);
    }
  });

  test('failure for mandatory fail/error, skipped for unknown, waived and advisory, nothing for a pass', () => {
    const kinds = (classname: string, name: string) => childOf(caseOf(classname, name)).map((e) => e.name);
    expect(kinds('rt-fail', 'aws_s3_bucket.data')).toEqual(['failure']);
    expect(kinds('rt-throws', 'aws_instance.web')).toEqual(['failure']);
    expect(kinds('rt-expired', 'waivers.yaml#waivers[1]')).toEqual(['failure']);
    expect(kinds('rt-unknown', 'aws_cloudwatch_log_group.app')).toEqual(['skipped']);
    expect(kinds('rt-waived', 'aws_s3_bucket.data')).toEqual(['skipped']);
    expect(kinds('rt-advisory', 'aws_backup_plan.main')).toEqual(['skipped']);
    expect(kinds('rt-pass', 'aws_s3_bucket.logs')).toEqual([]);
  });

  test('messages and clauses survive escaping, control characters included', () => {
    const failure = childOf(caseOf('rt-fail', 'aws_s3_bucket.data'))[0];
    expect(failure.attrs.message).toContain('say "hi", a|b\nsecond line <x> & \\u0007 \\u001B[31mred');
    expect(failure.text).toContain('test T2 テスト条項 rt-fail');
    expect(childOf(caseOf('rt-throws', 'aws_instance.web'))[0].attrs.message).toContain('boom <&>');
    expect(childOf(caseOf('rt-advisory', 'aws_backup_plan.main'))[0].attrs.message).toContain('保存期間が 3 日です');
  });

  test('failOn unknown turns a mandatory unknown into a failure', () => {
    const strict = parseXml(writeJunit(result, { lang: 'en', failOn: 'unknown' }));
    expect(strict.filter((e) => e.name === 'failure')).toHaveLength(5);
    expect(strict.find((e) => e.name === 'testsuites')!.attrs.failures).toBe('5');
  });
});

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/** RFC 4180 reader: quoted fields with doubled quotes, CRLF records (a bare LF only inside quotes). */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < csv.length) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (field += c), i++;
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field), (field = ''), i++;
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    } else if (c === '\r' || c === '\n') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else (field += c), i++;
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length) throw new Error('last record has no CRLF');
  return rows;
}

describe('writeCsv', () => {
  const csv = writeCsv(result, { lang: 'ja' });

  test('starts with a UTF-8 BOM and uses CRLF', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  test('round-trips one row per finding, quotes, commas and newlines intact', () => {
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(['判定', '重要度', '区分', '分野', 'コントロールID', 'リソース種別', 'アドレス', 'リージョン', 'プロパティパス', 'メッセージ', '条項', '例外措置']);
    expect(rows).toHaveLength(result.findings.length + 1);
    for (const r of rows) expect(r).toHaveLength(12);
    const fail = rows.find((r) => r[4] === 'rt-fail' && r[0] === '不適合')!;
    expect(fail).toEqual([
      '不適合', '高', '必須', '暗号化', 'rt-fail', 'AWS::S3::Bucket', 'aws_s3_bucket.data', 'ap-northeast-1', 'encryption.algorithm',
      `暗号化されていません（${NASTY}）。`, 'test T2', '',
    ]);
    const waived = rows.find((r) => r[4] === 'rt-waived' && r[0] === '例外承認済')!;
    expect(waived[11]).toBe('情報政策課長/2026-12-31/有効');
  });

  test('English header and codes with lang en', () => {
    const rows = parseCsv(writeCsv(result, { lang: 'en' }).slice(1));
    expect(rows[0]).toEqual(['verdict', 'severity', 'enforcement', 'family', 'controlId', 'resourceKind', 'address', 'region', 'path', 'message', 'clauses', 'waiver']);
    const expired = rows.find((r) => r[4] === 'rt-expired' && r[6] === 'aws_s3_bucket.data')!;
    expect(expired.slice(0, 4)).toEqual(['fail', 'high', 'mandatory', 'region']);
    expect(expired[11]).toBe('情報政策課長/2026-03-01/expired');
  });
});

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

describe('writeText', () => {
  const ja = writeText(result, { lang: 'ja' });
  const en = writeText(result, { lang: 'en' });

  test('Japanese by default: header, verdicts, the message, clause citations, waivers', () => {
    expect(writeText(result)).toBe(ja);
    expect(ja).toContain('テスト市 テスト市情報セキュリティ対策基準（2024-04-01）');
    expect(ja).toContain('基準日: 2026-04-01');
    expect(ja).toContain('入力: cdktf.out');
    expect(ja).toContain('リソース数: 5');
    expect(ja).toMatch(/不適合 \[高\/必須\] rt-fail {2}aws_s3_bucket\.data \(encryption\.algorithm\)/);
    expect(ja).toContain('暗号化されていません（say "hi", a|b');
    expect(ja).toContain('根拠: test T2 テスト条項 rt-fail');
    expect(ja).toMatch(/判定不能 \[中\/必須\] rt-unknown/);
    expect(ja).toMatch(/不適合 \[低\/推奨\] rt-advisory/);
    expect(ja).toMatch(/エラー \[中\/必須\] rt-throws/);
    expect(ja).toMatch(/例外承認済 \[重大\/必須\] rt-waived/);
    expect(ja).toContain('例外措置（有効）: 承認者 情報政策課長');
    expect(ja).toContain('例外措置（期限切れ）');
    expect(ja).toContain('■ 暗号化 [encryption]');
  });

  test('fail/error before unknown before waived; passes only counted', () => {
    const encryption = ja.slice(ja.indexOf('■ 暗号化'), ja.indexOf('■ バックアップ'));
    const order = ['不適合 [高/必須] rt-fail', '判定不能 [中/必須] rt-unknown', '例外承認済 [重大/必須] rt-waived', '適合 4 件'].map((s) => encryption.indexOf(s));
    expect(order[0]).toBeGreaterThan(-1);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(ja).not.toContain('aws_s3_bucket.logs'); // only passes there: counted, not listed
    expect(ja).not.toContain('rt-pass ');
    const families = ['■ 暗号化', '■ バックアップ', '■ リージョン', '■ 監視'].map((s) => ja.indexOf(s));
    expect([...families].sort((a, b) => a - b)).toEqual(families);
  });

  test('unmatched waivers, parameters with provenance, manual count, summary', () => {
    expect(ja).toContain('waivers.yaml#waivers[2]: コントロール rt-pass、対象 nothing.*');
    expect(ja).toContain('minBackupDays = 7');
    expect(ja).toContain('muniguard の推奨値（テスト市の基準が定める値ではありません）: 1 週間分の復元点を確保するための本プロジェクトの推奨値。');
    expect(ja).toContain('backupVault = vault-1');
    expect(ja).toContain('利用者の設定（params.yaml）');
    expect(ja).toContain('allowedRegions = ap-northeast-1, ap-northeast-3');
    expect(ja).toContain('基準の定め（test T6 テスト条項 rt-expired）');
    expect(ja).toContain('自己点検で確認が必要な項目 2 件');
    expect(ja).toContain('集計: 不適合 4 件 / エラー 1 件 / 判定不能 1 件 / 例外承認済 1 件 / 適合 5 件 / 対象外 0 件（必須項目の不適合・エラー 4 件）');
  });

  test('English with lang en', () => {
    expect(en).toContain('Test City Test City standard (2024-04-01)');
    expect(en).toMatch(/Fail \[high\/mandatory\] rt-fail {2}aws_s3_bucket\.data/);
    expect(en).toContain('Not encrypted (say "hi", a|b');
    expect(en).toContain('Clauses: test T2 Test clause rt-fail');
    expect(en).toContain("muniguard's recommended default (not a requirement of Test City's standard)");
    expect(en).toContain('2 clauses to confirm by self-inspection');
    expect(en).toContain('Pass: 4');
    expect(en).not.toMatch(/不適合|判定不能|例外承認済|必須|推奨値/);
  });

  test('no ANSI unless color; hostile control characters in data are shown escaped', () => {
    expect(ja).not.toContain('\u001b');
    expect(ja).not.toContain('\u0007');
    expect(ja).toContain('\\u001B[31mred');
    const colored = writeText(result, { lang: 'ja', color: true });
    expect(colored).toContain('\u001b[1;31m不適合\u001b[0m');
    expect(colored).not.toContain('\u001b[31mred');
  });
});

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

function tables(md: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) (current ??= []).push(line);
    else if (current) blocks.push(current), (current = null);
  }
  if (current) blocks.push(current);
  return blocks;
}

const cellCount = (line: string) => line.split(/(?<!\\)\|/).length - 2;

describe('writeMarkdown', () => {
  const md = writeMarkdown(result, { lang: 'ja' });

  test('summary, findings and parameters tables; every row has the header’s cell count', () => {
    expect(md).toContain('### 集計');
    expect(md).toContain('| 不適合 | エラー | 判定不能 | 例外承認済 | 適合 | 対象外 | 必須項目の不適合・エラー |');
    expect(md).toContain('| 4 | 1 | 1 | 1 | 5 | 0 | 4 |');
    expect(md).toContain('| 判定 | 重要度 | 区分 | 分野 | コントロール | リソース | メッセージ | 条項 |');
    expect(md).toContain('| パラメータ | 値 | 出典・根拠 | 説明 |');
    const blocks = tables(md);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) {
      const n = cellCount(block[0]);
      for (const line of block) expect([line, cellCount(line)]).toEqual([line, n]);
    }
  });

  test('escapes | and HTML in cells, keeps newlines inside the cell', () => {
    const row = md.split('\n').find((l) => l.includes('`rt-fail`') && l.includes('不適合'))!;
    expect(row).toContain('say "hi", a\\|b<br>second line &lt;x&gt; &amp; \\\\u0007 \\\\u001B\\[31mred');
    expect(md).not.toMatch(/[\u0007\u001b]/);
    expect(row).toContain('test T2 テスト条項 rt-fail');
    expect(md).toContain('_例外措置（有効）: 承認者 情報政策課長');
  });

  test('the manual clauses as a checklist with the evidence to keep', () => {
    expect(md).toContain('### 自己点検で確認が必要な項目（2 件）');
    expect(md).toContain('- [ ] **test M1** 研修の実施\\\n  保存する証跡: 研修の受講記録を保管する。');
    expect(md).toContain('- [ ] **test M2** 外部委託 \\| 契約');
    expect(md).toContain('- [ ] **test P1** 将来の自動化');
  });

  test('English with lang en', () => {
    const en = writeMarkdown(result, { lang: 'en' });
    expect(en).toContain('| Verdict | Severity | Enforcement | Family | Control | Resource | Message | Clauses |');
    expect(en).toContain('- [ ] **test M1** Training\\\n  Evidence to keep: Keep the training attendance records.');
    expect(en).toContain("muniguard's recommended default");
  });
});
