import { FAMILY_LABELS, listProfileIds, readProfileDocument, type Clause, type Control, type Lang } from '@muniguard/core';

interface ExplainOptions {
  lang: Lang;
  profile?: string;
  controls: ReadonlyMap<string, Control>;
}

const L = {
  ja: { family: '分野', kinds: '対象', severity: '重大度', scope: '範囲', params: 'パラメータ', remediation: '是正方法', clauses: '根拠条項', controls: 'コントロール', manual: '手動確認（保管する証跡）', planned: '未実装（予定）', none: '（どのプロファイルにも対応付けなし）', from: '適用', default: '既定値' },
  en: { family: 'family', kinds: 'kinds', severity: 'severity', scope: 'scope', params: 'parameters', remediation: 'remediation', clauses: 'clauses', controls: 'controls', manual: 'manual check (evidence to keep)', planned: 'not covered yet (planned)', none: '(not mapped by any profile)', from: 'from', default: 'default' },
};

/** `muniguard explain <control|clause>`: what a control checks and which clauses it serves, or what a clause asks. */
export function explain(query: string, options: ExplainOptions): string | undefined {
  const { lang, controls } = options;
  const t = L[lang];
  const profiles = (options.profile ? [options.profile] : listProfileIds()).map((id) => readProfileDocument(id).doc);
  const control = controls.get(query);
  if (control) {
    const out = [
      `${control.id} — ${control.title[lang]}`,
      `${t.family}: ${control.family} (${FAMILY_LABELS[control.family][lang]})   ${t.severity}: ${control.severity}   ${t.scope}: ${control.scope}`,
      `${t.kinds}: ${control.kinds.join(', ')}`,
      '',
      control.summary[lang],
      '',
      `${t.remediation}: ${control.remediation[lang]}`,
    ];
    const params = Object.entries(control.params ?? {});
    if (params.length) {
      out.push('', `${t.params}:`);
      for (const [name, spec] of params) out.push(`  ${name} (${t.default} ${JSON.stringify(spec.default)}): ${spec.description[lang]}`);
    }
    out.push('', `${t.clauses}:`);
    let any = false;
    for (const p of profiles) {
      for (const c of p.clauses) {
        for (const m of c.controls ?? []) {
          if (m.id !== control.id) continue;
          any = true;
          out.push(`  ${p.id} ${c.path} ${c.title[lang]} [${m.relation}, ${m.enforcement}${m.from ? `, ${t.from} ${m.from}` : ''}]`);
        }
      }
    }
    if (!any) out.push(`  ${t.none}`);
    return out.join('\n') + '\n';
  }
  const [pid, path] = query.includes(':') ? [query.slice(0, query.indexOf(':')), query.slice(query.indexOf(':') + 1)] : [undefined, query];
  const hits: { id: string; clause: Clause }[] = [];
  for (const p of profiles) {
    if (pid && p.id !== pid) continue;
    for (const c of p.clauses) if (c.path === path) hits.push({ id: p.id, clause: c });
  }
  if (!hits.length) return undefined;
  const out: string[] = [];
  for (const { id, clause } of hits) {
    out.push(`${id} ${clause.path} — ${clause.title[lang]}`, clause.summary[lang]);
    if (clause.controls?.length) {
      out.push(`${t.controls}:`);
      for (const m of clause.controls) {
        const c = controls.get(m.id);
        out.push(`  ${m.id} [${m.relation}, ${m.enforcement}${m.from ? `, ${t.from} ${m.from}` : ''}] ${c ? c.title[lang] : ''}`);
      }
    }
    if (clause.planned) out.push(`${t.planned}: ${clause.planned[lang]}`);
    if (clause.manual) out.push(`${t.manual}: ${clause.manual[lang]}`);
    out.push('');
  }
  return out.join('\n');
}
