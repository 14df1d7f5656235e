import type { INodeProperties, INodeType } from 'n8n-workflow';
import { OmnichannelEmail } from '../../nodes/OmnichannelEmail/OmnichannelEmail.node';
import { OmnichannelEvolution } from '../../nodes/OmnichannelEvolution/OmnichannelEvolution.node';
import { OmnichannelInstagram } from '../../nodes/OmnichannelInstagram/OmnichannelInstagram.node';
import { OmnichannelMessenger } from '../../nodes/OmnichannelMessenger/OmnichannelMessenger.node';
import { OmnichannelTelegram } from '../../nodes/OmnichannelTelegram/OmnichannelTelegram.node';
import { OmnichannelTwilio } from '../../nodes/OmnichannelTwilio/OmnichannelTwilio.node';
import { OmnichannelWhatsApp } from '../../nodes/OmnichannelWhatsApp/OmnichannelWhatsApp.node';

const NODES: INodeType[] = [new OmnichannelWhatsApp(), new OmnichannelEvolution(), new OmnichannelMessenger(), new OmnichannelInstagram(), new OmnichannelTelegram(), new OmnichannelTwilio(), new OmnichannelEmail()];

/** Every property, options of collections included, with the path the editor knows it by. */
function allProperties(properties: INodeProperties[], prefix = ''): Array<{ path: string; property: INodeProperties }> {
	return properties.flatMap((property) => {
		const path = `${prefix}${property.name}`;
		const nested = property.type === 'collection' ? allProperties((property.options ?? []) as INodeProperties[], `${path}.`) : [];
		return [{ path, property }, ...nested];
	});
}

describe('the channel nodes\' resource locators', () => {
	it('each list names a search the node has, and each search serves a list', () => {
		const lists: Record<string, Record<string, string>> = {};
		for (const node of NODES) {
			const { name, properties } = node.description;
			const searches = Object.keys(node.methods?.listSearch ?? {});
			const used: Record<string, string> = {};
			for (const { path, property } of allProperties(properties)) {
				if (property.type !== 'resourceLocator') continue;
				expect({ node: name, path, default: property.default }).toEqual({ node: name, path, default: { mode: 'list', value: '' } });
				for (const mode of property.modes ?? []) {
					const method = mode.typeOptions?.searchListMethod;
					if (method) used[path] = method;
				}
			}
			expect({ node: name, searches: searches.sort() }).toEqual({ node: name, searches: [...new Set(Object.values(used))].sort() });
			if (Object.keys(used).length) lists[name] = used;
		}
		expect(lists).toEqual({
			omnichannelWhatsApp: { templateName: 'searchTemplates', 'options.phoneNumberId': 'searchPhoneNumbers' },
			omnichannelEvolution: { 'options.instanceName': 'searchInstances' },
			omnichannelMessenger: { 'options.pageId': 'searchPages' },
			omnichannelInstagram: { 'options.igAccountId': 'searchInstagramAccounts' },
			omnichannelTwilio: { from: 'searchPhoneNumbers', messagingServiceSid: 'searchMessagingServices' },
		});
	});

	it('every operation of every node reads one resource ("message") with one operation list', () => {
		for (const node of NODES) {
			const operations = node.description.properties.filter((property) => property.name === 'operation');
			expect({ node: node.description.name, operationLists: operations.length }).toEqual({ node: node.description.name, operationLists: 1 });
			const resource = node.description.properties.find((property) => property.name === 'resource');
			if (resource) expect(resource.options).toEqual([{ name: 'Message', value: 'message' }]);
		}
	});
});
