import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

const ROOT = join(__dirname, '..', '..');

/**
 * Writes `entry` (a .ts file of this repository) and the relative modules it imports, as JavaScript,
 * to the same paths under `outDir`; returns the entry's .js path. For child processes that must start
 * in milliseconds, which ts-node does not.
 */
export function transpileTree(entry: string, outDir: string, done = new Set<string>()): string {
	const source = resolve(ROOT, entry);
	const target = join(outDir, relative(ROOT, source)).replace(/\.ts$/, '.js');
	if (done.has(source)) return target;
	done.add(source);
	const code = readFileSync(source, 'utf8');
	const { outputText } = transpileModule(code, { compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022, esModuleInterop: true } });
	mkdirSync(dirname(target), { recursive: true });
	writeFileSync(target, outputText);
	for (const [, specifier] of code.matchAll(/from '(\.{1,2}\/[^']+)'/g)) transpileTree(`${resolve(dirname(source), specifier)}.ts`, outDir, done);
	return target;
}
