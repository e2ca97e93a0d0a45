import {
  toJsonReport, toSarif, withBaselineJson, withBaselineMarkdown, withBaselineSarif, withBaselineText,
  writeCsv, writeJson, writeJunit, writeMarkdown, writeSarif, writeText,
  type BaselineComparison, type Control, type Lang, type ScanResult,
} from '@muniguard/core';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export interface WriteReportOptions {
  lang: Lang;
  controls: ReadonlyMap<string, Control>;
  failOn?: 'fail' | 'unknown' | 'never';
  /** With --baseline / --write-baseline: the comparison, added to every format. */
  baseline?: BaselineComparison;
}

export function writeReport(format: Format, result: ScanResult, options: WriteReportOptions): string {
  const b = options.baseline;
  const failOn = options.failOn ?? 'fail';
  switch (format) {
    case 'json':
      return b ? JSON.stringify(withBaselineJson(toJsonReport(result), result, b), null, 2) + '\n' : writeJson(result);
    case 'sarif':
      return b ? JSON.stringify(withBaselineSarif(toSarif(result, options), result, b), null, 2) + '\n' : writeSarif(result, options);
    case 'junit':
      return writeJunit(result, options);
    case 'markdown': {
      const md = writeMarkdown(result, options);
      return b ? withBaselineMarkdown(md, result, b, options.lang, failOn) : md;
    }
    case 'csv':
      return writeCsv(result, options);
    default: {
      const text = writeText(result, { ...options, color: false });
      return b ? withBaselineText(text, result, b, options.lang, failOn) : text;
    }
  }
}
