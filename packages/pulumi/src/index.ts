export { AWS_TYPES, PLURAL_KEYS, terraformTypeOf, terraformKey } from './aws-types';
export { normalizePulumi, readAnalyzerResources, providerUrnOf } from './adapter';
export { NATIVE_TYPES, NATIVE_FOLDS, NATIVE_PREFIX } from './native';
export { GAPS, coverage, mappedKinds, nativeTokens, type Gap, type PulumiProviderPackage } from './gaps';
export { loadStackExport, readStackExport, looksLikeStackExport, type LoadedStackExport } from './stack-export';
export {
  buildPolicies, buildPolicyPack, fromPolicyResource, levelOf, violationMessage, SETTINGS_POLICY,
  type BuildOptions, type BuiltPack, type PackSettings,
} from './policies';
export { runPolicyPack } from './pack';
export { UNKNOWN_SENTINEL, UNKNOWN_SENTINELS, PREVIEW_UNKNOWN, type PulumiResource, type PulumiProvider, type NormalizeOptions } from './model';
