import { mergesTheRuleWouldHold, shareIdentifier } from '../../core/identity/shared-review';
import { EXIT, usageError, write } from '../cli-io';
import { stringOption, type Command } from '../command';
import { openGraph, STORE_HELP, STORE_OPTION } from '../store-option';

export const reviewSharedCommand: Command = {
	name: 'review-shared',
	summary: 'list past merges a shared phone made between two people, and undo them (--undo)',
	help: `Usage: n8n-omnichannel review-shared [--store S] [--undo]

A family's WhatsApp or a shop's landline links people without merging them. Merges made
before that rule (or with it off) may have made two people one customer. This lists the
automatic merges still in force that the rule would have held: the merge's only link between
the two customers was a phone (or WhatsApp account id), both had their own e-mail, CRM or
external id, and their first names differ. Merges made by a person are not listed.

Prints one JSON line per merge on stdout:
  {"merge": "12", "mergedAt": "…", "kept": "<customer id>", "mergedAway": "<customer id>",
   "sharedBy": [{"kind": "phone", "value": "+5521…"}], "reason": "the phone … is shared by
   Maria Souza and João Souza: …", "evidence": {"kept": {…}, "mergedAway": {…}}}

--undo undoes each of them with Unmerge (latest first), and links both customers to the
phone without merging them; each line then says "undone": true.

Exit status: 0 done (also when nothing is listed), 1 store failure, 2 usage error.

Options:
${STORE_HELP}
  --undo
      Undo the merges listed.`,
	options: { ...STORE_OPTION, undo: { type: 'boolean' } },
	async run({ values, positionals }, io) {
		if (positionals.length) throw usageError(`unexpected argument ${positionals[0]}`);
		const { graph, guard } = await openGraph(stringOption(values, 'store'));
		const held = await guard(() => mergesTheRuleWouldHold(graph.db, graph.rules.shared));
		const undone = new Set<string>();
		if (values.undo === true) {
			// Latest first: a chain of merges unwinds in the order it was made, backwards.
			for (const merge of [...held].reverse()) {
				await guard(async () => {
					await graph.unmerge(merge.mergedAwayId);
					for (const identifier of merge.sharedBy) {
						const reason = `${identifier.kind} ${identifier.value} links customers ${merge.keptId} and ${merge.mergedAwayId} without merging them: merge ${merge.mergeId} through it was undone on review`;
						await shareIdentifier(graph.db, identifier, [merge.keptId, merge.mergedAwayId], reason);
					}
				});
				undone.add(merge.mergeId);
			}
		}
		for (const merge of held) {
			const { mergeId, mergedAt, keptId, mergedAwayId, sharedBy, reason, evidence } = merge;
			const line = { merge: mergeId, mergedAt, kept: keptId, mergedAway: mergedAwayId, sharedBy, reason, evidence, ...(values.undo === true ? { undone: undone.has(mergeId) } : {}) };
			await write(io.stdout, `${JSON.stringify(line)}\n`);
		}
		return EXIT.ok;
	},
};
