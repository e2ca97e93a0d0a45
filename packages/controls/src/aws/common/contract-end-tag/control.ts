import { defineControl, DATA_STORE_KINDS, DEFAULT_TAG_KEYS, isUnknown, parseIsoDate, daysBetween } from '@muniguard/core';

export default defineControl({
  id: 'contract-end-tag',
  family: 'contract-end',
  kinds: DATA_STORE_KINDS,
  scope: 'resource',
  severity: 'medium',
  classBased: true,
  title: {
    ja: 'データストアに利用終了日（ContractEnd タグ）を記録し、期日までにデータを移行・消去すること',
    en: 'Data stores record their end-of-use date (ContractEnd tag) and are cleared by that date',
  },
  summary: {
    ja: '分類されたデータを保存するリソースに、契約・利用の終了日を YYYY-MM-DD 形式の ContractEnd タグで記録していることを確認します。終了日を過ぎたリソースはデータの移行と消去が済んでいるべきなので不適合、終了日が予告期間（contractEndNoticeDays）内に入ったものは準備を促す推奨レベルの指摘とします。',
    en: 'Checks that resources holding classified data carry the end date of the contract or of use as a ContractEnd tag in YYYY-MM-DD form. Past that date the data should already have been migrated and erased, so the resource fails; within the notice period (contractEndNoticeDays) an advisory finding prompts the preparation.',
  },
  remediation: {
    ja: 'リソースの tags に ContractEnd = "YYYY-MM-DD"（例: "2030-03-31"）を追加してください（provider の default_tags でも可）。終了日を過ぎたリソースは、データを移行したうえで KMS キーの削除などで消去し、リソースを削除してください。',
    en: 'Add ContractEnd = "YYYY-MM-DD" (e.g. "2030-03-31") to the resource tags (or the provider default_tags). For a resource past its date, migrate the data, erase it (e.g. by deleting its KMS key) and destroy the resource.',
  },
  messages: {
    missing: {
      ja: '利用終了日のタグ（{{key}}）がありません。',
      en: 'No end-of-use date tag ({{key}}).',
    },
    invalid: {
      ja: '利用終了日のタグ {{key}} の値「{{value}}」が YYYY-MM-DD 形式の日付ではありません。',
      en: 'The end-of-use tag {{key}} is "{{value}}", not a YYYY-MM-DD date.',
    },
    datePassed: {
      ja: '利用終了日 {{date}} を {{days}} 日過ぎています。データを移行・消去し、リソースを削除してください。',
      en: 'The end-of-use date {{date}} passed {{days}} days ago: migrate and erase the data and remove the resource.',
    },
    approaching: {
      ja: '利用終了日 {{date}} まで残り {{days}} 日です（予告期間 {{notice}} 日）。データの移行と消去を準備してください。',
      en: 'The end-of-use date {{date}} is {{days}} days away (notice period {{notice}} days): prepare to migrate and erase the data.',
    },
  },
  params: {
    contractEndNoticeDays: {
      schema: { type: 'integer', minimum: 0 },
      default: 90,
      description: {
        ja: '利用終了日（ContractEnd タグ）の何日前から予告（推奨レベルの指摘）を出すか。',
        en: 'How many days before the end-of-use date (ContractEnd tag) an advisory notice starts.',
      },
      rationale: {
        ja: '本プロジェクトの既定値であり、自治体の基準の記載ではありません。データの移行と消去の計画・実施に要する期間として 90 日としています。',
        en: "The project's default, not a municipality's text: 90 days leaves time to plan and carry out the migration and erasure of the data.",
      },
    },
  },
  check(store, ctx) {
    const hit = ctx.tag(store, 'contractEnd');
    if (isUnknown(hit)) return ctx.unknown('tags');
    if (!hit) return ctx.fail('missing', { path: `tags.${DEFAULT_TAG_KEYS.contractEnd}`, data: { key: DEFAULT_TAG_KEYS.contractEnd } });
    const path = `tags.${hit.key}`;
    // a tag set from another resource's attribute is not known before apply either
    if (typeof hit.value !== 'string') return ctx.unknown(path);
    const raw = hit.value;
    const date = raw.normalize('NFKC').trim();
    if (parseIsoDate(date) === undefined) return ctx.fail('invalid', { path, data: { key: hit.key, value: raw } });
    const days = daysBetween(ctx.asOf, date);
    if (days < 0) return ctx.fail('datePassed', { path, data: { date, days: -days } });
    const notice = typeof ctx.params.contractEndNoticeDays === 'number' ? ctx.params.contractEndNoticeDays : 90;
    if (days <= notice) return ctx.fail('approaching', { path, advisory: true, data: { date, days, notice } });
    return ctx.pass();
  },
});
