import type { ScanResult, Finding } from '../evaluate';
import { VERSION } from '../version';

/** The CLI/JSON contract (DESIGN.md), schemaVersion 1. Fields are only ever added, never renamed. */
export function toJsonReport(result: ScanResult): Record<string, unknown> {
  const p = result.profile;
  return {
    schemaVersion: 1,
    tool: { name: 'muniguard', version: VERSION },
    profile: {
      id: p.id,
      title: p.standard.title,
      municipality: p.municipality,
      date: p.standard.date ?? null,
      source: p.standard.source,
    },
    asOf: result.asOf,
    inputs: result.inputs,
    resourceCount: result.resourceCount,
    summary: result.summary,
    findings: result.findings.map(findingJson),
    waivers: {
      unmatched: result.unmatchedWaivers.map(({ origin, control, resources, expires }) => ({ origin, control, resources, expires })),
    },
    parameters: result.parameters.map((r) => ({
      name: r.name,
      value: r.value,
      source: r.source,
      ...(r.clause ? { clause: r.clause } : {}),
      ...(r.file ? { file: r.file } : {}),
      ...(r.setBy ? { setBy: r.setBy } : {}),
      ...(r.rationale ? { rationale: r.rationale } : {}),
    })),
    manual: result.manualClauses.map((c) => ({ standard: p.id, path: c.path, title: c.title, evidence: c.manual })),
  };
}

function findingJson(f: Finding): Record<string, unknown> {
  return {
    controlId: f.controlId,
    family: f.family,
    verdict: f.verdict,
    severity: f.severity,
    enforcement: f.enforcement,
    resource: f.resource,
    path: f.path,
    messageId: f.messageId,
    message: f.message,
    clauses: f.clauses,
    waiver: f.waiver,
  };
}

export function writeJson(result: ScanResult): string {
  return JSON.stringify(toJsonReport(result), null, 2) + '\n';
}
