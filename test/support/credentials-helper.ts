/**
 * ICredentialsHelper for tests: credentials are given already decrypted, keyed
 * by credential type name. Authentication of HTTP requests follows the same
 * rules as n8n's own helper: a credential type's `authenticate` is either a
 * function or a `generic` description whose values may be expressions such as
 * `={{$credentials.apiKey}}`, resolved with n8n's real expression engine.
 */
import { Credentials } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

export type CredentialsMap = Record<string, ICredentialDataDecryptedObject>;
export type CredentialTypesInput = ICredentialType[] | Record<string, ICredentialType>;

export function toCredentialTypeMap(
	input: CredentialTypesInput | undefined,
): Record<string, ICredentialType> {
	if (input === undefined) return {};
	if (Array.isArray(input)) {
		return Object.fromEntries(input.map((type) => [type.name, type]));
	}
	return { ...input };
}

const emptyNodeTypes: INodeTypes = {
	getByName: (type) => {
		throw new Error(`Unknown node type "${type}"`);
	},
	getByNameAndVersion: (type) => {
		throw new Error(`Unknown node type "${type}"`);
	},
	getKnownTypes: () => ({}),
};

export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** Decrypted credential data by type; updated when a node refreshes a token. */
	readonly credentials: CredentialsMap;

	constructor(
		credentials: CredentialsMap = {},
		private readonly credentialTypes: Record<string, ICredentialType> = {},
	) {
		super();
		// Copy so that token refreshes (updateCredentials) never mutate the caller's object.
		this.credentials = Object.fromEntries(
			Object.entries(credentials).map(([type, data]) => [type, { ...data }]),
		);
	}

	getParentTypes(name: string): string[] {
		const parents = this.credentialTypes[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const credentialType = this.credentialTypes[typeName];
		const authenticate = credentialType?.authenticate;
		if (authenticate === undefined) return requestOptions as IHttpRequestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}

		if (authenticate.type !== 'generic') return requestOptions as IHttpRequestOptions;

		const options = requestOptions as unknown as Record<string, IDataObject | undefined>;
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			const resolvedEntries: IDataObject = options[target] ?? {};
			for (const [key, value] of Object.entries(entries as IDataObject)) {
				const resolvedKey = this.resolve(key, credentials, workflow, node);
				const resolvedValue = this.resolve(value, credentials, workflow, node);
				resolvedEntries[String(resolvedKey)] = resolvedValue as IDataObject[string];
			}
			options[target] = resolvedEntries;
		}
		return requestOptions as IHttpRequestOptions;
	}

	/** Resolves `=...` values with n8n's expression engine and `$credentials` in scope. */
	private resolve(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow?: Workflow,
		node?: INode,
	): unknown {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		const expressionNode: INode = node ?? {
			id: 'credential-resolver',
			name: 'Credential resolver',
			type: 'harness.credentialResolver',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const expressionWorkflow =
			workflow ??
			new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: emptyNodeTypes });
		return expressionWorkflow.expression.getSimpleParameterValue(
			expressionNode,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
	}

	/**
	 * Mirrors n8n: pre-authentication (e.g. fetching a session token) runs when the
	 * credential type defines `preAuthentication` and its `expirable` property is
	 * empty or the previous token was rejected.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes[typeName];
		const expirable = credentialType?.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (credentialType?.preAuthentication === undefined || expirable === undefined) {
			return undefined;
		}
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined) {
			if (!credentialsExpired) return undefined;
		}
		return await this.runPreAuthentication(helpers, credentials, typeName);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const preAuthentication = this.credentialTypes[typeName]?.preAuthentication;
		if (preAuthentication === undefined) return undefined;
		const output = await preAuthentication.call(helpers, credentials);
		const updated = { ...credentials, ...output } as ICredentialDataDecryptedObject;
		this.credentials[typeName] = updated;
		return updated;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const credentials = new Credentials(nodeCredentials, type);
		await credentials.setData(this.credentials[type] ?? {});
		return credentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentials[type];
		if (data === undefined) {
			throw new Error(
				`No test credentials given for type "${type}" (pass them in the harness "credentials" option)`,
			);
		}
		// Apply defaults of the credential type, as n8n does for stored credentials.
		const properties = this.getCredentialsProperties(type);
		if (properties.length === 0) return { ...data };
		const withDefaults = NodeHelpers.getNodeParameters(
			properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		);
		return { ...(withDefaults as ICredentialDataDecryptedObject), ...data };
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.credentials[type] = { ...data };
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.credentials[type] = { ...this.credentials[type], ...data };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes[type]?.properties ?? [];
	}
}
