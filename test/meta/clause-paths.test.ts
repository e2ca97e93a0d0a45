/**
 * Every clause path a profile cites (clauses[].path, classification.clause, segments.clause,
 * parameters.*.clause) must name a real item of the profile's own source standard, the seed file
 * named by standard.source. The seeds live outside the repository (../shared/seeds, or
 * $MUNIGUARD_SEEDS); without them the seed-backed tests are skipped with a warning. The resolver
 * itself is also tested on a small made-up outline, which needs no seeds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'js-yaml';
import { STANDARD_RULES, citedPaths, loadOutline, parseOutline, resolveClausePath, seedsDir, tokenizePath } from './clause-paths';

const repoRoot = path.resolve(__dirname, '..', '..');
const policiesDir = path.join(repoRoot, 'policies');
const seeds = seedsDir(repoRoot);
const haveSeeds = fs.existsSync(seeds) && fs.statSync(seeds).isDirectory();

const profiles = fs
  .readdirSync(policiesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(policiesDir, d.name, 'profile.yaml')))
  .map((d) => {
    const file = path.join(policiesDir, d.name, 'profile.yaml');
    const doc = YAML.load(fs.readFileSync(file, 'utf8'));
    return { dir: d.name, id: String(doc?.id ?? d.name), source: doc?.standard?.source as string | undefined, doc };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

describe('clause-path resolver (made-up outline, no seeds needed)', () => {
  // An invented outline in the Osaka numbering style; the wording is placeholder text.
  const text = [
    'Title line',
    '1 First section',
    'Body text.',
    '(1) First part',
    '① First item',
    'ア First point',
    'イ Second point',
    '(ア) Sub-point',
    'a detail one',
    'b detail two',
    '・listed thing',
    '・another listed thing',
    'c detail three',
    'ウ Third point',
    '② Second item',
    'アクセス starts with katakana but is prose, not a marker',
    '(2) Second part',
    '① Only item',
    '2 Second section',
    '① Item without a (n) level',
    'エ Items may start late when earlier ones are withheld',
    'オ Next',
    '附 則',
    '1 Enacted on day one.',
    '附 則',
    'Amended, in force from 令和9年1月1日施行.',
    '(経過措置)',
    'A transitional rule.',
  ].join('\n');
  const rules = STANDARD_RULES.osaka;
  const outline = parseOutline(rules, text);
  const at = (p: string) => resolveClausePath(rules, outline, p);

  it.each([
    ['1', 2],
    ['1(1)', 4],
    ['1(1)①イ', 7],
    ['1(1)①イ(ア)b', 10],
    ['1(1)①イ(ア)b bullet 2', 12],
    ['1(1)①イ(ア)c', 13],
    ['1(1)①ウ', 14],
    ['1(1)②', 15],
    ['1(2)①', 18],
    ['2①', 20],
    ['2①オ', 22],
    ['附則(令和9年1月1日施行)(経過措置)', 27],
  ])('resolves %s to line %d', (p, line) => {
    expect(at(p)).toMatchObject({ ok: true, line });
  });

  it.each([
    ['3'], // no such section
    ['1(3)'], // no such part
    ['1(1)③'], // no such item
    ['1(1)②ア'], // ② has no points
    ['1①'], // skips the (n) level the text has
    ['2(1)①'], // adds a (n) level the text does not have
    ['1(1)①ア(ア)'], // (ア) belongs to イ, not ア
    ['1(1)①イ(ア)b bullet 3'], // b has two bullets
    ['1(1)①イ(ア)d'],
    ['2①ア'], // withheld ア/イ/ウ are not there
    ['附則(令和8年1月1日施行)(経過措置)'],
    ['1(1)①イ(ア)(b)'], // not the convention
    ['1.1'], // not tokenizable under this numbering
  ])('does not resolve %s', (p) => {
    expect(at(p).ok).toBe(false);
  });

  it('collects every cited path of a profile', () => {
    const profile = {
      classification: { clause: '7①' },
      segments: { clause: '2' },
      clauses: [{ path: '6(4)⑤' }, { path: '7⑪エ' }],
      parameters: { logRetentionDays: { source: 'default', value: 365 }, region: { source: 'standard', value: 'x', clause: '12(2)②' } },
    };
    expect(citedPaths(profile).map((c) => `${c.where}=${c.path}`)).toEqual([
      'classification.clause=7①',
      'segments.clause=2',
      'clauses[0].path=6(4)⑤',
      'clauses[1].path=7⑪エ',
      'parameters.region.clause=12(2)②',
    ]);
  });

  it('tokenizes per the standard convention', () => {
    expect(tokenizePath(STANDARD_RULES.osaka, '11(3)②ア(エ)c').map((t) => t.text)).toEqual(['11', '(3)', '②', 'ア', '(エ)', 'c']);
    expect(tokenizePath(STANDARD_RULES.sendai, '(7)3.(6)•2').map((t) => t.text)).toEqual(['(7)', '3.', '(6)', '•2']);
    expect(tokenizePath(STANDARD_RULES.sendai, '(3)4.(1.)•11').map((t) => t.text)).toEqual(['(3)', '4.', '(1.)', '•11']);
    expect(tokenizePath(STANDARD_RULES.kishiwada, '3(1) 表５ note 2').map((t) => t.text)).toEqual(['3', '(1)', '表5', 'note 2']);
    expect(tokenizePath(STANDARD_RULES.kishiwada, '7(1)⑥ bullet 2').map((t) => t.text)).toEqual(['7', '(1)', '⑥', 'bullet 2']);
    expect(tokenizePath(STANDARD_RULES.kitakyushu, '5.2(11)②').map((t) => t.text)).toEqual(['5', '.2', '(11)', '②']);
    expect(tokenizePath(STANDARD_RULES.kitakyushu, '2(2)⑤(ア)').map((t) => t.text)).toEqual(['2', '(2)', '⑤', '(ア)']);
    expect(tokenizePath(STANDARD_RULES.nara, '6(3)①').map((t) => t.text)).toEqual(['6', '(3)', '①']);
  });
});

if (!haveSeeds) {
  // eslint-disable-next-line no-console
  console.warn(
    `clause-paths: the source standards were not found at ${seeds}; the seed-backed clause-path checks are skipped. ` +
      'Put the seed files (000_…txt–004_…txt) in ../shared/seeds next to the repository, or set MUNIGUARD_SEEDS to their directory.',
  );
}
const seedDescribe = haveSeeds ? describe : describe.skip;

seedDescribe(`clause paths resolve in the profile's own source standard (${seeds})`, () => {
  it('there are profiles to check', () => {
    expect(profiles.length).toBeGreaterThan(0);
  });

  describe.each(profiles.map((p) => [p.id, p] as const))('%s', (id, p) => {
    const rules = STANDARD_RULES[id];

    it('has numbering rules and a source seed that exists', () => {
      expect({ id, rules: rules ? 'defined' : 'missing: add an entry to STANDARD_RULES in test/meta/clause-paths.ts' }).toEqual({ id, rules: 'defined' });
      expect(p.source).toBeTruthy();
      expect({ source: p.source, exists: fs.existsSync(path.join(seeds, p.source!)) }).toEqual({ source: p.source, exists: true });
    });

    it('every cited clause path resolves', () => {
      if (!rules || !p.source || !fs.existsSync(path.join(seeds, p.source))) return; // reported above
      const outline = loadOutline(rules, path.join(seeds, p.source));
      const cited = citedPaths(p.doc);
      expect(cited.length).toBeGreaterThan(0);
      const unresolved = cited
        .map((c) => ({ c, r: resolveClausePath(rules, outline, c.path) }))
        .filter((x) => !x.r.ok)
        .map((x) => `${x.c.where} '${x.c.path}': ${x.r.ok ? '' : x.r.reason}`);
      expect(unresolved).toEqual([]);
    });
  });

  describe('made-up paths do not resolve', () => {
    const cases: [string, string][] = [
      ['osaka', '7⑳ア'],
      ['osaka', '99(1)①'],
      ['osaka', '7(1)①'], // section 7 has no (n) level
      ['osaka', '8(5)①'], // 8(5) goes straight to ア
      ['osaka', '11(3)②(エ)c'], // skips ア
      ['osaka', '11(3)②ア(エ)z'],
      ['osaka', '10(1)⑳'],
      ['osaka', '附則(平成28年3月15日施行)(経過措置)'],
      ['kishiwada', '5(7)⑨'],
      ['kishiwada', '3(1) 表４ note 1'], // 表４ is in 2(1)
      ['kishiwada', '3(1) 表５ note 5'],
      ['kishiwada', '9 bullet 10'],
      ['kishiwada', '12(1)'],
      ['kitakyushu', '5.8(1)'],
      ['kitakyushu', '4.3(1)①'], // 4.3 has no (1) level
      ['kitakyushu', '5.2(18)'],
      ['kitakyushu', '2(2)⑩'],
      ['sendai', '(11)1.'],
      ['sendai', '(7)2.(10)'],
      ['sendai', '(3)4.(1.)•12'],
      ['sendai', '(3)4.(1)•1'], // section (3) writes its sub-items as (1.)
      ['sendai', '(7)2.(2)•1ア'], // ア/イ follow the second bullet
      ['nara', '6(9)'],
      ['nara', '6(3)④'],
      ['nara', '11'],
    ];
    it.each(cases)('%s %s', (id, p) => {
      const profile = profiles.find((x) => x.id === id);
      const rules = STANDARD_RULES[id];
      const source = profile?.source ?? '';
      if (!profile || !fs.existsSync(path.join(seeds, source))) return; // the profile or its seed is checked above
      expect(resolveClausePath(rules, loadOutline(rules, path.join(seeds, source)), p).ok).toBe(false);
    });
  });
});
