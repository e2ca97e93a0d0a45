import * as fs from 'node:fs';
import * as path from 'node:path';

/** The tool version: the core package's version. */
export const VERSION: string = (() => {
  try {
    return JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')).version as string;
  } catch {
    return '0.0.0';
  }
})();
