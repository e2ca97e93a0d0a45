export * from './json';
export { writeText, type TextOptions } from './text';
export { writeMarkdown, type MarkdownOptions } from './markdown';
export { writeCsv, type CsvOptions } from './csv';
export { writeSarif, toSarif, findingFingerprint, sarifLevel, SARIF_SCHEMA, type SarifOptions, type SarifLevel } from './sarif';
export { writeJunit, type JunitOptions } from './junit';
export { VERDICT_LABELS, SEVERITY_LABELS, ENFORCEMENT_LABELS, compareFindings, type ReportOptions } from './common';
