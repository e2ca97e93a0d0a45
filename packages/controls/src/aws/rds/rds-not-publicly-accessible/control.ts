import { defineControl, KINDS, read, flagState } from '@muniguard/core';

export default defineControl({
  id: 'rds-not-publicly-accessible',
  family: 'public-access',
  kinds: [KINDS.RdsInstance],
  scope: 'resource',
  severity: 'critical',
  title: {
    ja: 'RDS インスタンスをインターネットから接続可能にしないこと',
    en: 'RDS instances are not publicly accessible',
  },
  summary: {
    ja: 'RDS DB インスタンスの「パブリックアクセス可能」が無効であることを確認します。有効にするとインスタンスにパブリック IP アドレスが付き、セキュリティグループ次第でインターネットから直接データベースに接続できてしまいます。',
    en: 'Checks that the RDS DB instance is not publicly accessible. When it is, the instance gets a public IP address and, depending only on its security groups, the database can be reached straight from the internet.',
  },
  remediation: {
    ja: 'aws_db_instance（aws_rds_cluster_instance）の publicly_accessible を false にするか、属性を削除してください（既定値は false）。',
    en: 'Set publicly_accessible = false on aws_db_instance (aws_rds_cluster_instance), or remove the attribute (it defaults to false).',
  },
  messages: {
    public: {
      ja: 'publicly_accessible が有効です。データベースにパブリック IP アドレスが付きます。',
      en: 'publicly_accessible is on: the database gets a public IP address.',
    },
  },
  check(db, ctx) {
    switch (flagState(read(db, 'publiclyAccessible'))) {
      case 'on': return ctx.fail('public', { path: 'publiclyAccessible' });
      case 'unknown': return ctx.unknown('publiclyAccessible');
      // omitted = false (the Terraform default)
      default: return ctx.pass();
    }
  },
});
