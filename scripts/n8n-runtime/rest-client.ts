/**
 * The parts of n8n's REST API (the one its editor uses, under /rest) that setting up and
 * driving a local n8n needs: the owner account, credentials, workflows and their
 * activation, executions. Logs in with the owner's e-mail and password and keeps the cookie.
 */

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export interface CredentialSummary {
	id: string;
	name: string;
	type: string;
}

export interface WorkflowSummary {
	id: string;
	name: string;
	active: boolean;
	versionId: string;
	activeVersionId?: string | null;
}

export interface WorkflowBody {
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	meta?: Record<string, unknown>;
}

export interface PublicationStatus {
	status: string;
	triggers: { nodeId: string; status: string; errorMessage: string | null }[];
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	startedAt?: string;
	stoppedAt?: string | null;
}

class N8nRestError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export class N8nRestClient {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const send = () =>
			fetch(`${this.baseUrl}/rest${path}`, {
				method,
				headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}) },
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(60_000),
			});
		let response: Response;
		try {
			response = await send();
		} catch (error) {
			// A kept-alive connection n8n closed while it was busy (e.g. opening a store): a read is safe to send once more.
			const code = ((error as Error).cause as { code?: string } | undefined)?.code;
			if (method !== 'GET' || !code || !/ECONNRESET|UND_ERR_SOCKET|EPIPE/.test(code)) throw error;
			response = await send();
		}
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie && /n8n-auth=[^;]+/.exec(setCookie)?.[0];
		if (auth) this.cookie = auth;
		const text = await response.text();
		let json: { data?: T; message?: string } | undefined;
		try {
			json = text ? (JSON.parse(text) as { data?: T; message?: string }) : undefined;
		} catch {
			json = undefined;
		}
		if (!response.ok) throw new N8nRestError(response.status, `${method} /rest${path}: ${response.status} ${json?.message ?? text.slice(0, 200)}`);
		return (json && 'data' in json ? json.data : json) as T;
	}

	/** Whether the instance still waits for its owner account (a fresh user folder or database). */
	async needsOwnerSetup(): Promise<boolean> {
		const settings = await this.request<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>('GET', '/settings');
		return settings.userManagement?.showSetupOnFirstLoad === true;
	}

	async setUpOwner(owner: Owner): Promise<void> {
		await this.request('POST', '/owner/setup', owner);
	}

	async login(owner: Pick<Owner, 'email' | 'password'>): Promise<void> {
		await this.request('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	/** Sets up the owner when the instance has none yet, then logs in as it. */
	async ensureOwner(owner: Owner): Promise<{ created: boolean }> {
		const created = await this.needsOwnerSetup();
		if (created) await this.setUpOwner(owner);
		await this.login(owner);
		return { created };
	}

	listCredentials(): Promise<CredentialSummary[]> {
		return this.request('GET', '/credentials');
	}

	createCredential(credential: { name: string; type: string; data: Record<string, unknown> }): Promise<CredentialSummary> {
		return this.request('POST', '/credentials', credential);
	}

	updateCredential(id: string, credential: { name: string; type: string; data: Record<string, unknown> }): Promise<CredentialSummary> {
		return this.request('PATCH', `/credentials/${id}`, credential);
	}

	listWorkflows(): Promise<WorkflowSummary[]> {
		return this.request('GET', '/workflows');
	}

	getWorkflow(id: string): Promise<WorkflowSummary & WorkflowBody> {
		return this.request('GET', `/workflows/${id}`);
	}

	createWorkflow(workflow: WorkflowBody): Promise<WorkflowSummary> {
		return this.request('POST', '/workflows', { ...workflow, active: false });
	}

	updateWorkflow(id: string, workflow: WorkflowBody & { versionId: string }): Promise<WorkflowSummary> {
		return this.request('PATCH', `/workflows/${id}`, workflow);
	}

	/** Publishes the workflow's version `versionId`: its triggers go live. */
	activateWorkflow(id: string, versionId: string): Promise<WorkflowSummary> {
		return this.request('POST', `/workflows/${id}/activate`, { versionId });
	}

	deactivateWorkflow(id: string): Promise<WorkflowSummary> {
		return this.request('POST', `/workflows/${id}/deactivate`, {});
	}

	/** Where the triggers of a published workflow stand; undefined when this n8n does not report it. */
	async publicationStatus(id: string): Promise<PublicationStatus | undefined> {
		try {
			return await this.request<PublicationStatus>('GET', `/workflows/${id}/publication-status`);
		} catch (error) {
			if (error instanceof N8nRestError && error.status === 404) return undefined;
			throw error;
		}
	}

	/** The most recent executions, newest first, optionally of one workflow. */
	async listExecutions(filter: { workflowId?: string } = {}): Promise<ExecutionSummary[]> {
		const query = encodeURIComponent(JSON.stringify(filter));
		const page = await this.request<{ results: ExecutionSummary[] }>('GET', `/executions?filter=${query}`);
		return page.results;
	}

	/** One execution with its data, as n8n stores it (`data` is flatted-serialized text). */
	getExecution(id: string): Promise<ExecutionSummary & { data: string }> {
		return this.request('GET', `/executions/${id}`);
	}
}
