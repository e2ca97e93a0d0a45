/**
 * Test helpers shared by every package: a neutral test profile, resource builders, and a
 * runner that evaluates controls through the real engine (so classification gating, waivers
 * and message formatting are exercised exactly as in a scan).
 */
import type { Control, Verdict } from './control';
import type { Finding, ScanResult } from './evaluate';
import { evaluate } from './evaluate';
import type { Resource, Tags } from './model';
import type { Profile, ControlMapping, Level } from './profile';
import type { Unknown } from './unknown';
import type { Waiver } from './waivers';

/** Levels of the test scheme (Osaka-like): Ⅰ most sensitive. Controls in tests apply from Ⅱ. */
export const TEST_LEVELS: Level[] = [
  { value: 'Ⅰ', aliases: ['I', '1'], rank: 4, label: { ja: '重要性分類Ⅰ', en: 'Class I' } },
  { value: 'Ⅱ', aliases: ['II', '2'], rank: 3, label: { ja: '重要性分類Ⅱ', en: 'Class II' } },
  { value: 'Ⅲ', aliases: ['III', '3'], rank: 2, label: { ja: '重要性分類Ⅲ', en: 'Class III' } },
  { value: 'Ⅳ', aliases: ['IV', '4'], rank: 1, label: { ja: '重要性分類Ⅳ', en: 'Class IV' } },
];

/** A profile that maps each control from one test clause, class-based controls `from: Ⅱ`. */
export function testProfile(controls: readonly Control[], options: { params?: Record<string, unknown>; mapping?: Partial<ControlMapping> } = {}): Profile {
  const resolvedParameters: Profile['resolvedParameters'] = {};
  for (const c of controls) {
    for (const [name, spec] of Object.entries(c.params ?? {})) {
      const user = options.params && name in options.params;
      resolvedParameters[name] = user
        ? { name, value: options.params![name], source: 'user' }
        : { name, value: spec.default, source: 'default', setBy: 'control', rationale: spec.rationale };
    }
  }
  return {
    id: 'test',
    municipality: { ja: 'テスト市', en: 'Test City' },
    standard: { title: { ja: 'テスト市情報セキュリティ対策基準', en: 'Test City standard' }, source: 'test' },
    classification: { name: { ja: '重要性分類', en: 'Classification' }, tagKeys: ['重要性分類'], levels: TEST_LEVELS },
    segments: {
      tagKeys: [],
      values: [
        { value: 'マイナンバー利用事務系', aliases: ['mynumber'], role: 'mynumber', label: { ja: 'マイナンバー利用事務系', en: 'My Number segment' } },
        { value: 'LGWAN接続系', aliases: ['lgwan'], role: 'lgwan', label: { ja: 'LGWAN接続系', en: 'LGWAN segment' } },
        { value: 'インターネット接続系', aliases: ['internet'], role: 'internet', label: { ja: 'インターネット接続系', en: 'Internet segment' } },
      ],
    },
    clauses: controls.map((c, i) => ({
      path: `T${i + 1}`,
      title: { ja: `テスト条項 ${c.id}`, en: `Test clause ${c.id}` },
      summary: { ja: 'テスト', en: 'test' },
      controls: [{ id: c.id, relation: 'requires', enforcement: 'mandatory', ...(c.classBased ? { from: 'Ⅱ' } : {}), ...options.mapping }],
    })),
    parameters: {},
    file: 'test-profile.yaml',
    levels: TEST_LEVELS,
    maxRank: 4,
    resolvedParameters,
    overrides: {},
  };
}

let counter = 0;
/** Build a normalized resource. Tags default to a classified store (Ⅱ) in the allowed region. */
export function makeResource(
  kind: string,
  props: Record<string, unknown>,
  options: { id?: string; tags?: Tags | Unknown; region?: string | Unknown | null; name?: string } = {},
): Resource {
  const id = options.id ?? `test.r${++counter}`;
  return {
    kind,
    id,
    name: options.name,
    region: options.region === null ? undefined : options.region ?? 'ap-northeast-1',
    tags: options.tags ?? { DataClassification: 'Ⅱ' },
    props,
    source: { adapter: 'test', address: id },
  };
}

export interface RunOptions {
  params?: Record<string, unknown>;
  asOf?: string;
  waivers?: Waiver[];
  mapping?: Partial<ControlMapping>;
}

export function runControls(controls: readonly Control[], resources: readonly Resource[], options: RunOptions = {}): ScanResult {
  const map = new Map(controls.map((c) => [c.id, c]));
  return evaluate({
    profile: testProfile(controls, options),
    controls: map,
    resources,
    asOf: options.asOf ?? '2026-04-01',
    waivers: options.waivers,
  });
}

/** The verdict one control gives one resource ('not-applicable' when it produced no finding). */
export function verdictOf(control: Control, subject: Resource, others: readonly Resource[] = [], options: RunOptions = {}): { verdict: Verdict | 'waived'; finding?: Finding } {
  const result = runControls([control], [subject, ...others], options);
  const finding = result.findings.find((f) => f.resource.address === subject.source.address && f.controlId === control.id);
  return finding ? { verdict: finding.verdict, finding } : { verdict: 'not-applicable' };
}

/** One row of a control's table of cases. */
export interface Case {
  name: string;
  /** pass | fail | omitted (attribute omitted) | unknown | not-applicable; each control has all five. */
  kind: 'pass' | 'fail' | 'omitted' | 'unknown' | 'not-applicable';
  /** The compliant baseline with one mutation. */
  subject: () => Resource;
  /** Sibling resources (stack-scope controls, lookups). */
  others?: () => Resource[];
  expect: Verdict;
  messageId?: string;
  path?: string;
  params?: Record<string, unknown>;
  asOf?: string;
  /** Expected enforcement when it differs from the mapping (an advisory finding of a mandatory clause). */
  enforcement?: 'mandatory' | 'advisory';
}

export function defineCases(cases: Case[]): Case[] {
  return cases;
}
