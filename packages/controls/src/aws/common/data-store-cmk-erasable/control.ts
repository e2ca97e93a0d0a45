import {
  defineControl, DATA_STORE_KINDS, KINDS, isUnknown, isRef, isSet, read, asArray, flagState, isClusterMember, keyOwnership, parseArn,
  type CheckContext, type CheckResult, type Resource,
} from '@muniguard/core';

/** The property that names the KMS key of the stores checked the plain way (S3, RDS instances and DynamoDB have their own readers). */
const KEY_PATH: Record<string, string> = {
  [KINDS.RdsCluster]: 'kmsKeyId',
  [KINDS.EfsFileSystem]: 'kmsKeyId',
  [KINDS.EbsVolume]: 'kmsKeyId',
  [KINDS.CacheReplicationGroup]: 'kmsKeyId',
  [KINDS.SqsQueue]: 'kmsMasterKeyId',
  [KINDS.SnsTopic]: 'kmsMasterKeyId',
};

/** A customer-managed key at `path`, or the finding that says why not. */
function requireCmk(resource: Resource, path: string, ctx: CheckContext, value: unknown = read(resource, path)): CheckResult | undefined {
  const owner = keyOwnership(value, ctx.index);
  if (isUnknown(owner)) return ctx.unknown(path);
  if (owner === 'none') return ctx.fail('noKey', { path, data: { path } });
  if (owner === 'aws-managed') return ctx.fail('awsManagedKey', { path, data: { path, key: String(value) } });
  return undefined;
}

function checkS3(bucket: Resource, ctx: CheckContext): CheckResult | undefined {
  const enc = read(bucket, 'encryption');
  if (isUnknown(enc)) return ctx.unknown('encryption');
  if (enc === undefined || enc === null) return ctx.fail('noKey', { path: 'encryption', data: { path: 'encryption' } });
  const algorithm = read(bucket, 'encryption.algorithm');
  if (isUnknown(algorithm) || isRef(algorithm)) return ctx.unknown('encryption.algorithm');
  if (typeof algorithm !== 'string' || !algorithm.startsWith('aws:kms')) {
    return ctx.fail('notKms', { path: 'encryption.algorithm', data: { algorithm: algorithm ?? 'AES256' } });
  }
  return requireCmk(bucket, 'encryption.kmsKeyId', ctx);
}

function checkRdsInstance(db: Resource, ctx: CheckContext): CheckResult | undefined {
  const key = read(db, 'kmsKeyId');
  // a same-region read replica created without kms_key_id uses its source's key (a cross-region one must name its own)
  const source = read(db, 'replicateSourceDb');
  if (key === undefined && isUnknown(source)) return ctx.unknown('replicateSourceDb');
  const arn = parseArn(source);
  const crossRegion = arn !== undefined && typeof db.region === 'string' && arn.region !== db.region;
  if (key === undefined && isSet(source) && !crossRegion) {
    const origin = ctx.resolve(source, [KINDS.RdsInstance]);
    if (!origin) return ctx.unknown('replicateSourceDb', 'sourceOutsideScan');
    return requireCmk(db, 'kmsKeyId', ctx, read(origin, 'kmsKeyId'));
  }
  return requireCmk(db, 'kmsKeyId', ctx, key);
}

function checkDynamo(table: Resource, ctx: CheckContext): CheckResult | undefined {
  const sse = read(table, 'sse');
  if (isUnknown(sse)) return ctx.unknown('sse');
  const enabled = flagState(read(table, 'sse.enabled'));
  if (enabled === 'unknown') return ctx.unknown('sse.enabled');
  // without server_side_encryption DynamoDB uses an AWS owned key the customer cannot delete
  if (enabled !== 'on') return ctx.fail('noKey', { path: 'sse.enabled', data: { path: 'sse.enabled' } });
  const own = requireCmk(table, 'sse.kmsKeyArn', ctx);
  if (own) return own;
  // every replica is encrypted with a key of its own region: it must be a customer key too
  const replicas = asArray(read(table, 'replicas'));
  if (isUnknown(replicas)) return ctx.unknown('replicas');
  let pending: CheckResult | undefined;
  for (let i = 0; i < replicas.length; i++) {
    const replica = replicas[i];
    const path = `replicas.${i}.kmsKeyArn`;
    const r = requireCmk(table, path, ctx, isUnknown(replica) ? replica : (replica as Record<string, unknown> | undefined)?.kmsKeyArn);
    if (r?.verdict === 'fail') return r;
    pending ??= r;
  }
  return pending;
}

export default defineControl({
  id: 'data-store-cmk-erasable',
  family: 'contract-end',
  kinds: DATA_STORE_KINDS,
  scope: 'resource',
  severity: 'high',
  classBased: true,
  title: {
    ja: '分類されたデータは顧客管理 KMS キーで暗号化し、キーの削除で消去できるようにすること',
    en: 'Classified data is encrypted with a customer-managed KMS key so that deleting the key erases it',
  },
  summary: {
    ja: '分類されたデータを保存するリソースが、顧客が管理する KMS キーで暗号化されていることを確認します。顧客管理キーであれば、契約終了時にキーの削除を予約することでクラウド上に残るデータ（バックアップや複製を含む）を復元不能にでき（暗号化消去）、その事実を記録で示せます。AWS 管理キーや AWS 所有キーは削除できないため、この方法が使えません。',
    en: 'Checks that resources holding classified data are encrypted with a customer-managed KMS key. With such a key, scheduling its deletion at contract end provably makes whatever remains in the cloud (backups and copies included) unrecoverable (crypto-erase). AWS-managed and AWS-owned keys cannot be deleted, so they offer no such proof.',
  },
  remediation: {
    ja: '自ら作成した aws_kms_key の ARN を、S3 は aws_s3_bucket_server_side_encryption_configuration の sse_algorithm = "aws:kms" と kms_master_key_id に、RDS・EBS・EFS・ElastiCache は kms_key_id に、DynamoDB は server_side_encryption { enabled = true, kms_key_arn }（各 replica の kms_key_arn も）に、SQS・SNS は kms_master_key_id に設定してください。',
    en: 'Use the ARN of your own aws_kms_key: for S3, sse_algorithm = "aws:kms" with kms_master_key_id in aws_s3_bucket_server_side_encryption_configuration; kms_key_id for RDS, EBS, EFS and ElastiCache; server_side_encryption { enabled = true, kms_key_arn } for DynamoDB (and kms_key_arn on every replica); kms_master_key_id for SQS and SNS.',
  },
  messages: {
    noKey: {
      ja: '顧客管理 KMS キーが設定されていません（{{path}}）。AWS 管理・AWS 所有のキーで暗号化されるか暗号化されないため、キーの削除でデータを消去できません。',
      en: 'No customer-managed KMS key is configured ({{path}}): the data is encrypted with an AWS-managed or AWS-owned key, or not at all, so deleting a key cannot erase it.',
    },
    awsManagedKey: {
      ja: '{{path}} のキー {{key}} は AWS 管理キーで、削除できないため暗号化消去に使えません。',
      en: 'The key {{key}} at {{path}} is AWS-managed: it cannot be deleted, so it cannot crypto-erase the data.',
    },
    notKms: {
      ja: '既定の暗号化が {{algorithm}} です（KMS ではないため、キーの削除でデータを消去できません）。',
      en: 'Default encryption is {{algorithm}}, not KMS: deleting a key cannot erase the data.',
    },
    sourceOutsideScan: {
      ja: 'kms_key_id のないリードレプリカで、複製元（{{path}}）がスキャン対象外のため使われるキーを判定できません。',
      en: 'A read replica without kms_key_id whose source ({{path}}) is outside the scan: cannot tell which key it uses.',
    },
  },
  check(store, ctx) {
    switch (store.kind) {
      case KINDS.CacheCluster:
        // a cache cluster's data is encrypted with the key of its replication group
        return ctx.notApplicable();
      case KINDS.S3Bucket:
        return checkS3(store, ctx) ?? ctx.pass();
      case KINDS.RdsInstance: {
        // an Aurora instance keeps no storage of its own: the cluster's key applies
        const member = isClusterMember(store);
        if (member === true) return ctx.notApplicable();
        const r = checkRdsInstance(store, ctx);
        if (r && isUnknown(member) && r.verdict === 'fail') return ctx.unknown('dbClusterIdentifier');
        return r ?? ctx.pass();
      }
      case KINDS.DynamoTable:
        return checkDynamo(store, ctx) ?? ctx.pass();
      default: {
        const path = KEY_PATH[store.kind];
        if (!path) return ctx.notApplicable();
        return requireCmk(store, path, ctx) ?? ctx.pass();
      }
    }
  },
});
