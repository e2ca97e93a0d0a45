'use strict';
/**
 * `npm run docs`: regenerate the documentation generated from the metadata (controls, profiles,
 * fixtures) — `node test/docs/run.js`. `--check` writes nothing and exits 1 when a committed file
 * is stale (the same comparison as test/meta/docs-fresh.test.ts); `--out DIR` writes under DIR
 * instead of the repository (to preview).
 *
 * The generator is TypeScript (test/docs/generate.ts) and reads the packages' sources, exactly as
 * jest does: a small loader transpiles `.ts` with the installed TypeScript (same options as the
 * jest transform) and maps `@muniguard/<pkg>` to `packages/<pkg>/src`. So the output does not
 * depend on whether `dist/` is built or stale, and the test and this command agree.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..', '..');

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  resolveJsonModule: true,
  isolatedModules: true,
  sourceMap: false,
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const m = /^@muniguard\/([a-z-]+)$/.exec(request);
  const mapped = m ? path.join(ROOT, 'packages', m[1], 'src') : request;
  return resolveFilename.call(this, mapped, parent, ...rest);
};
Module._extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: COMPILER_OPTIONS, fileName: filename });
  module._compile(outputText, filename);
};

async function main(argv) {
  const { generateDocs, staleDocs, writeDocs } = require('./generate.ts');
  const started = Date.now();
  const files = await generateDocs();
  if (argv.includes('--check')) {
    const problems = staleDocs(files, ROOT);
    for (const p of problems) console.error(p);
    if (problems.length) {
      console.error('docs are stale: run `npm run docs`');
      return 1;
    }
    console.log(`docs are fresh (${files.length} files)`);
    return 0;
  }
  const outAt = argv.indexOf('--out');
  const root = outAt >= 0 && argv[outAt + 1] ? path.resolve(argv[outAt + 1]) : ROOT;
  const { written, removed } = writeDocs(files, root);
  console.log(`docs: ${files.length} files (${written.length} written, ${removed.length} removed) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const f of [...written, ...removed.map((r) => `${r} (removed)`)]) console.log(`  ${f}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exit(2);
  },
);
