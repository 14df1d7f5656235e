import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** The name and value of every choice of the options parameter `name`. */
function choices(properties: INodeProperties[], name: string): INodePropertyOptions[] {
	const property = properties.find((candidate) => candidate.name === name && candidate.type === 'options');
	if (!property?.options) throw new Error(`No options parameter "${name}" to build a subtitle from`);
	return property.options as INodePropertyOptions[];
}

/**
 * The subtitle the editor shows under a node: the name of the chosen option, as the
 * person picked it ("Resolve Customer"), never its internal value ("resolve").
 */
export function optionSubtitle(properties: INodeProperties[], name = 'operation'): string {
	const names = Object.fromEntries(choices(properties, name).map((choice) => [String(choice.value), choice.name]));
	return `={{ ${JSON.stringify(names)}[$parameter["${name}"]] || $parameter["${name}"] }}`;
}
