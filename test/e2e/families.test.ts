/**
 * For each profile: one Terraform configuration that plants one violation per family is flagged
 * per family, citing the expected clauses of that city's standard, and its compliant twin is
 * not flagged at all. The same for `terraform show -json` of a real plan (the machine's terraform
 * with a local provider mirror; skipped, saying why, where there is none).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScan } from '@muniguard/cli';
import { exitCodeFor, type Finding } from '@muniguard/core';
import { AS_OF, FAMILIES_PLANTED, PROFILE_SETTINGS, VIOLATION_ADDRESS, scenario } from './scenario';
import { initWorkspace, terraformEnv } from './terraform-cli';

/** The classification value each city writes for its most sensitive class, and the params a city must supply. */
const PROFILES: Record<string, { classification: string; params?: string }> = PROFILE_SETTINGS;

type Family = (typeof FAMILIES_PLANTED)[number];
/** The clause paths each planted violation must cite (read from each standard; see the profiles). */
const EXPECTED: Record<string, Record<Family, string[]>> = {
  osaka: {
    classification: ['7①', '7③', '7④イ'],
    encryption: ['7③', '7⑩ア', '12(1)①エ'],
    backup: ['10(1)①エ', '10(1)①ア'],
    logging: ['10(1)④ア', '10(1)④イ', '11(1)⑦イ'],
    mfa: ['10(2)①イ', '10(2)④キ'],
    region: ['12(1)①エ', '12(2)②'],
    'contract-end': ['7⑪エ'],
  },
  kishiwada: {
    classification: ['2(1)', '2(3)', '9'],
    encryption: ['3(1) 表５ note 2'],
    backup: ['7(2)③'],
    logging: ['5(10)②', '5(10)④', '7(2)⑥'],
    mfa: ['6(1)②(ア)'],
    region: ['9 bullet 4'],
    'contract-end': ['9 bullet 9'],
  },
  kitakyushu: {
    classification: ['2(1)', '2(2)②(イ)'],
    encryption: ['2(2)⑤(ア)', '5.4(5)②'],
    backup: ['5.2(3)'],
    logging: ['5.2(4)①', '5.2(4)②'],
    mfa: ['4.4③'],
    region: ['4.1(5)', '7.1(2)⑨'],
    'contract-end': ['4.1(6)', '7.1(2)⑫'],
  },
  sendai: {
    classification: ['(3)1.'],
    encryption: ['(7)3.(6)•2'],
    backup: ['(3)4.(3.)•1'],
    logging: ['(7)1.(4)•1', '(7)1.(4)•2'],
    mfa: ['(7)2.(2)•2ア'],
    region: ['(3)4.(9.)'],
    'contract-end': ['(7)3.(6)•3'],
  },
  nara: {
    classification: ['6(2)'],
    encryption: ['6(2)'],
    backup: ['6(6)'],
    logging: ['6(7)'],
    mfa: ['6(3)①'],
    region: ['6(8)'],
    'contract-end': ['6(8)'],
  },
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-families-'));

function scan(profile: string, file: string) {
  return runScan({ paths: [file], profile, params: PROFILES[profile].params, asOf: AS_OF });
}

const failing = (f: Finding) => f.verdict === 'fail' || f.verdict === 'error';

function assertViolations(profile: string, findings: Finding[], prefix = '') {
  for (const family of FAMILIES_PLANTED) {
    const address = prefix + VIOLATION_ADDRESS[family];
    const hits = findings.filter((f) => f.resource.address === address && f.family === family && failing(f));
    expect({ family, flagged: hits.length > 0 }).toEqual({ family, flagged: true });
    const cited = new Set(hits.flatMap((f) => f.clauses.map((c) => c.path)));
    for (const p of EXPECTED[profile][family]) expect({ family, cites: p, found: cited.has(p) }).toEqual({ family, cites: p, found: true });
  }
  // nothing but the planted resources fails: every other resource is the compliant twin
  const planted = new Set([...Object.values(VIOLATION_ADDRESS), 'aws_kms_key.us'].map((a) => prefix + a));
  const stray = findings.filter((f) => failing(f) && !planted.has(f.resource.address)).map((f) => `${f.controlId} ${f.resource.address}`);
  expect(stray).toEqual([]);
}

describe.each(Object.keys(PROFILES))('profile %s, Terraform JSON configuration', (profile) => {
  const write = (name: string, violations: boolean) => {
    const file = path.join(tmp, `${profile}-${name}.tf.json`);
    fs.writeFileSync(file, JSON.stringify(scenario({ classification: PROFILES[profile].classification, violations })));
    return file;
  };

  it('the compliant twin has no failing, erroring or unknown finding', () => {
    const result = scan(profile, write('compliant', false));
    const bad = result.findings.filter((f) => f.verdict !== 'pass').map((f) => `${f.verdict} ${f.controlId} ${f.resource.address}`);
    expect(bad).toEqual([]);
    expect(exitCodeFor(result, 'unknown')).toBe(0);
    expect(result.summary.pass).toBeGreaterThan(40);
  });

  it('each planted violation is flagged in its family with the clauses of the standard', () => {
    const result = scan(profile, write('noncompliant', true));
    assertViolations(profile, result.findings);
    expect(exitCodeFor(result, 'fail')).toBe(1);
  });
});

const tf = terraformEnv();
const describePlan = typeof tf === 'string' ? describe.skip : describe;
if (typeof tf === 'string') console.warn(`skipping the terraform plan tests: ${tf}`);

describePlan('terraform show -json of a real plan', () => {
  let ws: ReturnType<typeof initWorkspace>;
  beforeAll(() => {
    if (typeof tf === 'string') return;
    ws = initWorkspace(tf, scenario({ classification: 'placeholder', violations: true, forPlan: true }));
  }, 300_000);
  afterAll(() => ws?.cleanup());

  it.each(Object.keys(PROFILES))('%s: the plan flags each family and nothing else', (profile) => {
    const file = ws.plan({ classification: PROFILES[profile].classification }, profile);
    const result = scan(profile, file);
    assertViolations(profile, result.findings);
    // the plan links split resources through configuration references: the bucket is encrypted with the stack's key
    const kms = result.findings.find((f) => f.controlId === 's3-bucket-kms-cmk' && f.resource.address === 'aws_s3_bucket.data');
    expect(kms?.verdict).toBe('pass');
  }, 300_000);
});
