import { defineControl, KINDS, flagState, isClusterMember, isUnknown, read, requireFlagOn } from '@muniguard/core';

export default defineControl({
  id: 'rds-copy-tags-to-snapshot',
  family: 'classification',
  kinds: [KINDS.RdsInstance, KINDS.RdsCluster],
  scope: 'resource',
  severity: 'medium',
  classBased: true,
  title: {
    ja: '分類されたデータの RDS・Aurora はスナップショットに分類タグを引き継ぐこと',
    en: 'Classified RDS instances and Aurora clusters copy their tags to snapshots',
  },
  summary: {
    ja: 'スナップショットはデータベースと同じ情報を含む複製です。copy_tags_to_snapshot を有効にして、スナップショットにも分類タグが付き、複製にも同じ取扱いが適用されることを確認します。無効の場合、スナップショットは分類のない（最も機密性の高い扱いが必要な）データとして残ります。',
    en: 'A snapshot is a copy of everything in the database. Checks that copy_tags_to_snapshot is on, so snapshots carry the classification tag and copies are handled like the original; otherwise snapshots are left as unclassified copies of classified data.',
  },
  remediation: {
    ja: 'aws_db_instance / aws_rds_cluster に copy_tags_to_snapshot = true を設定してください（Aurora はクラスタ側で設定します）。既存のスナップショットには分類タグを手動で付けてください。',
    en: 'Set copy_tags_to_snapshot = true on aws_db_instance / aws_rds_cluster (for Aurora, on the cluster). Tag existing snapshots by hand.',
  },
  messages: {
    off: {
      ja: 'copy_tags_to_snapshot が無効のため、スナップショットに分類タグが付きません。',
      en: 'copy_tags_to_snapshot is off: snapshots do not get the classification tag.',
    },
    omitted: {
      ja: 'copy_tags_to_snapshot が指定されていません。既定は無効で、スナップショットに分類タグが付きません。',
      en: 'copy_tags_to_snapshot is not set: it defaults to off, so snapshots do not get the classification tag.',
    },
  },
  check(db, ctx) {
    if (flagState(read(db, 'copyTagsToSnapshot')) === 'on') return ctx.pass();
    // Aurora / Multi-AZ cluster instances: snapshots are the cluster's, the instance setting has no effect
    const member = isClusterMember(db);
    if (member === true) return ctx.notApplicable();
    if (isUnknown(member)) return ctx.unknown('dbClusterIdentifier');
    return requireFlagOn(db, ctx, 'copyTagsToSnapshot', { off: 'off', omitted: 'omitted' });
  },
});
