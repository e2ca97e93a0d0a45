/**
 * Normalized kinds and their properties. Adapters produce these shapes; controls read them.
 * Property names are camelCase; every property may be `undefined` (attribute omitted), an
 * `Unknown` (not known at scan time) or a `Ref` (set to a sibling resource's attribute).
 *
 * AWS::S3::Bucket            bucket, arn, encryption {algorithm, kmsKeyId, bucketKeyEnabled},
 *                            versioning {status: Enabled|Suspended|Disabled}, logging {targetBucket, targetPrefix},
 *                            publicAccessBlock {blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets},
 *                            policy (IAM policy document object), acl,
 *                            replication {rules: [{id, status, destinationBucket, destinationRegion}]}
 * AWS::RDS::DBInstance       identifier, engine, storageEncrypted, kmsKeyId, backupRetentionPeriod, copyTagsToSnapshot, multiAz,
 *                            publiclyAccessible, replicateSourceDb, dbClusterIdentifier (set for an Aurora member), arn
 * AWS::RDS::DBCluster        clusterIdentifier, engine, storageEncrypted, kmsKeyId, backupRetentionPeriod, copyTagsToSnapshot,
 *                            availabilityZones[], replicationSourceIdentifier, arn
 * AWS::DynamoDB::Table       sse {enabled, kmsKeyArn}, pointInTimeRecovery (boolean), replicas [{regionName, kmsKeyArn}], arn
 * AWS::EFS::FileSystem       encrypted, kmsKeyId, backupPolicy {status: ENABLED|DISABLED}, arn
 * AWS::EC2::Volume           encrypted, kmsKeyId, availabilityZone, arn
 * AWS::ElastiCache::ReplicationGroup  atRestEncryptionEnabled, transitEncryptionEnabled, kmsKeyId,
 *                            snapshotRetentionLimit, multiAzEnabled, automaticFailoverEnabled, arn
 * AWS::ElastiCache::CacheCluster      engine, snapshotRetentionLimit, replicationGroupId, arn
 * AWS::SQS::Queue            kmsMasterKeyId, sqsManagedSseEnabled, arn
 * AWS::SNS::Topic            kmsMasterKeyId, arn
 * AWS::KMS::Key              enableKeyRotation, keySpec (SYMMETRIC_DEFAULT, RSA_2048…), keyUsage, keyManager (CUSTOMER|AWS), arn
 * AWS::ElasticLoadBalancingV2::Listener  protocol, port, sslPolicy, defaultActions [{type, redirectProtocol}]
 * AWS::Backup::BackupPlan    rules [{name, schedule, deleteAfterDays, copyActions [{destinationVaultArn, deleteAfterDays}]}]
 * AWS::Backup::BackupSelection  planId, resources [], notResources [], selectionTags [{type, key, value}],
 *                            conditions {stringEquals, stringLike, stringNotEquals, stringNotLike: [{key, value}]}
 * AWS::Backup::BackupVault   kmsKeyArn
 * AWS::Logs::LogGroup        name, retentionInDays (0 / omitted = never expire), kmsKeyId, logGroupClass (STANDARD|INFREQUENT_ACCESS|DELIVERY)
 * AWS::CloudTrail::Trail     isMultiRegionTrail, enableLogFileValidation, kmsKeyId, isOrganizationTrail
 * AWS::EC2::VPC              id (vpc-… when known), cidrBlock, flowLogs [{address, trafficType}]
 * AWS::EC2::Subnet           vpcId, mapPublicIpOnLaunch
 * AWS::EC2::InternetGateway  vpcId
 * AWS::EC2::EgressOnlyInternetGateway  vpcId
 * AWS::EC2::NatGateway       subnetId, connectivityType (public|private)
 * AWS::EC2::Instance         subnetId, associatePublicIpAddress
 * AWS::EC2::SecurityGroup    vpcId, ingress [{protocol, fromPort, toPort, cidrIpv4 [], cidrIpv6 []}]
 * AWS::Cognito::UserPool     mfaConfiguration (ON|OFF|OPTIONAL)
 * AWS::IAM::Role             assumeRolePolicy (document), managedPolicyArns [], inlinePolicies [document]
 * AWS::IAM::User             loginProfile (true when a console password exists), managedPolicyArns [], inlinePolicies [], groups []
 *                            Live scan only (IAM credential report; absent in IaC inputs, Unknown when the report could not be read):
 *                            mfaActive (boolean), createDate (ISO date-time),
 *                            passwordLastUsed (ISO date-time | null = never used or no record), passwordLastChanged (ISO | null),
 *                            accessKeys [{ slot (1|2), active (boolean), lastUsed (ISO | null = never), lastRotated (ISO | null) }]
 * AWS::IAM::Group            managedPolicyArns [], inlinePolicies []
 * AWS::IAM::ManagedPolicy    policyDocument, arn
 * AWS::::Account             Live scan only: the state of one AWS account that no IaC resource declares (AWS Config names
 *                            account-level evaluations with this type). id/address `AWS::::Account:<accountId>`, name = the
 *                            account alias when there is one, region undefined. Each property may be Unknown (could not be read):
 *                            accountId, alias,
 *                            rootMfaEnabled (boolean, IAM GetAccountSummary AccountMFAEnabled),
 *                            rootAccessKeysPresent (boolean, AccountAccessKeysPresent),
 *                            rootPasswordPresent (boolean, AccountPasswordPresent; false when root access is managed centrally
 *                              by AWS Organizations and the root user has no credentials; undefined when the summary omits it),
 *                            passwordPolicy ({ minimumPasswordLength, requireSymbols, requireNumbers, requireUppercaseCharacters,
 *                              requireLowercaseCharacters, maxPasswordAge, passwordReusePrevention } | null = the account has none),
 *                            enabledRegions [] (every region enabled for the account, EC2 DescribeRegions),
 *                            scannedRegions [] (the regions this scan read; a region's facts below are absent when not scanned),
 *                            trails [{ arn, name, homeRegion, isMultiRegionTrail, logFileValidationEnabled, isOrganizationTrail,
 *                              isLogging (boolean | Unknown) }] (every trail that applies to the account, organization trails included),
 *                            configRecorders { <region>: { name, recording (boolean), allSupported, includeGlobalResourceTypes,
 *                              resourceTypes [] } | null (no recorder) | Unknown },
 *                            guardDuty { <region>: { detectorId, status (ENABLED|DISABLED) } | null (no detector) | Unknown }
 */
export const KINDS = {
  S3Bucket: 'AWS::S3::Bucket',
  RdsInstance: 'AWS::RDS::DBInstance',
  RdsCluster: 'AWS::RDS::DBCluster',
  DynamoTable: 'AWS::DynamoDB::Table',
  EfsFileSystem: 'AWS::EFS::FileSystem',
  EbsVolume: 'AWS::EC2::Volume',
  CacheReplicationGroup: 'AWS::ElastiCache::ReplicationGroup',
  CacheCluster: 'AWS::ElastiCache::CacheCluster',
  SqsQueue: 'AWS::SQS::Queue',
  SnsTopic: 'AWS::SNS::Topic',
  KmsKey: 'AWS::KMS::Key',
  LbListener: 'AWS::ElasticLoadBalancingV2::Listener',
  BackupPlan: 'AWS::Backup::BackupPlan',
  BackupSelection: 'AWS::Backup::BackupSelection',
  BackupVault: 'AWS::Backup::BackupVault',
  LogGroup: 'AWS::Logs::LogGroup',
  Trail: 'AWS::CloudTrail::Trail',
  Vpc: 'AWS::EC2::VPC',
  Subnet: 'AWS::EC2::Subnet',
  InternetGateway: 'AWS::EC2::InternetGateway',
  EgressOnlyInternetGateway: 'AWS::EC2::EgressOnlyInternetGateway',
  NatGateway: 'AWS::EC2::NatGateway',
  Instance: 'AWS::EC2::Instance',
  SecurityGroup: 'AWS::EC2::SecurityGroup',
  UserPool: 'AWS::Cognito::UserPool',
  IamRole: 'AWS::IAM::Role',
  IamUser: 'AWS::IAM::User',
  IamGroup: 'AWS::IAM::Group',
  IamManagedPolicy: 'AWS::IAM::ManagedPolicy',
  Account: 'AWS::::Account',
} as const;

/**
 * Kinds only a live scan produces: account state that no Terraform / Pulumi / CDKTF resource declares.
 * Controls over these kinds have no IaC fixtures (their folder says why in `fixtures/NO-TERRAFORM.md`).
 */
export const LIVE_ONLY_KINDS: readonly string[] = [KINDS.Account];

/** The address of an account's `AWS::::Account` resource. */
export function accountAddress(accountId: string): string {
  return `${KINDS.Account}:${accountId}`;
}

/** Stores of data: they must carry a classification and follow the classified-data duties. */
export const DATA_STORE_KINDS: readonly string[] = [
  KINDS.S3Bucket,
  KINDS.RdsInstance,
  KINDS.RdsCluster,
  KINDS.DynamoTable,
  KINDS.EfsFileSystem,
  KINDS.EbsVolume,
  KINDS.CacheReplicationGroup,
  KINDS.CacheCluster,
  KINDS.SqsQueue,
  KINDS.SnsTopic,
];

/** Data stores whose content must be recoverable from a backup (messaging is transient). */
export const BACKUP_STORE_KINDS: readonly string[] = DATA_STORE_KINDS.filter(
  (k) => k !== KINDS.SqsQueue && k !== KINDS.SnsTopic,
);

/** Kinds that have no region (IAM is global). */
export const GLOBAL_KINDS: readonly string[] = [KINDS.IamRole, KINDS.IamUser, KINDS.IamGroup, KINDS.IamManagedPolicy, KINDS.Account];

export function isDataStore(kind: string): boolean {
  return DATA_STORE_KINDS.includes(kind);
}
