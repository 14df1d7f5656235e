/**
 * The editor in a real browser (Debian's chromium through playwright-core): the example
 * intake workflow opens with every node drawn with its own icon, and the Customer Merge and
 * Omnichannel Reply panels show their labels; the example inbox workflow opens with the
 * Omnichannel Conversation and Router nodes drawn with their icons, the Router's outputs
 * labelled with its routes; the CRM workflow's HubSpot nodes and the campaign's Engagement
 * Policy, its outputs named after its decisions. Screenshots go to test/artifacts/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { E2E_OWNER, intake, readState } from './support/n8n-under-test';

const state = readState();
const workflow = intake(state);
const ARTIFACTS = resolve(__dirname, '../artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let context: BrowserContext;
let page: Page;
let profile: string;

beforeAll(async () => {
	mkdirSync(ARTIFACTS, { recursive: true });
	profile = mkdtempSync(join(tmpdir(), 'omnichannel-chromium-'));
	context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		viewport: { width: 1600, height: 900 },
	});
	page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);
});

afterAll(async () => {
	await context?.close();
	if (profile) rmSync(profile, { recursive: true, force: true });
});

interface DrawnNode {
	name: string;
	type: string;
	image?: { src: string; loaded: boolean };
	svgIcon?: string;
}

/** Every node on the canvas: its name, type and icon. */
async function drawnNodes(): Promise<DrawnNode[]> {
	return await page.locator('[data-test-id="canvas-node"]').evaluateAll((elements) =>
		elements.map((element) => {
			const icon = element.querySelector('.n8n-node-icon');
			const image = icon?.querySelector('img');
			return {
				name: element.getAttribute('data-node-name') ?? '',
				type: element.getAttribute('data-node-type') ?? '',
				image: image ? { src: image.getAttribute('src') ?? '', loaded: image.complete && image.naturalWidth > 0 } : undefined,
				svgIcon: icon?.querySelector('svg')?.getAttribute('data-icon') ?? undefined,
			};
		}),
	);
}

/** Each of our nodes drawn with its own icon from the package, every other node with an icon, none unknown. */
async function expectEveryNodeDrawn(nodes: DrawnNode[]): Promise<void> {
	for (const node of nodes.filter((candidate) => candidate.type.startsWith('n8n-nodes-omnichannel.'))) {
		expect({ node: node.name, src: node.image?.src, loaded: node.image?.loaded }).toEqual({ node: node.name, src: expect.stringContaining('/icons/n8n-nodes-omnichannel/dist/nodes/'), loaded: true });
	}
	for (const node of nodes.filter((candidate) => candidate.type && !candidate.type.endsWith('stickyNote'))) {
		expect({ node: node.name, drawn: Boolean(node.image?.loaded || node.svgIcon) }).toEqual({ node: node.name, drawn: true });
		expect(node.svgIcon ?? '').not.toMatch(/question/);
	}
	expect(await page.locator('[data-icon*="question"]').count()).toBe(0);
}

async function openPanel(node: string): Promise<void> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${node}"]`).dblclick();
	await page.locator('[data-test-id="ndv"], .ndv-wrapper, [data-test-id="node-parameters"]').first().waitFor();
	await page.waitForTimeout(1000);
}

async function closePanel(): Promise<void> {
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);
}

test('log in and open the intake workflow: every node drawn with its own icon, none unknown', async () => {
	await page.goto(`${state.url}/signin`);
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(E2E_OWNER.email);
	await page.locator('input[type="password"]').first().fill(E2E_OWNER.password);
	await page.locator('button[type="submit"], [data-test-id="form-submit-button"]').first().click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	await page.goto(`${state.url}/workflow/${workflow.id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor();
	await page.waitForLoadState('networkidle');
	await page.screenshot({ path: join(ARTIFACTS, 'editor-intake-workflow.png') });

	const nodes = await drawnNodes();
	const ours = nodes.filter((node) => node.type.startsWith('n8n-nodes-omnichannel.'));
	expect(ours.map((node) => node.name).sort()).toEqual(
		['Answer on their channel', 'E-mail (Postmark)', 'Instagram', 'Keep our answer in their history', 'Link the phone or e-mail they gave', 'Messenger', 'Recognise the customer', 'SMS (Twilio)', 'Telegram', 'WhatsApp'].sort(),
	);
	await expectEveryNodeDrawn(nodes);
	expect(await page.getByText('Resolve Customer', { exact: true }).count()).toBeGreaterThanOrEqual(3);
});

test('the Customer Merge panel shows its operation and labels', async () => {
	await openPanel('Recognise the customer');
	await page.screenshot({ path: join(ARTIFACTS, 'editor-customer-merge-panel.png') });
	const text = await page.locator('body').innerText();
	expect(text).toContain('Resolve Customer');
	expect(text).not.toMatch(/Install this node to use it|node is not currently installed/i);
	await closePanel();
});

let replyPanelText = '';

test('the Omnichannel Reply panel labels each credential with the channels it answers', async () => {
	await openPanel('Answer on their channel');
	await page.screenshot({ path: join(ARTIFACTS, 'editor-reply-panel.png') });
	replyPanelText = await page.locator('body').innerText();
	for (const label of ['Credential for WhatsApp (Cloud API)', 'Credential for Messenger and Instagram', 'Credential for Telegram', 'Credential for SMS and WhatsApp (Twilio)', 'Credential for E-Mail (SMTP)']) {
		expect(replyPanelText).toContain(label);
	}
	await closePanel();
});

test('the Omnichannel Reply panel shows the "Channels to Answer On" picker', () => {
	expect(replyPanelText).toContain('Channels to Answer On');
});

const inbox = state.workflows.find((candidate) => candidate.file === '05-omnichannel-inbox.json');
const ROUTER_OUTPUTS = ['VIP', 'Sales', 'Support', 'After hours', 'Fallback'];

test('open the inbox workflow: the Conversation and Router nodes drawn with their icons, their subtitles shown, the Router\'s outputs named after its routes', async () => {
	if (!inbox?.active) throw new Error('the inbox workflow is not active');
	await page.goto(`${state.url}/workflow/${inbox.id}`);
	await page.locator('[data-test-id="canvas-node"][data-node-name="Route to a team"]').waitFor();
	await page.waitForLoadState('networkidle');
	await page.screenshot({ path: join(ARTIFACTS, 'editor-inbox-workflow.png') });
	const nodes = await drawnNodes();
	const byName = new Map(nodes.map((node) => [node.name, node]));
	expect(byName.get('Open or continue the conversation')).toMatchObject({ type: 'n8n-nodes-omnichannel.omnichannelConversation', image: { src: expect.stringContaining('omnichannelConversation.svg'), loaded: true } });
	expect(byName.get('Route to a team')).toMatchObject({ type: 'n8n-nodes-omnichannel.omnichannelRouter', image: { src: expect.stringContaining('omnichannelRouter.svg'), loaded: true } });
	await expectEveryNodeDrawn(nodes);
	const text = await page.locator('body').innerText();
	expect(text).toContain('Open or Continue: Conversation');
	expect(text).toContain('4 routes');
	// The Router's outputs on the canvas carry the routes' names.
	const handles = await page.locator('[data-test-id="canvas-node-output-handle"]').evaluateAll((elements) => elements.map((element) => ({ node: element.getAttribute('data-node-name') ?? '', label: (element as unknown as { innerText: string }).innerText.trim() })));
	const routerHandles = handles.filter((handle) => handle.node === 'Route to a team').map((handle) => handle.label);
	expect(routerHandles).toEqual(ROUTER_OUTPUTS);
});

test('the Router panel lists its routes by name, the fallback after them', async () => {
	await openPanel('Route to a team');
	await page.screenshot({ path: join(ARTIFACTS, 'editor-router-panel.png') });
	const panel = page.locator('[data-test-id="ndv"], .ndv-wrapper').first();
	const text = await panel.innerText();
	expect(text).not.toMatch(/Install this node to use it|node is not currently installed|Could not load|Problem loading/i);
	for (const label of ['Routes', 'Name', 'Queue', 'Trait Conditions', 'Keywords (Any)', 'Within Business Hours', 'Fallback Output', 'Fallback Queue']) expect(text).toContain(label);
	// The routes' names are the values of their Name fields, in the order of the outputs.
	const values = await panel.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
	const names = values.filter((value) => ROUTER_OUTPUTS.includes(value) && value !== 'Fallback');
	expect([...new Set(names)]).toEqual(ROUTER_OUTPUTS.filter((label) => label !== 'Fallback'));
	expect(values).toContain('General');
	await closePanel();
});

test('the Conversation panel shows the Open or Continue operation', async () => {
	await openPanel('Open or continue the conversation');
	await page.screenshot({ path: join(ARTIFACTS, 'editor-conversation-panel.png') });
	const text = await page.locator('body').innerText();
	expect(text).toContain('Open or Continue');
	expect(text).toContain('Operation');
	expect(text).toContain('Items must come from Customer Merge');
	// The channel credentials are Record Agent Reply's: Open or Continue shows none of them.
	expect(text).not.toContain('Credential for');
	expect(text).not.toMatch(/Install this node to use it|node is not currently installed/i);
	await closePanel();
});

const crm = state.workflows.find((candidate) => candidate.file === '08-crm-sync.json');

test('open the CRM workflow: the HubSpot nodes and trigger drawn with their icons, each HubSpot node titled by its operation', async () => {
	if (!crm) throw new Error('the CRM workflow was not imported');
	await page.goto(`${state.url}/workflow/${crm.id}`);
	await page.locator('[data-test-id="canvas-node"][data-node-name="Contact in HubSpot"]').waitFor();
	await page.waitForLoadState('networkidle');
	await page.screenshot({ path: join(ARTIFACTS, 'editor-crm-workflow.png') });
	const nodes = await drawnNodes();
	const byName = new Map(nodes.map((node) => [node.name, node]));
	expect(byName.get('Contact in HubSpot')).toMatchObject({ type: 'n8n-nodes-omnichannel.omnichannelHubSpot', image: { src: expect.stringContaining('hubspot.svg'), loaded: true } });
	expect(byName.get('HubSpot contact changes')).toMatchObject({ type: 'n8n-nodes-omnichannel.omnichannelHubSpotTrigger', image: { loaded: true } });
	await expectEveryNodeDrawn(nodes);
	const text = await page.locator('body').innerText();
	expect(text).toContain('Upsert Contact');
	expect(text).toContain('Log Conversation');
});

test("the HubSpot panel offers n8n's own HubSpot credentials and the four operations' fields", async () => {
	await openPanel('Contact in HubSpot');
	await page.screenshot({ path: join(ARTIFACTS, 'editor-hubspot-panel.png') });
	const panel = page.locator('[data-test-id="ndv"], .ndv-wrapper').first();
	const text = await panel.innerText();
	expect(text).not.toMatch(/Install this node to use it|node is not currently installed|Could not load|Problem loading/i);
	// n8n folds the Authentication choice into the credential picker, which shows the credential chosen.
	for (const label of ['Credential', 'Customer Store', 'Operation', 'Customer', 'Contact Fields', 'API Base URL']) expect(text).toContain(label);
	const values = await panel.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
	for (const value of ['Example HubSpot (local stand-in)', 'Upsert Contact', 'Customer on the Item', 'Lifecycle Stage', 'lead']) expect(values).toContain(value);
	await closePanel();
});

const campaign = state.workflows.find((candidate) => candidate.file === '07-campaign.json');

test("open the campaign workflow: the Engagement Policy drawn with its icon, its outputs named Send Now, Later and Blocked", async () => {
	if (!campaign) throw new Error('the campaign workflow was not imported');
	await page.goto(`${state.url}/workflow/${campaign.id}`);
	await page.locator('[data-test-id="canvas-node"][data-node-name="Decide"]').waitFor();
	await page.waitForLoadState('networkidle');
	await page.screenshot({ path: join(ARTIFACTS, 'editor-campaign-workflow.png') });
	const nodes = await drawnNodes();
	expect(nodes.find((node) => node.name === 'Decide')).toMatchObject({ type: 'n8n-nodes-omnichannel.omnichannelEngagementPolicy', image: { src: expect.stringContaining('omnichannelEngagementPolicy.svg'), loaded: true } });
	await expectEveryNodeDrawn(nodes);
	const handles = await page.locator('[data-test-id="canvas-node-output-handle"]').evaluateAll((elements) => elements.map((element) => ({ node: element.getAttribute('data-node-name') ?? '', label: (element as unknown as { innerText: string }).innerText.trim() })));
	expect(handles.filter((handle) => handle.node === 'Decide').map((handle) => handle.label)).toEqual(['Send Now', 'Later', 'Blocked']);
});

test('the Engagement Policy panel shows the message, channels, caps and quiet hours', async () => {
	await openPanel('Decide');
	await page.screenshot({ path: join(ARTIFACTS, 'editor-engagement-policy-panel.png') });
	const text = await page.locator('[data-test-id="ndv"], .ndv-wrapper').first().innerText();
	expect(text).not.toMatch(/Install this node to use it|node is not currently installed|Could not load|Problem loading/i);
	for (const label of ['Message Key', 'Purpose', 'Channels', 'Frequency Caps', 'Quiet Hours']) expect(text).toContain(label);
	await closePanel();
});
