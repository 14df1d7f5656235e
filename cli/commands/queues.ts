import { describeStore, Team } from '../../core';
import { EXIT, usageError, writeJson } from '../cli-io';
import { stringOption, type Command } from '../command';
import { openStoreOption, STORE_HELP, STORE_OPTION } from '../store-option';
import { importRefused, readJsonList } from '../team-file';

const USAGE = 'n8n-omnichannel queues import FILE.json | list';

export const queuesCommand: Command = {
	name: 'queues',
	summary: 'import and list the queues conversations wait in: opening hours and response targets',
	help: `Usage: ${USAGE}

queues import FILE.json
  Adds the queues of FILE and replaces those already in the store (by name). FILE is a list of
  queues, or {"queues": […]}:
    [{"name": "Support", "priority": 0,
      "schedule": {"timeZone": "America/Sao_Paulo",
                   "weekly": {"monday": ["09:00-12:00", "13:00-18:00"], "saturday": ["09:00-13:00"]},
                   "holidays": ["2026-12-25", {"date": "2026-12-24", "hours": ["09:00-13:00"]}]},
      "sla": {"firstResponse": 15, "nextResponse": 60, "resolution": 1440, "businessHours": true}}]
  Only name is required. Without a schedule the queue is always open. The targets are in
  minutes, counted in the queue's open hours (businessHours true, the default) or around the
  clock (false); a routed conversation is due by its first (or next) response target. Higher
  priorities are listed first. Every bad queue is reported with its item number, and nothing
  is imported. Prints {"created": N, "updated": N}.

queues list
  The queues as JSON, higher priority first.

Exit status: 0 done, 1 a bad file or a store failure, 2 usage error.

Options:
${STORE_HELP}`,
	options: { ...STORE_OPTION },
	async run({ values, positionals }, io) {
		const [action, ...rest] = positionals;
		if (action === 'import' && rest.length === 1) {
			const path = rest[0];
			const file = await readJsonList(path, 'queues');
			const { config, db, guard } = await openStoreOption(stringOption(values, 'store'));
			const counts = await guard(() => new Team(db).importQueues(file.rows, { rowName: file.rowName }).catch((error: unknown) => Promise.reject(importRefused(path, error))));
			await writeJson(io.stdout, { file: path, store: describeStore(config), ...counts });
			return EXIT.ok;
		}
		if (action === 'list' && !rest.length) {
			const { db, guard } = await openStoreOption(stringOption(values, 'store'));
			await writeJson(io.stdout, await guard(() => new Team(db).listQueues()));
			return EXIT.ok;
		}
		throw usageError(action === undefined ? `say what to do: ${USAGE}` : `expected ${USAGE}`);
	},
};
