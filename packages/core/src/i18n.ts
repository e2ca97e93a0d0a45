export type Lang = 'ja' | 'en';
export interface Text {
  ja: string;
  en: string;
}

/** Replace `{{name}}` placeholders; unknown names are left visible so a mistake shows. */
export function format(template: string, data: Record<string, unknown> = {}): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, key: string) =>
    key in data ? stringify(data[key]) : whole,
  );
}

function stringify(value: unknown): string {
  if (Array.isArray(value)) return value.map(stringify).join(', ');
  if (value === undefined || value === null) return '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function formatText(text: Text, data?: Record<string, unknown>): Text {
  return { ja: format(text.ja, data), en: format(text.en, data) };
}
