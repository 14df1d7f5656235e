/** The refusal a second process gets on an embedded store's folder: who has it, and what to do instead. */
export function folderInUse(folder: string, pid: number | undefined): Error {
	return new Error(
		`the embedded store in ${folder} is in use by ${pid ? `process ${pid}` : 'another process'} (an n8n instance or the n8n-omnichannel CLI). ` +
			'Stop it first, or keep customers in PostgreSQL to share them between processes.',
	);
}
