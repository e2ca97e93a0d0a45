/**
 * The committed documentation (packages/controls/docs, policies/docs) is exactly what the metadata
 * generates now: regenerated in memory and compared file by file. Plus what a reader relies on:
 * every control and profile has its pages, the CSV opens in Excel, the totals add up, and adapter
 * support is what the fixtures measure.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listProfileIds, readProfileDocument } from '@muniguard/core';
import { allControls, fixturesDir } from '@muniguard/controls';
import { CONTROL_DOCS, PROFILE_DOCS, ROOT, buildModel, generateDocs, staleDocs, totalsOf, type DocFile } from '../docs/generate';
import { measureAdapterCoverage } from '../docs/fixture-results';
import { FIXTURE_ADAPTERS } from '../fixture-adapters';

jest.setTimeout(120_000);

let files: DocFile[];
let model: Awaited<ReturnType<typeof buildModel>>;
const byPath = new Map<string, string>();

beforeAll(async () => {
  model = await buildModel();
  files = await generateDocs(model);
  for (const f of files) byPath.set(f.path, f.content);
});

it('the committed docs are what the metadata generates', () => {
  const problems = staleDocs(files, ROOT);
  if (problems.length) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new Error(`docs are stale: run \`npm run docs\` — ${problems[0]}${more}\n${problems.join('\n')}`);
  }
});

it('generation is deterministic', async () => {
  const again = await generateDocs(model);
  expect(again).toEqual(files);
});

it('every control has a page in Japanese and English, every profile a checklist, a matrix and a CSV', () => {
  const missing: string[] = [];
  for (const lang of ['ja', 'en']) {
    for (const c of allControls()) if (!byPath.has(`${CONTROL_DOCS}/${c.id}.${lang}.md`)) missing.push(`${c.id}.${lang}.md`);
    for (const id of listProfileIds()) {
      for (const f of [`${id}.${lang}.md`, `${id}.coverage.${lang}.md`]) if (!byPath.has(`${PROFILE_DOCS}/${f}`)) missing.push(f);
    }
  }
  for (const id of listProfileIds()) if (!byPath.has(`${PROFILE_DOCS}/${id}.coverage.csv`)) missing.push(`${id}.coverage.csv`);
  expect(missing).toEqual([]);
  // nothing from this machine leaks into the committed files
  for (const f of files) expect(f.content.includes(ROOT)).toBe(false);
});

it('each profile checklist lists every clause of the standard, with its controls, evidence or plan', () => {
  for (const id of listProfileIds()) {
    const { doc } = readProfileDocument(id);
    for (const lang of ['ja', 'en'] as const) {
      const text = byPath.get(`${PROFILE_DOCS}/${id}.${lang}.md`)!;
      for (const clause of doc.clauses) {
        const at = text.indexOf(`### \`${clause.path}\` `);
        expect({ id, lang, clause: clause.path, found: at >= 0 }).toEqual({ id, lang, clause: clause.path, found: true });
        const end = text.indexOf('\n### ', at + 1);
        const section = text.slice(at, end < 0 ? undefined : end);
        for (const m of clause.controls ?? []) expect(section).toContain(`[\`${m.id}\`](`);
        if (clause.manual) expect(section).toContain(lang === 'ja' ? '保存する証跡' : 'Evidence to keep');
      }
    }
  }
});

it('a default parameter reads as the project recommendation, never as the city requirement', () => {
  for (const id of listProfileIds()) {
    const { doc } = readProfileDocument(id);
    const en = byPath.get(`${PROFILE_DOCS}/${id}.en.md`)!;
    const ja = byPath.get(`${PROFILE_DOCS}/${id}.ja.md`)!;
    for (const [name, p] of Object.entries(doc.parameters)) {
      const line = (text: string) => text.split('\n').find((l) => l.startsWith(`| \`${name}\` |`)) ?? '';
      if (p.source === 'default') {
        expect(line(en)).toContain(`not a requirement of ${doc.municipality.en}'s standard`);
        expect(line(ja)).toContain(`${doc.municipality.ja}の基準が定める値ではありません`);
      } else if (p.source === 'required') {
        expect(line(en)).toContain('required');
      } else {
        expect(line(en)).toContain(`${id} ${p.clause}`);
      }
    }
  }
});

it('the coverage CSV opens in Excel: UTF-8 BOM, CRLF, one row per clause × control, totals that add up', () => {
  const totals = new Map(totalsOf(model).map((t) => [t.profile, t]));
  for (const id of listProfileIds()) {
    const csv = byPath.get(`${PROFILE_DOCS}/${id}.coverage.csv`)!;
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // CRLF only, and no line break inside a field
    const { doc } = readProfileDocument(id);
    const rows = csv.slice(1).split('\r\n').filter(Boolean);
    const expected = doc.clauses.reduce((n, c) => n + Math.max(1, c.controls?.length ?? 0), 0);
    expect(rows.length).toBe(expected + 1); // + header
    for (const a of model.coverage.adapters) expect(rows[0]).toContain(a);

    const t = totals.get(id)!;
    expect(t.clauses).toBe(doc.clauses.length);
    expect(t.enforced + t.manual + t.planned).toBe(t.clauses);
    expect(t.enforced).toBe(doc.clauses.filter((c) => c.controls?.length).length);
  }
});

describe('adapter support is measured from the fixtures, never declared', () => {
  // the first registered adapter and a control that has both a passing and a failing fixture for it
  const adapter = FIXTURE_ADAPTERS[0];
  const pick = allControls()
    .map((control) => {
      const dir = fixturesDir(control.id, adapter.name);
      const names = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
      return { control, dir, pass: names.find((n) => n.startsWith('pass--')), fail: names.find((n) => n.startsWith('fail--')) };
    })
    .find((x) => x.pass && x.fail)!;
  let tmp: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'muniguard-docs-'));
    const put = (variant: string, from: string, as: string) => {
      fs.mkdirSync(path.join(tmp, variant), { recursive: true });
      fs.copyFileSync(path.join(pick.dir, from), path.join(tmp, variant, as));
    };
    put('good', pick.pass!, pick.pass!);
    put('good', pick.fail!, pick.fail!);
    put('wrong', pick.pass!, pick.pass!);
    put('wrong', pick.fail!, pick.fail!.replace(/^fail--/, 'pass--wrongly-')); // a failing input claimed to pass
    put('passOnly', pick.pass!, pick.pass!);
    fs.mkdirSync(path.join(tmp, 'empty'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it.each([
    ['good', 'verified'],
    ['wrong', 'mismatch'],
    ['passOnly', 'incomplete'],
    ['empty', 'none'],
    ['absent', 'none'],
  ])('%s fixtures -> %s', async (variant, want) => {
    const coverage = await measureAdapterCoverage([pick.control], ROOT, { adapters: [adapter], dirOf: () => path.join(tmp, variant) });
    expect(coverage.support(pick.control.id, adapter.name)).toBe(want);
  });

  it('the generated matrix marks a control verified only where its fixtures measure so', () => {
    for (const c of allControls()) {
      for (const a of model.coverage.adapters) {
        const results = model.coverage.fixtures(c.id, a);
        const verified = model.coverage.support(c.id, a) === 'verified';
        const measured = results.every((r) => r.ok) && results.some((r) => r.expect === 'pass' && r.actual === 'pass') && results.some((r) => r.expect === 'fail' && r.actual === 'fail');
        expect({ control: c.id, adapter: a, verified }).toEqual({ control: c.id, adapter: a, verified: measured });
      }
    }
  });
});
