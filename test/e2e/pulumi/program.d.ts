/** Types of program.js (the example program under mocks, and the engine's view of it). */
import type { AnalyzerResource } from './analyzer-client';
export declare const ROOT: string;
export declare const EXAMPLE: string;
export declare const SENTINEL: string;
export declare const PROJECT: string;
export declare const STACK: string;
export interface CapturedResource {
  type: string;
  name: string;
  custom: boolean;
  urn: string;
  id?: string;
  parent?: string;
  provider?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  propertyDependencies: Record<string, string[]>;
  dependencies: string[];
}
export interface Captured {
  project: string;
  stack: string;
  preview: boolean;
  config: Record<string, string>;
  resources: CapturedResource[];
}
/** Run the example program under mocks (a child process). `config` is the stack config (`<project>:<key>`, `aws:region`). */
export declare function capture(config: Record<string, string>, preview: boolean, programDir?: string): Promise<Captured>;
/** What the engine sends in AnalyzeStack for the captured program. */
export declare function engineView(c: Captured): AnalyzerResource[];
