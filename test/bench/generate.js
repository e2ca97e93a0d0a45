'use strict';
/**
 * Generate a `terraform show -json` plan with N resources that looks like a real estate:
 * buckets with their split encryption/versioning/public-access resources linked only through
 * configuration references (the bucket id is known after apply), databases, tables, queues,
 * log groups, roles and a Backup selection. Deterministic for a given N.
 */
function generatePlan(n) {
  const changes = [];
  const config = [];
  const kinds = ['bucket', 'db', 'table', 'queue', 'log', 'role'];
  const add = (type, name, after, unknown, expressions) => {
    const address = `${type}.${name}`;
    changes.push({ address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after, after_unknown: unknown } });
    config.push({ address, mode: 'managed', type, name, provider_config_key: 'aws', expressions: expressions || {} });
  };
  add('aws_kms_key', 'k', { enable_key_rotation: true, customer_master_key_spec: 'SYMMETRIC_DEFAULT', key_usage: 'ENCRYPT_DECRYPT', tags: null }, { arn: true, id: true }, {});
  const keyRef = { references: ['aws_kms_key.k.arn', 'aws_kms_key.k'] };
  const tags = (i) => ({ DataClassification: i % 3 === 0 ? 'II' : 'I', ContractEnd: '2030-03-31' });
  let count = 1;
  const selection = [];
  for (let i = 0; count < n; i++) {
    const kind = kinds[i % kinds.length];
    const name = `${kind}_${i}`;
    if (kind === 'bucket') {
      add('aws_s3_bucket', name, { bucket: `bench-${i}`, tags: tags(i), tags_all: tags(i), force_destroy: false }, { arn: true, id: true }, { bucket: { constant_value: `bench-${i}` } });
      const bucketRef = { references: [`aws_s3_bucket.${name}.id`, `aws_s3_bucket.${name}`] };
      add('aws_s3_bucket_server_side_encryption_configuration', name,
        { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }], bucket_key_enabled: true }] },
        { bucket: true, id: true, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] }] },
        { bucket: bucketRef, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: keyRef, sse_algorithm: { constant_value: 'aws:kms' } }] }] });
      add('aws_s3_bucket_versioning', name, { versioning_configuration: [{ status: i % 7 ? 'Enabled' : 'Suspended' }] }, { bucket: true, id: true }, { bucket: bucketRef });
      add('aws_s3_bucket_public_access_block', name, { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, { bucket: true, id: true }, { bucket: bucketRef });
      selection.push(`aws_s3_bucket.${name}.arn`);
      count += 4;
    } else if (kind === 'db') {
      add('aws_db_instance', name, { identifier: `bench-${i}`, engine: 'postgres', storage_encrypted: i % 5 !== 0, backup_retention_period: 7, copy_tags_to_snapshot: true, publicly_accessible: false, multi_az: true, tags: tags(i), tags_all: tags(i) }, { arn: true, id: true, kms_key_id: true }, { kms_key_id: keyRef });
      count += 1;
    } else if (kind === 'table') {
      add('aws_dynamodb_table', name, { name: `bench-${i}`, server_side_encryption: [{ enabled: true }], point_in_time_recovery: [{ enabled: i % 4 !== 0 }], tags: tags(i), tags_all: tags(i) }, { arn: true, id: true, server_side_encryption: [{ kms_key_arn: true }] }, { server_side_encryption: [{ kms_key_arn: keyRef }] });
      count += 1;
    } else if (kind === 'queue') {
      add('aws_sqs_queue', name, { name: `bench-${i}`, tags: tags(i), tags_all: tags(i) }, { arn: true, id: true, kms_master_key_id: true }, { kms_master_key_id: keyRef });
      count += 1;
    } else if (kind === 'log') {
      add('aws_cloudwatch_log_group', name, { name: `/bench/${i}`, retention_in_days: i % 2 ? 3653 : 30 }, { arn: true, id: true }, {});
      count += 1;
    } else {
      add('aws_iam_role', name, { name: `bench-${i}`, assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }, { arn: true, id: true }, {});
      count += 1;
    }
  }
  add('aws_backup_selection', 'all', { name: 'bench' }, { resources: true, plan_id: true, id: true }, { resources: { references: selection } });
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: [] } },
    resource_changes: changes,
    configuration: { provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'ap-northeast-1' } } } }, root_module: { resources: config } },
  };
}

module.exports = { generatePlan };
