'use strict';
/**
 * One Terraform JSON scenario used by the end-to-end tests and the bundled examples: a compliant
 * estate (every control of every profile passes) plus, optionally, one planted violation per
 * family, each on its own resource so each family's finding can be asserted on its own.
 */

const AS_OF = '2026-04-01';
const FAMILIES_PLANTED = ['classification', 'encryption', 'backup', 'logging', 'mfa', 'region', 'contract-end'];

/** The address of the resource that carries each family's violation. */
const VIOLATION_ADDRESS = {
  classification: 'aws_sqs_queue.violation_classification',
  encryption: 'aws_db_instance.violation_encryption',
  backup: 'aws_dynamodb_table.violation_backup',
  logging: 'aws_cloudwatch_log_group.violation_logging',
  mfa: 'aws_cognito_user_pool.violation_mfa',
  region: 'aws_cloudwatch_log_group.violation_region',
  'contract-end': 'aws_sqs_queue.violation_contract_end',
};

const ACCOUNT = '111122223333';
const CERT = `arn:aws:acm:ap-northeast-1:${ACCOUNT}:certificate/0f0e0d0c-0b0a-0908-0706-050403020100`;

/**
 * @param {{ classification: string, violations: boolean, forPlan?: boolean }} options
 *   classification: the value to tag stores with (the profile's own notation);
 *   forPlan: add the provider settings `terraform plan` needs offline (dummy credentials, skip_* flags)
 */
function scenario(options) {
  const store = (extra = {}) => ({ DataClassification: '${var.classification}', ContractEnd: '2030-03-31', ...extra });
  const offline = options.forPlan
    ? { access_key: 'mock', secret_key: 'mock', skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true, skip_region_validation: true }
    : {};
  const kms = '${aws_kms_key.data.arn}';
  const resource = {
    aws_kms_key: { data: { description: 'muniguard example data key', enable_key_rotation: true, deletion_window_in_days: 30 } },
    aws_s3_bucket: {
      data: { bucket: 'muniguard-example-data', tags: store() },
      access_logs: { bucket: 'muniguard-example-access-logs', tags: store() },
    },
    aws_s3_bucket_server_side_encryption_configuration: {
      data: { bucket: '${aws_s3_bucket.data.id}', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: kms }], bucket_key_enabled: true }] },
      access_logs: { bucket: '${aws_s3_bucket.access_logs.id}', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: kms }] }] },
    },
    aws_s3_bucket_versioning: {
      data: { bucket: '${aws_s3_bucket.data.id}', versioning_configuration: [{ status: 'Enabled' }] },
      access_logs: { bucket: '${aws_s3_bucket.access_logs.id}', versioning_configuration: [{ status: 'Enabled' }] },
    },
    aws_s3_bucket_logging: {
      data: { bucket: '${aws_s3_bucket.data.id}', target_bucket: '${aws_s3_bucket.access_logs.id}', target_prefix: 'data/' },
      access_logs: { bucket: '${aws_s3_bucket.access_logs.id}', target_bucket: '${aws_s3_bucket.data.id}', target_prefix: 'access-logs/' },
    },
    aws_s3_bucket_public_access_block: {
      data: { bucket: '${aws_s3_bucket.data.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
      access_logs: { bucket: '${aws_s3_bucket.access_logs.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
    },
    aws_s3_bucket_policy: {
      data: { bucket: '${aws_s3_bucket.data.id}', policy: denyInsecure('muniguard-example-data') },
      access_logs: { bucket: '${aws_s3_bucket.access_logs.id}', policy: denyInsecure('muniguard-example-access-logs') },
    },
    aws_db_instance: {
      data: {
        identifier: 'muniguard-example-db', engine: 'postgres', instance_class: 'db.t4g.micro', allocated_storage: 20,
        username: 'app', manage_master_user_password: true, storage_encrypted: true, kms_key_id: kms,
        backup_retention_period: 35, copy_tags_to_snapshot: true, publicly_accessible: false, multi_az: true, skip_final_snapshot: true,
        tags: store({ CriticalSystem: 'true' }),
      },
    },
    aws_dynamodb_table: {
      data: {
        name: 'muniguard-example-table', billing_mode: 'PAY_PER_REQUEST', hash_key: 'id', attribute: [{ name: 'id', type: 'S' }],
        server_side_encryption: [{ enabled: true, kms_key_arn: kms }], point_in_time_recovery: [{ enabled: true }], tags: store(),
      },
    },
    aws_efs_file_system: { data: { encrypted: true, kms_key_id: kms, tags: store() } },
    aws_efs_backup_policy: { data: { file_system_id: '${aws_efs_file_system.data.id}', backup_policy: [{ status: 'ENABLED' }] } },
    aws_ebs_volume: { data: { availability_zone: 'ap-northeast-1a', size: 10, encrypted: true, kms_key_id: kms, tags: store() } },
    aws_elasticache_replication_group: {
      data: {
        replication_group_id: 'muniguard-example-cache', description: 'example cache', node_type: 'cache.t4g.micro', num_cache_clusters: 2,
        at_rest_encryption_enabled: true, transit_encryption_enabled: true, kms_key_id: kms, snapshot_retention_limit: 7,
        automatic_failover_enabled: true, multi_az_enabled: true, tags: store(),
      },
    },
    aws_sqs_queue: { jobs: { name: 'muniguard-example-jobs', kms_master_key_id: kms, tags: store() } },
    aws_sns_topic: { alerts: { name: 'muniguard-example-alerts', kms_master_key_id: kms, tags: store() } },
    aws_cloudwatch_log_group: { app: { name: '/muniguard/example/app', retention_in_days: 3653, kms_key_id: kms } },
    aws_cloudtrail: {
      main: {
        name: 'muniguard-example-trail', s3_bucket_name: '${aws_s3_bucket.access_logs.id}', is_multi_region_trail: true,
        enable_log_file_validation: true, kms_key_id: kms, include_global_service_events: true,
      },
    },
    aws_vpc: { main: { cidr_block: '10.10.0.0/16' } },
    aws_flow_log: { main: { vpc_id: '${aws_vpc.main.id}', traffic_type: 'ALL', log_destination_type: 's3', log_destination: '${aws_s3_bucket.access_logs.arn}' } },
    aws_security_group: {
      web: {
        name: 'muniguard-example-web', vpc_id: '${aws_vpc.main.id}',
        ingress: [{ description: 'HTTPS', from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false }],
      },
    },
    aws_lb_listener: {
      https: {
        load_balancer_arn: `arn:aws:elasticloadbalancing:ap-northeast-1:${ACCOUNT}:loadbalancer/app/example/0123456789abcdef`, port: 443, protocol: 'HTTPS',
        ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', certificate_arn: CERT,
        default_action: [{ type: 'fixed-response', fixed_response: [{ content_type: 'text/plain', status_code: '200' }] }],
      },
    },
    aws_cognito_user_pool: {
      citizens: { name: 'muniguard-example-users', mfa_configuration: 'ON', software_token_mfa_configuration: [{ enabled: true }], tags: store() },
    },
    aws_iam_role: {
      admin: {
        name: 'muniguard-example-admin',
        assume_role_policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
        }),
      },
    },
    aws_iam_role_policy_attachment: { admin: { role: '${aws_iam_role.admin.name}', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } },
    aws_backup_vault: { main: { name: 'muniguard-example-vault', kms_key_arn: kms } },
    aws_backup_plan: {
      daily: {
        name: 'muniguard-example-daily',
        rule: [{ rule_name: 'daily', target_vault_name: '${aws_backup_vault.main.name}', schedule: 'cron(0 17 * * ? *)', lifecycle: [{ delete_after: 400 }] }],
      },
    },
    aws_backup_selection: {
      stores: {
        name: 'muniguard-example-stores', plan_id: '${aws_backup_plan.daily.id}', iam_role_arn: `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`,
        resources: ['${aws_s3_bucket.data.arn}', '${aws_s3_bucket.access_logs.arn}', '${aws_ebs_volume.data.arn}'],
      },
    },
  };

  if (options.violations) {
    const add = (type, name, body) => ((resource[type] ??= {})[name] = body);
    // classification: a value outside the profile's scheme (the store itself is otherwise compliant)
    add('aws_sqs_queue', 'violation_classification', { name: 'muniguard-violation-classification', kms_master_key_id: kms, tags: { DataClassification: 'secret-ish', ContractEnd: '2030-03-31' } });
    // encryption: a database without storage encryption (key named, so only encryption fails)
    add('aws_db_instance', 'violation_encryption', {
      identifier: 'muniguard-violation-encryption', engine: 'postgres', instance_class: 'db.t4g.micro', allocated_storage: 20, username: 'app',
      manage_master_user_password: true, storage_encrypted: false, kms_key_id: kms, backup_retention_period: 35, copy_tags_to_snapshot: true,
      publicly_accessible: false, skip_final_snapshot: true, tags: store(),
    });
    // backup: a table without point-in-time recovery and outside every Backup selection
    add('aws_dynamodb_table', 'violation_backup', {
      name: 'muniguard-violation-backup', billing_mode: 'PAY_PER_REQUEST', hash_key: 'id', attribute: [{ name: 'id', type: 'S' }],
      server_side_encryption: [{ enabled: true, kms_key_arn: kms }], point_in_time_recovery: [{ enabled: false }], tags: store(),
    });
    // logging: log retention of 30 days
    add('aws_cloudwatch_log_group', 'violation_logging', { name: '/muniguard/violation/logging', retention_in_days: 30, kms_key_id: kms });
    // mfa: a user pool of a classified system with MFA off
    add('aws_cognito_user_pool', 'violation_mfa', { name: 'muniguard-violation-mfa', mfa_configuration: 'OFF', tags: store() });
    // region: a resource created through a provider alias in us-east-1
    add('aws_cloudwatch_log_group', 'violation_region', { provider: 'aws.us', name: '/muniguard/violation/region', retention_in_days: 3653, kms_key_id: '${aws_kms_key.us.arn}' });
    add('aws_kms_key', 'us', { provider: 'aws.us', description: 'key of the out-of-region log group', enable_key_rotation: true });
    // contract-end: a store whose contract ended before the scan date
    add('aws_sqs_queue', 'violation_contract_end', { name: 'muniguard-violation-contract-end', kms_master_key_id: kms, tags: store({ ContractEnd: '2025-03-31' }) });
  }

  return {
    '//': 'muniguard example: generated by test/e2e/scenario.ts (npm run examples); do not edit by hand',
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '>= 5.0' } } },
    variable: { classification: { type: 'string', default: options.classification, description: 'classification of the example data (the profile scheme notation)' } },
    provider: {
      aws: [
        { region: 'ap-northeast-1', ...offline },
        ...(options.violations ? [{ alias: 'us', region: 'us-east-1', ...offline }] : []),
      ],
    },
    resource,
  };
}

function denyInsecure(bucket) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }],
  });
}

/** The bundled examples are this scenario for Osaka: `node test/e2e/scenario.js --write` regenerates them. */
function exampleFiles() {
  const text = (violations) => JSON.stringify(scenario({ classification: 'Ⅱ', violations }), null, 2) + '\n';
  return { 'examples/terraform/compliant/main.tf.json': text(false), 'examples/terraform/noncompliant/main.tf.json': text(true) };
}

/** Each bundled profile's notation for its most sensitive class, and the params file a city must supply (Nara). */
const PROFILE_SETTINGS = {
  osaka: { classification: 'Ⅰ' },
  kishiwada: { classification: 'Ａ' },
  kitakyushu: { classification: '第1種' },
  sendai: { classification: 'S' },
  nara: { classification: '機密性3', params: require('node:path').resolve(__dirname, '..', '..', 'policies/nara/params.example.yaml') },
};

module.exports = { AS_OF, FAMILIES_PLANTED, VIOLATION_ADDRESS, PROFILE_SETTINGS, scenario, exampleFiles };

if (require.main === module && process.argv.includes('--write')) {
  const fs = require('node:fs');
  const path = require('node:path');
  for (const [rel, text] of Object.entries(exampleFiles())) {
    const file = path.join(__dirname, '..', '..', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log('wrote', rel);
  }
}
