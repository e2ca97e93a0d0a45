/**
 * @pulumi/aws is bridged from the Terraform AWS provider: each Pulumi resource type is one
 * Terraform resource type and its properties are the Terraform attributes in camelCase. This
 * table names the Terraform type behind every Pulumi type token the Terraform normalizer
 * (@muniguard/terraform MAPPINGS and FOLDS) knows, so normalization is written once.
 *
 * Tokens are the `__pulumiType` strings of @pulumi/aws 7.48.0, the deprecated `…V2` names, and
 * the legacy tokens @pulumi/aws declares as aliases (state written by older versions).
 */
export const AWS_TYPES: Readonly<Record<string, readonly string[]>> = {
  aws_s3_bucket: ['aws:s3/bucket:Bucket', 'aws:s3/bucketV2:BucketV2'],
  aws_s3_bucket_server_side_encryption_configuration: [
    'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
    'aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2',
  ],
  aws_s3_bucket_versioning: ['aws:s3/bucketVersioning:BucketVersioning', 'aws:s3/bucketVersioningV2:BucketVersioningV2'],
  aws_s3_bucket_logging: ['aws:s3/bucketLogging:BucketLogging', 'aws:s3/bucketLoggingV2:BucketLoggingV2'],
  aws_s3_bucket_public_access_block: ['aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock'],
  aws_s3_bucket_policy: ['aws:s3/bucketPolicy:BucketPolicy'],
  aws_s3_bucket_acl: ['aws:s3/bucketAcl:BucketAcl', 'aws:s3/bucketAclV2:BucketAclV2'],
  aws_s3_bucket_replication_configuration: ['aws:s3/bucketReplicationConfig:BucketReplicationConfig'],
  aws_db_instance: ['aws:rds/instance:Instance'],
  aws_rds_cluster_instance: ['aws:rds/clusterInstance:ClusterInstance'],
  aws_rds_cluster: ['aws:rds/cluster:Cluster'],
  aws_dynamodb_table: ['aws:dynamodb/table:Table'],
  aws_efs_file_system: ['aws:efs/fileSystem:FileSystem'],
  aws_efs_backup_policy: ['aws:efs/backupPolicy:BackupPolicy'],
  aws_ebs_volume: ['aws:ebs/volume:Volume'],
  aws_elasticache_replication_group: ['aws:elasticache/replicationGroup:ReplicationGroup'],
  aws_elasticache_cluster: ['aws:elasticache/cluster:Cluster'],
  aws_sqs_queue: ['aws:sqs/queue:Queue'],
  aws_sns_topic: ['aws:sns/topic:Topic'],
  aws_kms_key: ['aws:kms/key:Key'],
  aws_lb_listener: ['aws:lb/listener:Listener', 'aws:elasticloadbalancingv2/listener:Listener'],
  aws_alb_listener: ['aws:alb/listener:Listener', 'aws:applicationloadbalancing/listener:Listener'],
  aws_backup_plan: ['aws:backup/plan:Plan'],
  aws_backup_selection: ['aws:backup/selection:Selection'],
  aws_backup_vault: ['aws:backup/vault:Vault'],
  aws_cloudwatch_log_group: ['aws:cloudwatch/logGroup:LogGroup'],
  aws_cloudtrail: ['aws:cloudtrail/trail:Trail'],
  aws_vpc: ['aws:ec2/vpc:Vpc'],
  aws_flow_log: ['aws:ec2/flowLog:FlowLog'],
  aws_subnet: ['aws:ec2/subnet:Subnet'],
  aws_internet_gateway: ['aws:ec2/internetGateway:InternetGateway'],
  aws_internet_gateway_attachment: ['aws:ec2/internetGatewayAttachment:InternetGatewayAttachment'],
  aws_egress_only_internet_gateway: ['aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway'],
  aws_nat_gateway: ['aws:ec2/natGateway:NatGateway'],
  aws_instance: ['aws:ec2/instance:Instance'],
  aws_security_group: ['aws:ec2/securityGroup:SecurityGroup'],
  aws_security_group_rule: ['aws:ec2/securityGroupRule:SecurityGroupRule'],
  aws_vpc_security_group_ingress_rule: ['aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule'],
  aws_cognito_user_pool: ['aws:cognito/userPool:UserPool'],
  aws_iam_role: ['aws:iam/role:Role'],
  aws_iam_role_policy_attachment: ['aws:iam/rolePolicyAttachment:RolePolicyAttachment'],
  aws_iam_role_policy: ['aws:iam/rolePolicy:RolePolicy'],
  aws_iam_user: ['aws:iam/user:User'],
  aws_iam_user_policy_attachment: ['aws:iam/userPolicyAttachment:UserPolicyAttachment'],
  aws_iam_user_policy: ['aws:iam/userPolicy:UserPolicy'],
  aws_iam_user_login_profile: ['aws:iam/userLoginProfile:UserLoginProfile'],
  aws_iam_user_group_membership: ['aws:iam/userGroupMembership:UserGroupMembership'],
  aws_iam_group: ['aws:iam/group:Group'],
  aws_iam_group_policy_attachment: ['aws:iam/groupPolicyAttachment:GroupPolicyAttachment'],
  aws_iam_group_policy: ['aws:iam/groupPolicy:GroupPolicy'],
  aws_iam_policy: ['aws:iam/policy:Policy'],
  aws_iam_policy_attachment: ['aws:iam/policyAttachment:PolicyAttachment'],
};

const BY_TOKEN = new Map<string, string>();
for (const [tf, tokens] of Object.entries(AWS_TYPES)) for (const t of tokens) BY_TOKEN.set(t, tf);

const TOKEN = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):[A-Za-z0-9]+$/;

/** camelCase -> snake_case, the bridge's rule for Terraform attribute names. */
export function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

/**
 * The Terraform type behind a @pulumi/aws token: from the table, or derived by the bridge's naming
 * rule (`aws:<module>/<name>:<Type>` -> `aws_<module>_<name in snake_case>`) for types no control
 * reads, so they still get a region (and the Terraform normalizer's global-type rule). Derived
 * names are approximate and only used for that. undefined for anything that is not `aws:`.
 */
export function terraformTypeOf(token: string): { type: string; mapped: boolean } | undefined {
  const mapped = BY_TOKEN.get(token);
  if (mapped) return { type: mapped, mapped: true };
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  return { type: `aws_${m[1]}_${snake(m[2])}`, mapped: false };
}

/**
 * The bridge pluralizes list blocks that may repeat (`rule` -> `rules`). The Terraform names of
 * the ones the normalizer reads; every other key is plain snake_case.
 */
export const PLURAL_KEYS: Readonly<Record<string, string>> = {
  rules: 'rule',
  copyActions: 'copy_action',
  replicas: 'replica',
  defaultActions: 'default_action',
  inlinePolicies: 'inline_policy',
  selectionTags: 'selection_tag',
  conditions: 'condition',
  stringLikes: 'string_like',
  stringNotLikes: 'string_not_like',
  serverSideEncryptionConfigurations: 'server_side_encryption_configuration',
  applyServerSideEncryptionByDefaults: 'apply_server_side_encryption_by_default',
  versionings: 'versioning',
  loggings: 'logging',
  replicationConfigurations: 'replication_configuration',
  destinations: 'destination',
};

export function terraformKey(pulumiKey: string): string {
  return PLURAL_KEYS[pulumiKey] ?? snake(pulumiKey);
}

/** Values whose keys are data, not attribute names: tag maps and IAM policy documents. */
export const OPAQUE_KEYS: ReadonlySet<string> = new Set(['tags', 'tagsAll', 'policy', 'assumeRolePolicy', 'policyDocument']);
/** Values that may never become a Ref: a map of tags is data, not a reference to a resource. */
export const TAG_KEYS: ReadonlySet<string> = new Set(['tags', 'tagsAll']);
