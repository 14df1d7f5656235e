import { open } from 'node:fs/promises';
import { failure } from './cli-io';

/** Opens FILE for reading, or a clear exit-1 error saying why it can't be read. */
export async function openInputFile(path: string) {
	try {
		return await open(path, 'r');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
		throw failure(`cannot read ${path}: ${reason}`);
	}
}

/** The text of FILE, or stdin when FILE is `-` or not given. */
export async function openInput(path: string | undefined, stdin: NodeJS.ReadableStream): Promise<NodeJS.ReadableStream> {
	if (path === undefined || path === '-') return stdin;
	const handle = await openInputFile(path);
	return handle.createReadStream({ encoding: 'utf8' });
}

/** The bytes of FILE, or stdin when FILE is `-` or not given, unchanged (no decoding). */
export async function openInputBytes(path: string | undefined, stdin: NodeJS.ReadableStream): Promise<NodeJS.ReadableStream> {
	if (path === undefined || path === '-') return stdin;
	return (await openInputFile(path)).createReadStream();
}
