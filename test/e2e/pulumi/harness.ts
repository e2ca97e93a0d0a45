/**
 * End-to-end harness for the Pulumi policy packs, without the Pulumi CLI (plain JS modules so the
 * benchmark in packages/pulumi/bench uses the same code):
 * - program.js: run the example program under `pulumi.runtime.setMocks` and build the resource
 *   list the engine sends in AnalyzeStack;
 * - analyzer-client.js: launch a pack exactly as the CLI does and drive it over the analyzer gRPC protocol.
 */
export { ROOT, EXAMPLE, SENTINEL, PROJECT, STACK, capture, engineView, type Captured, type CapturedResource } from './program';
export { PackProcess, defaultConfig, type AnalyzerResource, type AnalyzeResult, type Diagnostic, type PolicyInfo } from './analyzer-client';
