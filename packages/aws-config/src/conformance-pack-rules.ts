import { KINDS, type Profile, type ResolvedParameter, type Text } from '@muniguard/core';

/**
 * AWS Config managed rules that check the same thing as a muniguard control, so a conformance
 * pack can use them instead of the custom rule. Each identifier and parameter name was checked
 * against the rule's page in the AWS Config Developer Guide (docs.aws.amazon.com/config/latest/
 * developerguide/<page>.html, the `doc` field); a control is only listed when the managed rule
 * decides the same (or stricter) for every resource of the control's kinds.
 *
 * Managed rules that look close but decide differently are in NOT_EQUIVALENT, with the reason,
 * so the mapping can say why the custom rule runs instead.
 */
export interface ManagedEquivalent {
  /** The managed rule's identifier (Source.SourceIdentifier). */
  identifier: string;
  /** Its page in the AWS Config Developer Guide. */
  doc: string;
  /** The control's kinds this managed rule evaluates (together the entries of a control cover all of them). */
  covers: readonly string[];
  /** Scope.ComplianceResourceTypes; omitted for account-level periodic rules. */
  scope?: readonly string[];
  /** Suffix of the rule name when a control needs more than one managed rule. */
  suffix?: string;
  /**
   * The rule's InputParameters from the profile's resolved parameters, or a reason (both languages)
   * when the profile's value cannot be expressed with this managed rule.
   */
  parameters?: (profile: Profile) => { values: ManagedParameter[] } | { reason: Text };
  /** How the managed rule compares with the control. */
  note: Text;
}

export interface ManagedParameter {
  /** The managed rule's parameter name. */
  name: string;
  value: string;
  /** The profile parameter it comes from, with its provenance. */
  from: ResolvedParameter;
}

/** Valid MinRetentionTime values of CW_LOGGROUP_RETENTION_PERIOD_CHECK (the rule's page). */
export const CW_LOGGROUP_RETENTION_VALUES = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653] as const;

export const MANAGED_EQUIVALENTS: Readonly<Record<string, readonly ManagedEquivalent[]>> = {
  's3-bucket-versioning': [
    {
      identifier: 'S3_BUCKET_VERSIONING_ENABLED',
      doc: 's3-bucket-versioning-enabled',
      covers: [KINDS.S3Bucket],
      scope: [KINDS.S3Bucket],
      note: { ja: 'バージョニングが有効でないバケット（一時停止を含む）は非準拠。', en: 'A bucket whose versioning is not enabled (suspended included) is non-compliant.' },
    },
  ],
  's3-bucket-access-logging': [
    {
      identifier: 'S3_BUCKET_LOGGING_ENABLED',
      doc: 's3-bucket-logging-enabled',
      covers: [KINDS.S3Bucket],
      scope: [KINDS.S3Bucket],
      note: { ja: 'サーバーアクセスログが有効でないバケットは非準拠（保存先の指定なし）。', en: 'A bucket without server access logging is non-compliant (no target bucket is required).' },
    },
  ],
  's3-bucket-deny-insecure-transport': [
    {
      identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY',
      doc: 's3-bucket-ssl-requests-only',
      covers: [KINDS.S3Bucket],
      scope: [KINDS.S3Bucket],
      note: { ja: 'HTTP のリクエストを明示的に拒否するバケットポリシーがなければ非準拠。', en: 'Non-compliant unless the bucket policy explicitly denies plain HTTP requests.' },
    },
  ],
  'log-group-retention': [
    {
      identifier: 'CW_LOGGROUP_RETENTION_PERIOD_CHECK',
      doc: 'cw-loggroup-retention-period-check',
      covers: [KINDS.LogGroup],
      // periodic and reads CloudWatch Logs itself: AWS Config does not record log groups
      parameters: (profile) => {
        const p = profile.resolvedParameters.minLogRetentionDays;
        if (!p) return { reason: { ja: 'minLogRetentionDays が解決されていません。', en: 'minLogRetentionDays is not resolved.' } };
        const days = Number(p.value);
        if (!(CW_LOGGROUP_RETENTION_VALUES as readonly number[]).includes(days)) {
          return {
            reason: {
              ja: `minLogRetentionDays = ${p.value} は MinRetentionTime に指定できる値（${CW_LOGGROUP_RETENTION_VALUES.join(', ')}）ではありません。`,
              en: `minLogRetentionDays = ${p.value} is not a value MinRetentionTime accepts (${CW_LOGGROUP_RETENTION_VALUES.join(', ')}).`,
            },
          };
        }
        return { values: [{ name: 'MinRetentionTime', value: String(days), from: p }] };
      },
      note: {
        ja: '保持期間が MinRetentionTime 未満なら非準拠、無期限は準拠（コントロールと同じ）。配信用（DELIVERY クラス）のロググループもマネージドルールは評価します。',
        en: 'Non-compliant below MinRetentionTime, never-expire is compliant (as the control). The managed rule also evaluates DELIVERY-class log groups, which the control leaves out.',
      },
    },
  ],
  'vpc-flow-logs': [
    {
      identifier: 'VPC_FLOW_LOGS_ENABLED',
      doc: 'vpc-flow-logs-enabled',
      covers: [KINDS.Vpc],
      scope: [KINDS.Vpc],
      note: { ja: 'フローログのない VPC は非準拠（trafficType は指定しない: どの種別でも可）。', en: 'A VPC without a flow log is non-compliant (trafficType left unset: any traffic type counts).' },
    },
  ],
  'rds-not-publicly-accessible': [
    {
      identifier: 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
      doc: 'rds-instance-public-access-check',
      covers: [KINDS.RdsInstance],
      scope: [KINDS.RdsInstance],
      note: { ja: 'publiclyAccessible が true の DB インスタンスは非準拠。', en: 'A DB instance with publiclyAccessible = true is non-compliant.' },
    },
  ],
  'cloudtrail-log-file-validation': [
    {
      identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
      doc: 'cloud-trail-log-file-validation-enabled',
      covers: [KINDS.Trail],
      scope: [KINDS.Trail],
      note: { ja: 'ログファイルの整合性検証が無効な証跡は非準拠。', en: 'A trail without log file validation is non-compliant.' },
    },
  ],
  'cloudtrail-multi-region': [
    {
      identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
      doc: 'multi-region-cloudtrail-enabled',
      covers: [KINDS.Trail],
      note: {
        ja: 'アカウント単位の判定: マルチリージョン証跡が 1 つもなければ非準拠。証跡が 1 つもない場合や管理イベントを除外している場合も非準拠で、コントロールより厳しい。',
        en: 'Decided per account: non-compliant unless a multi-region trail exists — also with no trail at all or when management events are excluded, which is stricter than the control.',
      },
    },
  ],
  'dynamodb-pitr': [
    {
      identifier: 'DYNAMODB_PITR_ENABLED',
      doc: 'dynamodb-pitr-enabled',
      covers: [KINDS.DynamoTable],
      scope: [KINDS.DynamoTable],
      note: { ja: 'ポイントインタイムリカバリが無効なテーブルは非準拠。', en: 'A table without point-in-time recovery is non-compliant.' },
    },
  ],
  'dynamodb-table-kms': [
    {
      identifier: 'DYNAMODB_TABLE_ENCRYPTED_KMS',
      doc: 'dynamodb-table-encrypted-kms',
      covers: [KINDS.DynamoTable],
      scope: [KINDS.DynamoTable],
      note: { ja: 'KMS（AWS 管理キーまたは顧客管理キー）で暗号化されていないテーブルは非準拠（kmsKeyArns は指定しない）。', en: 'A table not encrypted with KMS (AWS-managed or customer-managed key) is non-compliant (kmsKeyArns left unset).' },
    },
  ],
  'efs-encrypted': [
    {
      identifier: 'EFS_ENCRYPTED_CHECK',
      doc: 'efs-encrypted-check',
      covers: [KINDS.EfsFileSystem],
      scope: [KINDS.EfsFileSystem],
      note: { ja: '暗号化されていないファイルシステムは非準拠（KmsKeyId は指定しない）。', en: 'An unencrypted file system is non-compliant (KmsKeyId left unset).' },
    },
  ],
  'elasticache-at-rest-encryption': [
    {
      identifier: 'ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST',
      doc: 'elasticache-repl-grp-encrypted-at-rest',
      covers: [KINDS.CacheReplicationGroup],
      // periodic: AWS Config does not record replication groups
      note: { ja: '保存時の暗号化が無効なレプリケーショングループは非準拠（approvedKMSKeyIds は指定しない）。', en: 'A replication group without encryption at rest is non-compliant (approvedKMSKeyIds left unset).' },
    },
  ],
  'root-account-mfa': [
    {
      identifier: 'ROOT_ACCOUNT_MFA_ENABLED',
      doc: 'root-account-mfa-enabled',
      covers: [KINDS.Account],
      note: {
        ja: 'ルートユーザーに MFA がなければ非準拠、ルートユーザーの認証情報がなければ対象外（コントロールと同じ）。IAM はグローバルなので、1 つのリージョンの評価で足ります。',
        en: 'Non-compliant without root MFA, not applicable when the root user has no credentials (as the control). IAM is global: one region\'s evaluation is enough.',
      },
    },
  ],
  'iam-user-console-mfa': [
    {
      identifier: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
      doc: 'mfa-enabled-for-iam-console-access',
      covers: [KINDS.IamUser],
      // periodic, reads the IAM credential state itself: a Config item of a user carries no MFA device
      note: {
        ja: 'コンソールのパスワードを持つ IAM ユーザーに MFA がなければ非準拠。MFA デバイスは Config の構成項目に含まれないため、カスタムルールでは判定できません。',
        en: 'A user with a console password and no MFA is non-compliant. A Config item of a user does not carry its MFA devices, so the custom rule could not decide this.',
      },
    },
  ],
  'iam-unused-credentials': [
    {
      identifier: 'IAM_USER_UNUSED_CREDENTIALS_CHECK',
      doc: 'iam-user-unused-credentials-check',
      covers: [KINDS.IamUser],
      parameters: (profile) => {
        const p = profile.resolvedParameters.maxCredentialUnusedDays;
        if (!p) return { reason: { ja: 'maxCredentialUnusedDays が解決されていません。', en: 'maxCredentialUnusedDays is not resolved.' } };
        return { values: [{ name: 'maxCredentialUsageAge', value: String(p.value), from: p }] };
      },
      note: {
        ja: '指定日数以上使われていないパスワードまたは有効なアクセスキーがあれば非準拠。',
        en: 'Non-compliant when a password or an active access key has not been used for maxCredentialUsageAge days.',
      },
    },
  ],
  'guardduty-enabled': [
    {
      identifier: 'GUARDDUTY_ENABLED_CENTRALIZED',
      doc: 'guardduty-enabled-centralized',
      covers: [KINDS.Account],
      note: {
        ja: 'パックを展開したリージョンで GuardDuty が有効でなければ非準拠。コントロールは許可リージョンすべてを確認するので、パックを許可リージョンごとに展開してください。',
        en: 'Non-compliant unless GuardDuty is on in the region the pack runs in; the control checks every allowed region, so deploy the pack in each allowed region.',
      },
    },
  ],
  'rds-storage-encrypted': [
    {
      identifier: 'RDS_STORAGE_ENCRYPTED',
      doc: 'rds-storage-encrypted',
      covers: [KINDS.RdsInstance],
      scope: [KINDS.RdsInstance],
      suffix: 'instance',
      note: {
        ja: 'ストレージ暗号化が無効な DB インスタンスは非準拠（Aurora のメンバーもクラスタの設定で判定され、コントロールより厳しい）。',
        en: 'A DB instance without storage encryption is non-compliant (Aurora members too, through their cluster: stricter than the control).',
      },
    },
    {
      identifier: 'RDS_CLUSTER_ENCRYPTED_AT_REST',
      doc: 'rds-cluster-encrypted-at-rest',
      covers: [KINDS.RdsCluster],
      scope: [KINDS.RdsCluster],
      suffix: 'cluster',
      note: { ja: '保存時に暗号化されていない DB クラスタは非準拠。', en: 'A DB cluster not encrypted at rest is non-compliant.' },
    },
  ],
};

/** Managed rules that look equivalent but are not: the custom rule runs, and the mapping says why. */
export const NOT_EQUIVALENT: Readonly<Record<string, { identifier?: string; reason: Text }>> = {
  'cloudtrail-account-trail': {
    identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
    reason: {
      ja: 'MULTI_REGION_CLOUD_TRAIL_ENABLED では、同じマルチリージョン証跡でログファイルの検証と記録が有効であることを求められない。',
      en: 'MULTI_REGION_CLOUD_TRAIL_ENABLED cannot require that the same multi-region trail validates log files and is logging.',
    },
  },
  'config-recorder-enabled': {
    reason: {
      ja: '同じ判定をするマネージドルールはない（レコーダーが止まっていればルール自体が評価されない）。muniguard scan --aws で確認すること。',
      en: 'No managed rule decides this (with the recorder stopped no rule is evaluated at all); check it with muniguard scan --aws.',
    },
  },
  's3-bucket-kms-cmk': {
    identifier: 'S3_DEFAULT_ENCRYPTION_KMS',
    reason: {
      ja: 'S3_DEFAULT_ENCRYPTION_KMS は AWS 管理キー（aws/s3）でも準拠とするが、このコントロールは顧客管理キーを求める。',
      en: 'S3_DEFAULT_ENCRYPTION_KMS accepts the AWS-managed key aws/s3; the control requires a customer-managed key.',
    },
  },
  'ebs-volume-encrypted': {
    identifier: 'ENCRYPTED_VOLUMES',
    reason: { ja: 'ENCRYPTED_VOLUMES はアタッチされたボリュームだけを評価する。', en: 'ENCRYPTED_VOLUMES only evaluates attached volumes.' },
  },
  's3-bucket-public-access-block': {
    identifier: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED',
    reason: {
      ja: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED の説明は 4 項目すべての有効化を求めるとは書いていない。',
      en: 'The page of S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED does not say that all four settings are required.',
    },
  },
  'kms-key-rotation': {
    identifier: 'CMK_BACKING_KEY_ROTATION_ENABLED',
    reason: {
      ja: 'CMK_BACKING_KEY_ROTATION_ENABLED は非対称キー・HMAC キー・インポートしたキーの扱いを説明していない（コントロールでは対象外）。',
      en: 'CMK_BACKING_KEY_ROTATION_ENABLED does not document how it treats asymmetric, HMAC and imported keys (not applicable for the control).',
    },
  },
  'cloudtrail-kms-encryption': {
    identifier: 'CLOUD_TRAIL_ENCRYPTION_ENABLED',
    reason: {
      ja: 'CLOUD_TRAIL_ENCRYPTION_ENABLED は KmsKeyId があれば準拠とするが、このコントロールは AWS 管理キーを認めない。',
      en: 'CLOUD_TRAIL_ENCRYPTION_ENABLED is compliant for any KmsKeyId; the control rejects AWS-managed keys.',
    },
  },
  'sns-topic-encrypted': {
    identifier: 'SNS_ENCRYPTED_KMS',
    reason: {
      ja: 'SNS_ENCRYPTED_KMS の説明の一つの版が アジアパシフィック（大阪）を提供外のリージョンに挙げており、提供されないルールを含むパックは展開できない。',
      en: 'One version of the SNS_ENCRYPTED_KMS page lists Asia Pacific (Osaka) among the regions without it, and a pack naming an unavailable rule fails to deploy.',
    },
  },
};
