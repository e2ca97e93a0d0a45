import { defineControl, KINDS, flagState, isRef, isUnknown, read, requireFlagOn } from '@muniguard/core';

export default defineControl({
  id: 'kms-key-rotation',
  family: 'encryption',
  kinds: [KINDS.KmsKey],
  scope: 'resource',
  severity: 'medium',
  title: {
    ja: '顧客管理の KMS 対称キーは自動ローテーションを有効にすること',
    en: 'Customer-managed symmetric KMS keys rotate automatically',
  },
  summary: {
    ja: '顧客管理の対称暗号化キーで、キーマテリアルの自動ローテーションが有効であることを確認します。ローテーションにより 1 つの鍵素材で暗号化されるデータ量と期間が限られます。既定は無効です。非対称キー・HMAC キーは自動ローテーションに対応しておらず、AWS 管理キーは AWS が毎年ローテーションするため対象外です。',
    en: 'Checks that automatic rotation of key material is on for customer-managed symmetric encryption keys, which limits how much data and how long one key material protects; it is off by default. Asymmetric and HMAC keys cannot rotate automatically and AWS rotates its managed keys every year, so those are not applicable.',
  },
  remediation: {
    ja: 'aws_kms_key に enable_key_rotation = true を設定してください（rotation_period_in_days で周期を 90〜2560 日に設定できます。既定は 365 日）。',
    en: 'Set enable_key_rotation = true on aws_kms_key (rotation_period_in_days sets the period, 90–2560 days; 365 by default).',
  },
  messages: {
    off: { ja: '自動ローテーションが無効です（enable_key_rotation = false）。', en: 'Automatic rotation is off (enable_key_rotation = false).' },
    omitted: {
      ja: 'enable_key_rotation が指定されていません。既定では自動ローテーションは無効です。',
      en: 'enable_key_rotation is not set: automatic rotation is off by default.',
    },
  },
  check(key, ctx) {
    if (flagState(read(key, 'enableKeyRotation')) === 'on') return ctx.pass();

    // AWS-managed keys rotate yearly on their own; asymmetric and HMAC keys cannot rotate automatically
    const manager = read(key, 'keyManager');
    if (manager === 'AWS') return ctx.notApplicable();
    const spec = read(key, 'keySpec');
    if (typeof spec === 'string' && spec !== '' && spec !== 'SYMMETRIC_DEFAULT') return ctx.notApplicable();
    const usage = read(key, 'keyUsage');
    if (typeof usage === 'string' && usage !== '' && usage !== 'ENCRYPT_DECRYPT') return ctx.notApplicable();
    if (isUnknown(manager) || isRef(manager)) return ctx.unknown('keyManager');
    if (isUnknown(spec) || isRef(spec)) return ctx.unknown('keySpec');
    if (isUnknown(usage) || isRef(usage)) return ctx.unknown('keyUsage');

    return requireFlagOn(key, ctx, 'enableKeyRotation', { off: 'off', omitted: 'omitted' });
  },
});
