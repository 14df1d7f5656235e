import { AGENT_STATUSES, describeStore, loadText, Team, TeamError, type AgentStatus } from '../../core';
import { EXIT, notFoundError, usageError, write, writeJson } from '../cli-io';
import { stringOption, type Command } from '../command';
import { openStoreOption, STORE_HELP, STORE_OPTION } from '../store-option';
import { AGENT_COLUMNS, importRefused, readAgentsCsv, readJsonList } from '../team-file';

const USAGE = 'n8n-omnichannel agents import FILE.csv|FILE.json | list [--json] | set-status ID online|away|offline';

/** Columns padded to their widest cell, as a person reads a list in a terminal. */
function table(header: string[], rows: string[][]): string {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n') + '\n';
}

export const agentsCommand: Command = {
	name: 'agents',
	summary: 'import, list and set the status of the agents who take conversations',
	help: `Usage: ${USAGE}

agents import FILE
  Adds the agents of FILE and updates those already in the store (by id). FILE is a CSV with
  a header row of the columns ${AGENT_COLUMNS.join(', ')} (only id and name are
  required; comma, semicolon, tab or | delimited), or JSON: a list of agents, or {"agents": […]}.
    skills, languages, queues  lists separated by ; or | ("billing;returns"; quote the cell
                               when the file itself is ;-delimited); JSON takes lists
    capacity                   how many of each kind of work at once: chat=3;call=1;email=10
                               (JSON: {"chat": 3, "call": 1, "email": 10}); a kind not listed
                               is not taken
    status                     online, away or offline; empty keeps the agent's status
                               (new agents start offline)
  The whole file is checked first: a bad row is reported with its line (CSV, the header is line
  1) or item number (JSON), every bad row at once, and nothing is imported. Prints
  {"created": N, "updated": N}.

agents list [--json]
  A table of the agents: status, queues, load against capacity per kind (conversations not
  resolved), skills, languages. --json prints them as JSON instead.

agents set-status ID online|away|offline
  Online agents are given conversations; away and offline ones keep what they have.

Exit status: 0 done, 1 a bad file or a store failure, 2 usage error, 3 no such agent.

Options:
${STORE_HELP}
  --json
      agents list: JSON instead of a table.`,
	options: { ...STORE_OPTION, json: { type: 'boolean' } },
	async run({ values, positionals }, io) {
		const [action, ...rest] = positionals;
		const expect = (count: number, shape: string) => {
			if (rest.length !== count) throw usageError(`agents ${action} takes ${shape}: ${USAGE}`);
		};
		if (action === 'import') {
			expect(1, 'one file');
			const path = rest[0];
			const file = /\.json$/i.test(path) ? await readJsonList(path, 'agents') : await readAgentsCsv(path);
			const { config, db, guard } = await openStoreOption(stringOption(values, 'store'));
			const counts = await guard(() => new Team(db).importAgents(file.rows, { rowName: file.rowName }).catch((error: unknown) => Promise.reject(importRefused(path, error))));
			await writeJson(io.stdout, { file: path, store: describeStore(config), ...counts });
			return EXIT.ok;
		}
		if (action === 'list') {
			expect(0, 'no argument');
			const { db, guard } = await openStoreOption(stringOption(values, 'store'));
			const agents = await guard(() => new Team(db).listAgents());
			if (values.json === true) await writeJson(io.stdout, agents);
			else if (!agents.length) await write(io.stdout, 'No agents yet: add them with n8n-omnichannel agents import FILE.csv\n');
			else {
				const rows = agents.map((agent) => [agent.id, agent.name, agent.status, agent.queues.join(', '), loadText(agent), agent.skills.join(', '), agent.languages.join(', ')]);
				await write(io.stdout, table(['ID', 'NAME', 'STATUS', 'QUEUES', 'LOAD', 'SKILLS', 'LANGUAGES'], rows));
			}
			return EXIT.ok;
		}
		if (action === 'set-status') {
			expect(2, 'an agent id and a status');
			const [id, status] = rest;
			if (!AGENT_STATUSES.includes(status as AgentStatus)) throw usageError(`"${status}" is not a status: use ${AGENT_STATUSES.join(', ')}`);
			const { db, guard } = await openStoreOption(stringOption(values, 'store'));
			const agent = await guard(() =>
				new Team(db).setAgentStatus(id, status as AgentStatus).catch((error: unknown) => Promise.reject(error instanceof TeamError ? notFoundError(error.message) : error)),
			);
			await writeJson(io.stdout, agent);
			return EXIT.ok;
		}
		throw usageError(action === undefined ? `say what to do: ${USAGE}` : `unknown action "${action}": ${USAGE}`);
	},
};
