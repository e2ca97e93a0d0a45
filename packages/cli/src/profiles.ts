import { coveredFamilies, listProfileIds, readProfileDocument, FAMILIES, type Control, type Lang } from '@muniguard/core';

/** `muniguard profiles`: the bundled profiles with what they cover. */
export function listProfiles(lang: Lang, controls: ReadonlyMap<string, Control>, json = false): string {
  const rows = listProfileIds().map((id) => {
    const { doc } = readProfileDocument(id);
    const families = coveredFamilies(doc, controls);
    return {
      id,
      municipality: doc.municipality,
      title: doc.standard.title,
      date: doc.standard.date ?? null,
      clauses: {
        enforced: doc.clauses.filter((c) => c.controls?.length).length,
        planned: doc.clauses.filter((c) => c.planned && !c.controls?.length).length,
        manual: doc.clauses.filter((c) => c.manual && !c.controls?.length && !c.planned).length,
      },
      families: FAMILIES.filter((f) => families.has(f)),
      needsParams: Object.entries(doc.parameters).filter(([, p]) => p.source === 'required').map(([n]) => n).concat(doc.classification.levels ? [] : ['classification.levels']),
    };
  });
  if (json) return JSON.stringify(rows, null, 2) + '\n';
  const out: string[] = [];
  for (const r of rows) {
    out.push(`${r.id.padEnd(11)} ${r.municipality[lang]} — ${r.title[lang]}${r.date ? ` (${r.date})` : ''}`);
    out.push(
      lang === 'ja'
        ? `            条項: 検査 ${r.clauses.enforced} / 予定 ${r.clauses.planned} / 手動確認 ${r.clauses.manual}　分野: ${r.families.join(', ')}`
        : `            clauses: enforced ${r.clauses.enforced} / planned ${r.clauses.planned} / manual ${r.clauses.manual}  families: ${r.families.join(', ')}`,
    );
    if (r.needsParams.length) {
      out.push(lang === 'ja' ? `            要パラメータ (--params): ${r.needsParams.join(', ')}` : `            needs parameters (--params): ${r.needsParams.join(', ')}`);
    }
  }
  return out.join('\n') + '\n';
}
