export {
  resourceFromConfigurationItem, resourcesFromConfigurationItems, unreadableResource, itemFromSelectRow, itemAddress, decodeJson, decodePolicyDocument,
  CONFIG_MAPPINGS, CONFIG_TYPE_OF_KIND, type ConfigurationItemLike,
} from './config-items';
export { scanAccount, type ScanAccountOptions, type AccountScan } from './scan';
export { AwsApi, SERVICES, iamAction, type ApiOptions, type CallMeta } from './api';
export { accountResource, type AccountResponses } from './account';
export { parseCredentialReport, foldCredentialReport, type CredentialReportRow } from './credential-report';
export { recorderFact, records, selectExpression, type RecorderFact } from './config-source';
export { loadConfigFixture } from './fixture';
export * from './rule-handler';
export * from './conformance-pack';
export { isReadOnlyAction, scannerCommands, comparePolicy } from './least-privilege';
