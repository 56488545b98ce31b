/**
 * The parts of the n8n 2.x editor the check touches, found by n8n's own `data-test-id`s (the ones
 * n8n's Playwright page objects in packages/testing/playwright use) and by visible text where n8n
 * sets no id. One place for every selector, so an n8n upgrade that renames one is fixed here.
 */
import type { Locator, Page, Response } from 'playwright-core';

/** n8n's texts the check reads (English UI). */
export const N8N_TEXT = {
	credentialTestSuccess: 'Connection tested successfully',
	credentialTestFailure: /Couldn.t connect with these settings/,
	moreDetails: 'More details',
	retry: /^Retry/,
	listMode: /^From list$/i,
} as const;

export class N8nEditor {
	constructor(
		readonly page: Page,
		readonly baseUrl: string,
	) {}

	// --- owner setup and sign-in -------------------------------------------------------------

	setupForm(): Locator {
		return this.page.getByTestId('setup-form');
	}

	setupField(name: 'email' | 'firstName' | 'lastName' | 'password'): Locator {
		return this.setupForm().getByTestId(name).locator('input');
	}

	signInEmail(): Locator {
		return this.page.getByTestId('emailOrLdapLoginId').locator('input');
	}

	signInPassword(): Locator {
		return this.page.getByTestId('password').locator('input');
	}

	submitButton(): Locator {
		return this.page.getByTestId('form-submit-button');
	}

	// --- canvas and node details view ----------------------------------------------------------

	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
	}

	canvasNodes(): Locator {
		return this.page.getByTestId('canvas-node');
	}

	canvasNode(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name=${JSON.stringify(name)}]`);
	}

	async canvasNodeNames(): Promise<string[]> {
		const names: string[] = [];
		for (const node of await this.canvasNodes().all()) names.push((await node.getAttribute('data-node-name')) ?? '?');
		return names;
	}

	ndv(): Locator {
		return this.page.getByTestId('ndv');
	}

	nodeParameters(): Locator {
		return this.ndv().getByTestId('node-parameters');
	}

	parameter(name: string): Locator {
		return this.ndv().getByTestId(`parameter-input-${name}`);
	}

	/** What an options parameter shows: n8n renders the chosen option's name into the select's input. */
	async parameterValue(name: string): Promise<string> {
		return await this.parameter(name).locator('input').first().inputValue();
	}

	parameterLabel(text: string): Locator {
		return this.nodeParameters()
			.locator('label')
			.filter({ hasText: new RegExp(`^${text}\\b`) });
	}

	/** The options of whichever select dropdown is open (Element Plus teleports it to the body). */
	openDropdownOptions(): Locator {
		return this.page.locator('.el-select__popper').filter({ visible: true }).getByRole('option');
	}

	/** Element Plus fades a dropdown in over 300 ms; a screenshot taken sooner shows it half transparent. */
	async settleDropdown(): Promise<void> {
		await this.page.waitForTimeout(350);
	}

	async chooseOption(parameterName: string, option: RegExp): Promise<void> {
		await this.parameter(parameterName).click();
		await this.openDropdownOptions().filter({ hasText: option }).first().click();
	}

	/**
	 * The "Add Field" control of the panel's first collection. Create shows three (Additional
	 * Fields, Options, Request Options), in the order of the node's description.
	 */
	collectionAddField(): Locator {
		return this.ndv().getByTestId('collection-parameter-add').first();
	}

	collectionOption(displayName: string): Locator {
		return this.page.getByTestId('collection-parameter-option').filter({ hasText: displayName });
	}

	nodeCredentialSelect(): Locator {
		return this.ndv().getByTestId('node-credentials-select');
	}

	nodeCredentialEditButton(): Locator {
		return this.ndv().getByTestId('credential-edit-button');
	}

	// --- resource locator ----------------------------------------------------------------------

	resourceLocator(parameterName: string): Locator {
		return this.ndv().getByTestId(`resource-locator-${parameterName}`);
	}

	resourceLocatorModeSelector(parameterName: string): Locator {
		return this.resourceLocator(parameterName).getByTestId('rlc-mode-selector');
	}

	resourceLocatorInput(parameterName: string): Locator {
		return this.resourceLocator(parameterName).getByTestId('rlc-input');
	}

	resourceLocatorSearch(): Locator {
		return this.page.getByTestId('rlc-search').filter({ visible: true });
	}

	resourceLocatorItems(): Locator {
		return this.page.getByTestId('rlc-item').filter({ visible: true });
	}

	// --- credential modal ----------------------------------------------------------------------

	credentialModal(): Locator {
		return this.page.getByTestId('editCredential-modal');
	}

	credentialField(name: string): Locator {
		return this.credentialModal().getByTestId(`parameter-input-${name}`).locator('input');
	}

	credentialSaveButton(): Locator {
		return this.credentialModal().getByTestId('credential-save-button');
	}

	credentialTestSuccess(): Locator {
		return this.credentialModal().getByTestId('credentials-config-container-test-success');
	}

	/** n8n 2.x gives the red "Couldn't connect" banner no test id; its text finds it. */
	credentialTestFailure(): Locator {
		return this.credentialModal().getByText(N8N_TEXT.credentialTestFailure);
	}

	async closeCredentialModal(): Promise<void> {
		await this.credentialModal().locator('.el-dialog__close').first().click();
		await this.credentialModal().waitFor({ state: 'hidden' });
	}

	/**
	 * Waits until a button n8n shows as busy (spinner, "Retrying") is idle again and moves the mouse
	 * off it, so a screenshot shows the settled dialog rather than a spinner or a hover shade.
	 */
	async settleButton(button: Locator, timeoutMs: number): Promise<void> {
		const idle = button.and(this.page.locator(':not([aria-busy="true"]):not([disabled])'));
		await idle.waitFor({ timeout: timeoutMs });
		await this.page.mouse.move(0, 0);
		// n8n fades the spinner out over 200 ms after the button is idle.
		await this.page.waitForTimeout(400);
	}

	/** Resolves with the answer to the editor's next credential test (POST /rest/credentials/test). */
	nextCredentialTest(timeoutMs: number): Promise<Response> {
		return this.page.waitForResponse(
			(response) => response.url().includes('/rest/credentials/test') && response.request().method() === 'POST',
			{ timeout: timeoutMs },
		);
	}
}
