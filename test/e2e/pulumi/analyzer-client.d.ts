/** Types of analyzer-client.js (the policy-pack launcher and analyzer gRPC client). */
export interface AnalyzerResource {
  urn: string;
  type: string;
  name: string;
  properties: Record<string, unknown>;
  provider?: { urn: string; type: string; name: string; properties: Record<string, unknown> };
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}
export interface Diagnostic {
  policyName: string;
  urn: string;
  message: string;
  enforcementLevel: 'advisory' | 'mandatory' | 'disabled' | 'remediate';
  severity: number;
}
export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel: string;
  severity: number;
  tags: string[];
  framework?: { name: string; version: string; reference: string; specification: string };
  configSchema?: Record<string, unknown>;
  remediationSteps: string;
  policyType: number;
}
export interface AnalyzeResult {
  diagnostics: Diagnostic[];
  notApplicable: string[];
}
export type PackConfig = Record<string, { enforcementLevel?: string; [key: string]: unknown }>;
export declare class PackProcess {
  readonly startedMs: number;
  static start(packDir: string, options?: { stackConfig?: Record<string, string>; project?: string; stack?: string; dryRun?: boolean; timeoutMs?: number }): Promise<PackProcess>;
  info(): Promise<{ name: string; version: string; policies: PolicyInfo[] }>;
  configure(config: PackConfig): Promise<void>;
  analyzeStack(resources: AnalyzerResource[]): Promise<AnalyzeResult>;
  analyze(resource: AnalyzerResource): Promise<AnalyzeResult>;
  stop(): Promise<void>;
}
export declare function defaultConfig(policies: PolicyInfo[]): Record<string, { enforcementLevel: string }>;
