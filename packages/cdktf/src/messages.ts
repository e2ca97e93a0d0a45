import { ENFORCEMENT_LABELS, SEVERITY_LABELS, VERDICT_LABELS, type Finding, type Lang, type Profile, type Text, type Waiver } from '@muniguard/core';

/** What the aspect does with a finding: cdktf's annotation levels, or nothing (pass / not applicable). */
export type AnnotationLevel = 'error' | 'warning' | 'info';

/** `--fail-on` of the CLI, as the aspect reads it: which mandatory verdicts fail synth. */
export type FailOn = 'fail' | 'unknown' | 'never';

/**
 * The CLI's exit-code rule applied to one finding: a mandatory `fail` or `error` (and `unknown`
 * with failOn `unknown`) is an error annotation, so synth fails; every other problem — advisory
 * findings, unknowns — is a warning; a waived finding stays visible as info.
 */
export function annotationLevel(f: Finding, failOn: FailOn): AnnotationLevel | undefined {
  switch (f.verdict) {
    case 'pass':
    case 'not-applicable':
      return undefined;
    case 'waived':
      return 'info';
    case 'fail':
    case 'error':
      return f.enforcement === 'mandatory' && failOn !== 'never' ? 'error' : 'warning';
    case 'unknown':
      return f.enforcement === 'mandatory' && failOn === 'unknown' ? 'error' : 'warning';
  }
}

/** A user-supplied string on one line: cdktf prints the message after `[construct path]`. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').trim();
}

function clauseList(f: Finding, profile: Profile, lang: Lang): string {
  if (f.clauses.length === 0) return '';
  const cites = f.clauses.map((c) => (lang === 'ja' ? `${c.path}「${c.title.ja}」` : `${c.path} "${c.title.en}"`));
  return `${profile.standard.title[lang]} ${cites.join(lang === 'ja' ? '・' : '; ')}`;
}

function line(f: Finding, profile: Profile, lang: Lang): string {
  const label = `${VERDICT_LABELS[f.verdict][lang]}${lang === 'ja' ? '（' : ' ('}${ENFORCEMENT_LABELS[f.enforcement][lang]}${lang === 'ja' ? '・' : ', '}${SEVERITY_LABELS[f.severity][lang]}${lang === 'ja' ? '）' : ')'}`;
  const clauses = clauseList(f, profile, lang);
  const where = [f.controlId, f.resource.address, f.path].filter(Boolean).join(lang === 'ja' ? '、' : ', ');
  const waiver = f.waiver
    ? lang === 'ja'
      ? ` 例外措置: ${f.waiver.origin}（承認 ${f.waiver.approvedBy}、期限 ${f.waiver.expires}）`
      : ` Waiver: ${f.waiver.origin} (approved by ${f.waiver.approvedBy}, expires ${f.waiver.expires})`
    : '';
  const text = lang === 'ja'
    ? `[muniguard] ${label} ${clauses ? clauses + ': ' : ''}${f.message.ja}（${where}）${waiver}`
    : `[muniguard] ${label} ${clauses ? clauses + ': ' : ''}${f.message.en} (${where})${waiver}`;
  return oneLine(text);
}

/**
 * The annotation text of one finding: a Japanese line, then the English line. cdktf prints it
 * after the construct path (`ERROR [stack/bucket]: …` from `cdktf synth`, `[stack/bucket] …` when
 * `app.synth()` throws), so the first line names the construct, the clause and the problem.
 */
export function annotationMessage(f: Finding, profile: Profile): string {
  return `${line(f, profile, 'ja')}\n${line(f, profile, 'en')}`;
}

/** Two-line bilingual text for the aspect's own notices (a stack it could not evaluate, a waiver that matched nothing). */
export function notice(text: Text): string {
  return `${oneLine(`[muniguard] ${text.ja}`)}\n${oneLine(`[muniguard] ${text.en}`)}`;
}

export function unmatchedWaiverNotice(w: Waiver, stackName: string): string {
  return notice({
    ja: `例外措置 ${w.origin}（${w.control}、対象 ${w.resources.join(', ')}）はスタック ${stackName} のどの検出結果にも該当しません。`,
    en: `Waiver ${w.origin} (${w.control}, resources ${w.resources.join(', ')}) matches no finding of stack ${stackName}.`,
  });
}
