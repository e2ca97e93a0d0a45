import { writeCsv, writeJson, writeJunit, writeMarkdown, writeSarif, writeText, type Control, type Lang, type ScanResult } from '@muniguard/core';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export function writeReport(format: Format, result: ScanResult, options: { lang: Lang; controls: ReadonlyMap<string, Control>; failOn?: 'fail' | 'unknown' | 'never' }): string {
  switch (format) {
    case 'json':
      return writeJson(result);
    case 'sarif':
      return writeSarif(result, options);
    case 'junit':
      return writeJunit(result, options);
    case 'markdown':
      return writeMarkdown(result, options);
    case 'csv':
      return writeCsv(result, options);
    default:
      return writeText(result, { ...options, color: false });
  }
}
