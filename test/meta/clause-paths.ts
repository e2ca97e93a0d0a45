/**
 * Clause-path resolver for the meta tests: checks that a clause path cited by a profile (e.g. Osaka
 * `11(3)②ア(エ)c`, Sendai `(7)3.(6)•2`, Kishiwada `3(1) 表５ note 2`) names a real item of the
 * profile's own source standard (shared/seeds/<file>).
 *
 * One generic algorithm, per-standard rules as data:
 *
 *  1. The seed text is read into an outline tree. Every line that starts with an item marker of
 *     one of the standard's marker forms (`1 `, `(1)`, `①`, `ア `, `(ア)`, `a `, `・`, `表５`, …)
 *     becomes a node. A stack parser places it: a numbered marker becomes the next sibling of the
 *     deepest open node of the same form whose number is one less (or, for a gap left by a withheld
 *     item, the deepest open node of that form with a smaller number); otherwise it opens a new
 *     level under the current node. Unnumbered markers (bullets, notes) are numbered by position
 *     among their siblings. So a node's scope runs from its line to its next sibling or the end of
 *     its parent, even where the same marker shape is used at two depths (Sendai `(7)` vs `(7)2.(7)`).
 *  2. The path is tokenized with the standard's path grammar (an ordered list of token rules, each
 *     naming the marker form it stands for).
 *  3. Each token must match a DIRECT child of the node matched by the previous token (starting at
 *     the document root). A path that skips a level the text has, or adds one it does not have, or
 *     names an item that is not there, does not resolve.
 *
 * Known misprints of a marker in a source are repaired by a narrow, documented `errata` entry in
 * that standard's rules (currently one, Sendai `6)` for `(6)`), never by loosening the forms.
 *
 * The standards' text is never copied into the repository; this module reads it at test time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

// ───────────────────────────── ordinals

const CIRCLED = [
  ...Array.from({ length: 20 }, (_, i) => String.fromCodePoint(0x2460 + i)), // ①–⑳
  ...Array.from({ length: 15 }, (_, i) => String.fromCodePoint(0x3251 + i)), // ㉑–㉟
  ...Array.from({ length: 15 }, (_, i) => String.fromCodePoint(0x32b1 + i)), // ㊱–㊿
];
/** Katakana item labels in 五十音 order, as Japanese ordinances use them. */
const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン';
const KATA_CLASS = `[${KATAKANA}]`;
const CIRCLED_CLASS = `[${CIRCLED.join('')}]`;

const ordinal = {
  number: (s: string) => Number.parseInt(s, 10),
  circled: (s: string) => CIRCLED.indexOf(s) + 1,
  katakana: (s: string) => KATAKANA.indexOf(s) + 1,
  latin: (s: string) => s.charCodeAt(0) - 0x60,
};

// ───────────────────────────── normalisation

/** Full-width ASCII (Ａ１（）．＊…) and the ideographic space to ASCII; nothing else (①, ア stay). */
export function narrow(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

// ───────────────────────────── marker forms (line side)

/**
 * A marker form: how an item marker of one kind looks at the start of a (normalised, trimmed) line.
 * `ord` turns the captured label into a sibling number; forms without `ord` are numbered by position.
 */
export interface MarkerForm {
  re: RegExp;
  ord?: (label: string) => number;
  /** a node of this form always goes directly under the document root */
  attach?: 'root';
  /**
   * an inserted item that continues another form's numbering (Sendai `(1.)-2` sits between `(1.)`
   * and `(2.)`): it is placed beside the item it extends, and the next item follows on from it
   */
  continues?: { form: string; ord: (label: string) => number };
}

/** The marker forms the five standards use. Each standard picks the ones its text has. */
export const FORMS: Record<string, MarkerForm> = {
  /** `1 目的`: section number and a space (Osaka, Kitakyushu, Nara) */
  'num-space': { re: /^(\d+)[ \t]+(?=\S)/, ord: ordinal.number },
  /** `１．組織及び体制` / `1.最高…`: number and a full stop (Kishiwada sections, Sendai items) */
  'num-dot': { re: /^(\d+)\.(?!\d)/, ord: ordinal.number },
  /** `3. 1 職員等…`: Kitakyushu's x.y subsections; the label is y, x is the parent section */
  'sub-num': { re: /^\d+\.\s?(\d+)\s/, ord: ordinal.number },
  /** `(1)` / `（１）` */
  'paren-num': { re: /^\((\d+)\)/, ord: ordinal.number },
  /** `(1.)`: Sendai's sub-items in section (3) and (4) */
  'paren-num-dot': { re: /^\((\d+)\.\)(?!-)/, ord: ordinal.number },
  /** `(1.)-2`: Sendai's inserted special rules, siblings of `(1.)` */
  'paren-num-dot-sub': { re: /^\((\d+\.\)-\d+)/, continues: { form: 'paren-num-dot', ord: ordinal.number } },
  /** `①` */
  circled: { re: new RegExp(`^(${CIRCLED_CLASS})`), ord: ordinal.circled },
  /** `ア 管理責任`: a lone katakana followed by a space (a word such as アクセス is not a marker) */
  katakana: { re: new RegExp(`^(${KATA_CLASS})[ \\t]`), ord: ordinal.katakana },
  /** `(ア)` / `（ア）` */
  'paren-katakana': { re: new RegExp(`^\\((${KATA_CLASS})\\)`), ord: ordinal.katakana },
  /** `a 端末機管理者は…` */
  latin: { re: /^([a-z])[ \t]/, ord: ordinal.latin },
  /** `・` (Osaka, Kishiwada) */
  'bullet-nakaguro': { re: /^・/ },
  /** `•` (Sendai) */
  'bullet-dot': { re: /^•/ },
  /** `表５ セキュリティ区画` */
  table: { re: /^表(\d+)\s/, ord: ordinal.number },
  /** `＊ …`: the notes under a table (Kishiwada) */
  note: { re: /^\*\s/ },
  /** `附 則`: one block per enactment or amendment (Osaka) */
  supplementary: { re: /^附\s*則$/, attach: 'root' },
  /** `(経過措置)`: a caption line in parentheses (Osaka 附則) */
  caption: { re: /^\(([^()]+)\)$/ },
};

// ───────────────────────────── path grammar (path side)

/** One path token: the marker form it names, and how it is told apart from its siblings. */
export interface Token {
  form: string;
  text: string;
  /** sibling number (numbered forms and counted forms such as bullets) */
  ord?: number;
  /** exact label (captions, `(1.)-2`) */
  label?: string;
  /** strings the node's own text must contain (e.g. the date of an amendment's 附則) */
  where?: string[];
}

export interface TokenRule {
  /** matched at the current position of the (narrowed) path; must not use the g or y flags */
  re: RegExp;
  form: string;
  toToken: (m: RegExpExecArray) => Omit<Token, 'form' | 'text'>;
}

const num = (i = 1) => (m: RegExpExecArray) => ({ ord: Number.parseInt(m[i], 10) });
const circ = (m: RegExpExecArray) => ({ ord: ordinal.circled(m[1]) });
const kata = (m: RegExpExecArray) => ({ ord: ordinal.katakana(m[1]) });

/** Path token rules shared by several standards. */
const T = {
  num: (form: string): TokenRule => ({ re: /^(\d+)/, form, toToken: num() }),
  parenNum: { re: /^\((\d+)\)/, form: 'paren-num', toToken: num() } as TokenRule,
  circled: { re: new RegExp(`^(${CIRCLED_CLASS})`), form: 'circled', toToken: circ } as TokenRule,
  katakana: { re: new RegExp(`^(${KATA_CLASS})`), form: 'katakana', toToken: kata } as TokenRule,
  parenKatakana: { re: new RegExp(`^\\((${KATA_CLASS})\\)`), form: 'paren-katakana', toToken: kata } as TokenRule,
  /** ` bullet 2` (the catalogs' spelling) or `・2` */
  bullet: (form: string): TokenRule => ({ re: /^(?:\s*bullet\s*|・)(\d+)/, form, toToken: num() }),
};

/** The numbering convention of one standard: which marker forms its text uses and how paths are written. */
export interface StandardRules {
  /** the municipality, for messages */
  name: string;
  /** the catalog section that states the convention */
  convention: string;
  /** marker forms recognised in the text (only these become outline nodes) */
  forms: string[];
  /** path tokens, tried in order at each position */
  tokens: TokenRule[];
  /** known misprints of item markers in the source, repaired before parsing (documented, narrow) */
  errata?: { re: RegExp; to: string; why: string }[];
}

/** Per-standard rules, keyed by profile id. */
export const STANDARD_RULES: Record<string, StandardRules> = {
  osaka: {
    name: 'Osaka (大阪市情報セキュリティ対策基準)',
    convention: 'catalogs/000-osaka.md §1.3: N → (n) → ① → ア → (ア) → a; section 7 has no (n); 8(3)–8(5) go straight to ア; bullets as "bullet"',
    forms: ['num-space', 'paren-num', 'circled', 'katakana', 'paren-katakana', 'latin', 'bullet-nakaguro', 'supplementary', 'caption'],
    tokens: [
      // 附則(平成28年3月14日施行)(経過措置): the 附則 block of that amendment, then its caption
      {
        re: /^附則(?:\(([^()]*?)(施行)?\))?/,
        form: 'supplementary',
        toToken: (m) => (m[1] ? { where: [m[1], ...(m[2] ? [m[2]] : [])] } : { ord: 1 }),
      },
      T.num('num-space'),
      T.parenNum,
      T.circled,
      T.parenKatakana,
      T.katakana,
      { re: /^([a-z])/, form: 'latin', toToken: (m) => ({ ord: ordinal.latin(m[1]) }) },
      T.bullet('bullet-nakaguro'),
      { re: /^\(([^()]+)\)/, form: 'caption', toToken: (m) => ({ label: m[1] }) },
    ],
  },
  kishiwada: {
    name: 'Kishiwada (岸和田市 第２章 情報セキュリティ対策基準)',
    convention: 'catalogs/001-kishiwada.md (header): §5(7)⑥ = 「５．」→「（７）」→「⑥」; 表N and its ＊ notes; ・ bullets',
    forms: ['num-dot', 'paren-num', 'circled', 'paren-katakana', 'bullet-nakaguro', 'table', 'note'],
    tokens: [
      T.num('num-dot'),
      T.parenNum,
      T.circled,
      T.parenKatakana,
      { re: /^\s*表(\d+)/, form: 'table', toToken: num() },
      { re: /^\s*note\s*(\d+)/, form: 'note', toToken: num() },
      T.bullet('bullet-nakaguro'),
    ],
  },
  kitakyushu: {
    name: 'Kitakyushu (北九州市情報セキュリティ対策基準)',
    convention: 'catalogs/002-kitakyushu.md §0: chapter or x.y subsection → (1) → ① → (ア); chapters 1–2 have no x.y; 4.3–4.5, 7.3, 8.1 skip (1)',
    forms: ['num-space', 'sub-num', 'paren-num', 'circled', 'paren-katakana'],
    tokens: [
      T.num('num-space'),
      { re: /^\.(\d+)/, form: 'sub-num', toToken: num() },
      T.parenNum,
      T.circled,
      T.parenKatakana,
    ],
  },
  sendai: {
    name: 'Sendai (仙台市 第2章 情報セキュリティ対策基準)',
    convention: 'catalogs/003-sendai.md §0: (n) → n. → (n.) or (n) → ア; •n = the n-th bullet of the item',
    forms: ['paren-num', 'num-dot', 'paren-num-dot', 'paren-num-dot-sub', 'bullet-dot', 'katakana'],
    tokens: [
      { re: /^\((\d+\.\)-\d+)/, form: 'paren-num-dot-sub', toToken: (m) => ({ label: m[1] }) },
      { re: /^\((\d+)\.\)/, form: 'paren-num-dot', toToken: num() },
      T.parenNum,
      { re: /^(\d+)\./, form: 'num-dot', toToken: num() },
      { re: /^•(\d+)/, form: 'bullet-dot', toToken: num() },
      T.katakana,
    ],
    errata: [
      {
        re: /^(\d+)\)/,
        to: '($1)',
        why: 'the source prints the heading of (7)2.(6) as "6)…" without its opening parenthesis (seed 003, line 503); catalog 003 §0 cites it as (7)2.(6)',
      },
    ],
  },
  nara: {
    name: 'Nara (奈良市情報セキュリティ基本方針)',
    convention: 'catalogs/004-nara.md (header): §6(3)② = 「6」→「(3)」→「②」',
    forms: ['num-space', 'paren-num', 'circled'],
    tokens: [T.num('num-space'), T.parenNum, T.circled],
  },
};

// ───────────────────────────── outline tree

export interface OutlineNode {
  form: string;
  /** 1-based line number in the seed file (0 for the root) */
  line: number;
  ord?: number;
  label?: string;
  /** the numbering this node takes part in (its own form and number, or the ones it continues) */
  seq?: { form: string; ord: number };
  /** the node's own text: its line up to the next node's line */
  text: string;
  children: OutlineNode[];
  parent?: OutlineNode;
}

/** Lines that are never item markers: blank lines and table-of-contents entries (dot leaders or a tab before a page number). */
const NOT_A_MARKER = [/^\s*$/, /(?:\.{3,}|\t)\s*\d+\s*$/];
/** Markdown list artefacts some seeds carry ("- (3)", " - (ア)"). */
const LIST_PREFIX = /^(?:-\s+)+/;

export function parseOutline(rules: StandardRules, text: string): OutlineNode {
  const root: OutlineNode = { form: 'root', line: 0, text: '', children: [] };
  const forms = rules.forms.map((name) => {
    const form = FORMS[name];
    if (!form) throw new Error(`${rules.name}: unknown marker form ${name}`);
    return { name, ...form };
  });
  const stack: OutlineNode[] = [root];
  const ordered: OutlineNode[] = [];
  const lines = text.split(/\r?\n/);

  const popTo = (node: OutlineNode) => {
    const i = stack.lastIndexOf(node);
    stack.length = i + 1;
  };
  const deepest = (pred: (n: OutlineNode) => boolean) => {
    for (let i = stack.length - 1; i > 0; i--) if (pred(stack[i])) return stack[i];
    return undefined;
  };

  lines.forEach((raw, i) => {
    if (NOT_A_MARKER.some((re) => re.test(raw))) return;
    let line = narrow(raw).trim().replace(LIST_PREFIX, '');
    for (const fix of rules.errata ?? []) line = line.replace(fix.re, fix.to);
    for (const form of forms) {
      const m = form.re.exec(line);
      if (!m) continue;
      const node: OutlineNode = { form: form.name, line: i + 1, text: '', children: [] };
      if (form.ord) node.ord = form.ord(m[1]);
      else if (m[1] !== undefined) node.label = m[1];

      if (node.ord !== undefined) node.seq = { form: form.name, ord: node.ord };
      if (form.continues) node.seq = { form: form.continues.form, ord: form.continues.ord(m[1]) };
      const inSeq = (f: string, test: (k: number) => boolean) => (n: OutlineNode) => n.seq?.form === f && test(n.seq.ord);

      let parent: OutlineNode;
      let sib: OutlineNode | undefined;
      if (form.attach === 'root') {
        parent = root;
      } else if (form.continues) {
        // beside the item it extends
        const k = node.seq!.ord;
        sib = deepest(inSeq(node.seq!.form, (o) => o === k)) ?? deepest(inSeq(node.seq!.form, (o) => o <= k));
        parent = sib ? sib.parent! : stack[stack.length - 1];
      } else if (node.seq) {
        // next sibling of the same numbering: exactly one less, else (a withheld or missing item) any smaller number
        const k = node.seq.ord;
        sib = deepest(inSeq(node.seq.form, (o) => o === k - 1)) ?? deepest(inSeq(node.seq.form, (o) => o < k));
        parent = sib ? sib.parent! : stack[stack.length - 1];
      } else {
        // unnumbered (bullets, notes, captions): beside the deepest open node of the same form
        sib = deepest((n) => n.form === form.name);
        parent = sib ? sib.parent! : stack[stack.length - 1];
      }
      popTo(parent);
      if (!form.ord) node.ord = parent.children.filter((c) => c.form === form.name).length + 1;
      node.parent = parent;
      parent.children.push(node);
      stack.push(node);
      ordered.push(node);
      return;
    }
  });

  // each node's own text: from its line to the line before the next node
  ordered.forEach((node, j) => {
    const end = j + 1 < ordered.length ? ordered[j + 1].line - 1 : lines.length;
    node.text = narrow(lines.slice(node.line - 1, end).join('\n'));
  });
  return root;
}

// ───────────────────────────── tokenizing and resolving

export function tokenizePath(rules: StandardRules, clausePath: string): Token[] {
  const p = narrow(clausePath).trim();
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < p.length) {
    const rest = p.slice(pos);
    let matched = false;
    for (const rule of rules.tokens) {
      const m = rule.re.exec(rest);
      if (!m || m[0].length === 0) continue;
      tokens.push({ form: rule.form, text: m[0].trim(), ...rule.toToken(m) });
      pos += m[0].length;
      matched = true;
      break;
    }
    if (!matched) throw new Error(`cannot tokenize "${clausePath}" at "${rest}" under the ${rules.name} numbering`);
  }
  if (!tokens.length) throw new Error('empty clause path');
  return tokens;
}

function matches(node: OutlineNode, t: Token): boolean {
  if (node.form !== t.form) return false;
  if (t.label !== undefined) return node.label === t.label;
  if (t.where) return t.where.every((s) => node.text.includes(s));
  return node.ord === t.ord;
}

export type Resolution =
  | { ok: true; line: number; lines: number[] }
  | { ok: false; reason: string; resolvedPrefix: string; atLine?: number };

/** Resolve a clause path against a parsed outline: each token must be a direct child of the previous one. */
export function resolveClausePath(rules: StandardRules, outline: OutlineNode, clausePath: string): Resolution {
  let tokens: Token[];
  try {
    tokens = tokenizePath(rules, clausePath);
  } catch (e) {
    return { ok: false, reason: (e as Error).message, resolvedPrefix: '' };
  }
  let node = outline;
  const lines: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = node.children.find((c) => matches(c, t));
    if (!next) {
      const prefix = tokens.slice(0, i).map((x) => x.text).join('');
      const have = node.children.map((c) => describe(c)).join(' ');
      return {
        ok: false,
        reason: `"${t.text}" (${t.form}) is not an item ${i ? `of "${prefix}" (line ${node.line})` : 'at the top level'}; its items are: ${have || '(none)'}`,
        resolvedPrefix: prefix,
        atLine: node.line || undefined,
      };
    }
    node = next;
    lines.push(node.line);
  }
  return { ok: true, line: node.line, lines };
}

function describe(n: OutlineNode): string {
  switch (n.form) {
    case 'circled': return CIRCLED[n.ord! - 1];
    case 'katakana': return KATAKANA[n.ord! - 1];
    case 'paren-katakana': return `(${KATAKANA[n.ord! - 1]})`;
    case 'latin': return String.fromCharCode(0x60 + n.ord!);
    case 'paren-num': return `(${n.ord})`;
    case 'paren-num-dot': return `(${n.ord}.)`;
    case 'paren-num-dot-sub': return `(${n.label}`;
    case 'num-dot': return `${n.ord}.`;
    case 'sub-num': return `.${n.ord}`;
    case 'table': return `表${n.ord}`;
    case 'caption': return `(${n.label})`;
    case 'num-space': return `${n.ord}`;
    case 'bullet-dot': return `•${n.ord}`;
    case 'bullet-nakaguro': return `bullet ${n.ord}`;
    case 'note': return `note ${n.ord}`;
    case 'supplementary': return `附則#${n.ord}`;
    default: return `${n.form}#${n.ord}`;
  }
}

// ───────────────────────────── profiles

export interface CitedPath {
  where: string;
  path: string;
}

/** Every clause path a profile cites: clauses[].path, classification.clause, segments.clause, parameters.*.clause. */
export function citedPaths(profile: any): CitedPath[] {
  const out: CitedPath[] = [];
  if (profile?.classification?.clause) out.push({ where: 'classification.clause', path: String(profile.classification.clause) });
  if (profile?.segments?.clause) out.push({ where: 'segments.clause', path: String(profile.segments.clause) });
  (profile?.clauses ?? []).forEach((c: any, i: number) => out.push({ where: `clauses[${i}].path`, path: String(c.path) }));
  for (const [k, v] of Object.entries<any>(profile?.parameters ?? {})) {
    if (v && v.clause !== undefined) out.push({ where: `parameters.${k}.clause`, path: String(v.clause) });
  }
  return out;
}

/** The seeds directory: $MUNIGUARD_SEEDS, else ../shared/seeds next to the repository. */
export function seedsDir(repoRoot: string): string {
  return process.env.MUNIGUARD_SEEDS ? path.resolve(process.env.MUNIGUARD_SEEDS) : path.resolve(repoRoot, '..', 'shared', 'seeds');
}

const outlineCache = new Map<string, OutlineNode>();
export function loadOutline(rules: StandardRules, seedFile: string): OutlineNode {
  const key = `${rules.name}\0${seedFile}`;
  let tree = outlineCache.get(key);
  if (!tree) {
    tree = parseOutline(rules, fs.readFileSync(seedFile, 'utf8'));
    outlineCache.set(key, tree);
  }
  return tree;
}
