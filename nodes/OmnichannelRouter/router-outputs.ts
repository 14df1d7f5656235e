import type { INodeParameters } from 'n8n-workflow';

/**
 * The outputs the editor draws: one per route, labelled with its name, then "Fallback" when it
 * is on. The editor computes them from the parameters with an expression holding this
 * function's source, so it stays self-contained: no imports, nothing from outside.
 */
export function configuredOutputs(parameters: INodeParameters) {
	const collection = (parameters.routes || {}) as { route?: Array<{ name?: unknown }> };
	const routes = Array.isArray(collection.route) ? collection.route : [];
	const outputs = routes.map((route, index) => ({ type: 'main', displayName: typeof route.name === 'string' && route.name.trim() ? route.name.trim() : `Route ${index + 1}` }));
	if (parameters.fallback !== false) outputs.push({ type: 'main', displayName: 'Fallback' });
	return outputs;
}

/** The subtitle under the node: the routes' names when there are up to three, else how many. */
export function routesSubtitle(parameters: INodeParameters) {
	const collection = (parameters.routes || {}) as { route?: Array<{ name?: unknown }> };
	const routes = Array.isArray(collection.route) ? collection.route : [];
	if (!routes.length) return 'No routes yet';
	if (routes.length > 3) return `${routes.length} routes`;
	return routes.map((route, index) => (typeof route.name === 'string' && route.name.trim() ? route.name.trim() : `Route ${index + 1}`)).join(', ');
}

export const OUTPUTS_EXPRESSION: `={{${string}}}` = `={{(${configuredOutputs.toString()})($parameter)}}`;
export const SUBTITLE_EXPRESSION = `={{(${routesSubtitle.toString()})($parameter)}}`;
