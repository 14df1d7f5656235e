/**
 * The editor in a real browser (Debian's chromium through playwright-core): the example
 * intake workflow opens with every node drawn with its own icon, and the Customer Merge and
 * Omnichannel Reply panels show their labels. Screenshots go to test/artifacts/.
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

	const nodes = await page.locator('[data-test-id="canvas-node"]').evaluateAll((elements) =>
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
	const ours = nodes.filter((node) => node.type.startsWith('n8n-nodes-omnichannel.'));
	expect(ours.map((node) => node.name).sort()).toEqual(
		['Answer on their channel', 'E-mail (Postmark)', 'Instagram', 'Keep our answer in their history', 'Link the phone or e-mail they gave', 'Messenger', 'Recognise the customer', 'SMS (Twilio)', 'Telegram', 'WhatsApp'].sort(),
	);
	for (const node of ours) {
		expect({ node: node.name, src: node.image?.src, loaded: node.image?.loaded }).toEqual({ node: node.name, src: expect.stringContaining('/icons/n8n-nodes-omnichannel/dist/nodes/'), loaded: true });
	}
	for (const node of nodes.filter((candidate) => candidate.type && !candidate.type.endsWith('stickyNote'))) {
		expect({ node: node.name, drawn: Boolean(node.image?.loaded || node.svgIcon) }).toEqual({ node: node.name, drawn: true });
		expect(node.svgIcon ?? '').not.toMatch(/question/);
	}
	expect(await page.locator('[data-icon*="question"]').count()).toBe(0);
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
