import type { Text } from './i18n';

/** Engine messages every control can use. */
export const BUILTIN_MESSAGES: Record<string, Text> = {
  passed: { ja: '適合しています。', en: 'Compliant.' },
  notApplicable: { ja: '対象外です。', en: 'Not applicable.' },
  unknownValue: {
    ja: '{{path}} の値がスキャン時点で確定していないため判定できません（apply 後に確定する値など）。',
    en: 'Cannot decide: {{path}} is not known at scan time (e.g. known only after apply).',
  },
  controlError: { ja: 'コントロールの実行中にエラーが発生しました: {{error}}', en: 'The control failed to run: {{error}}' },
  waiverExpired: {
    ja: '例外措置（{{origin}}、承認者 {{approvedBy}}）の有効期限 {{expires}} が過ぎています。再承認するか是正してください。',
    en: 'The waiver ({{origin}}, approved by {{approvedBy}}) expired on {{expires}}: renew the approval or fix the resources.',
  },
};
