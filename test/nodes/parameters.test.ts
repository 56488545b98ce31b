/**
 * Every parameter is read through n8n's own `getNodeParameter`, item by item: whatever n8n resolves
 * an expression to for an item is what the node sends for that item, and a value that differs from
 * item to item (Dry Run included) is read for each item, never once per execution.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { runNode } from '../harness/source';
import { createRequester, useSimulator } from './fixtures';

const { sim, credentials, writes } = useSimulator();

const posted = () => writes().map((entry) => entry.requestBody as Record<string, unknown>);

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
	});
}

describe('parameters, as n8n resolves them for each item', () => {
	it('creates each person from their own fields, whatever the expression', async () => {
		const result = await runNode({
			credentials: credentials(),
			parameters: createRequester('={{ $json["first name"] }}', '={{ $json.contact.email.trim().toLowerCase() }}', {
				// A plain field read, a method call, the item's index, and a ternary over two fields.
				jobTitle: '={{ $json.title }}',
				lastName: '={{ $json.last.toUpperCase() }}',
				externalId: '={{ "E-" + ($itemIndex + 100) }}',
				address: '={{ $json.remote ? "Remote" : $json.office }}',
				// No expression: the same for every item.
				workPhoneNumber: '+1 555 0100',
			}),
			input: [
				{ 'first name': 'Ada', last: 'Lovelace', contact: { email: ' Ada@Example.com ' }, title: 'Analyst', remote: true, office: 'London' },
				{ 'first name': 'Alan', last: 'Turing', contact: { email: 'alan@example.com' }, title: 'Cryptanalyst', remote: false, office: 'Bletchley' },
				{ 'first name': 'Grace', last: 'Hopper', contact: { email: 'GRACE@example.com' }, title: 'Admiral', remote: false, office: 'Arlington' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.primary_email, item.pairedItem])).toEqual([
			['ada@example.com', { item: 0 }],
			['alan@example.com', { item: 1 }],
			['grace@example.com', { item: 2 }],
		]);
		const stored = ['ada', 'alan', 'grace'].map((name) => sim().control.requesterByEmail(`${name}@example.com`));
		expect(stored.map((record) => [record?.first_name, record?.last_name, record?.job_title, record?.external_id, record?.address, record?.work_phone_number])).toEqual([
			['Ada', 'LOVELACE', 'Analyst', 'E-100', 'Remote', '+1 555 0100'],
			['Alan', 'TURING', 'Cryptanalyst', 'E-101', 'Bletchley', '+1 555 0100'],
			['Grace', 'HOPPER', 'Admiral', 'E-102', 'Arlington', '+1 555 0100'],
		]);
	});

	it('reads Dry Run for each item: only the items it is off for are written', async () => {
		const result = await runNode({
			credentials: credentials(),
			parameters: { ...createRequester('={{ $json.first }}', '={{ $json.email }}'), options: { dryRun: '={{ $json.rehearse }}' } },
			input: [
				{ first: 'Ada', email: 'ada@example.com', rehearse: true },
				{ first: 'Alan', email: 'alan@example.com', rehearse: false },
				{ first: 'Grace', email: 'grace@example.com', rehearse: true },
				{ first: 'Linus', email: 'linus@example.com', rehearse: false },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => (item.json.provisioning as { action: string }).action)).toEqual(['wouldCreate', 'created', 'wouldCreate', 'created']);
		expect(posted().map((body) => body.primary_email)).toEqual(['alan@example.com', 'linus@example.com']);
	});

	it('reads Create or Update\'s mapped fields for each item, when an item\'s field is an expression of its own', async () => {
		const columns = {
			mappingMode: 'defineBelow',
			value: { email: '={{ $json.email }}', first_name: '={{ $json.name.split(" ")[0] }}', job_title: '={{ $json.level > 2 ? "Senior " + $json.role : $json.role }}' },
			matchingColumns: ['email'],
			schema: [],
		};
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'upsert', userType: 'requester', columns },
			input: [
				{ email: 'ada@example.com', name: 'Ada Lovelace', role: 'Analyst', level: 3 },
				{ email: 'alan@example.com', name: 'Alan Turing', role: 'Cryptanalyst', level: 1 },
			],
		});
		expect(result.error).toBeUndefined();
		expect(['ada', 'alan'].map((name) => sim().control.requesterByEmail(`${name}@example.com`)).map((record) => [record?.first_name, record?.job_title])).toEqual([
			['Ada', 'Senior Analyst'],
			['Alan', 'Cryptanalyst'],
		]);
	});

	it('names the item and the parameter when the field an expression reads is missing from one item', async () => {
		const result = await runNode({
			credentials: credentials(),
			parameters: createRequester('={{ $json.first }}', '={{ $json.email }}'),
			input: [{ first: 'Ada', email: 'ada@example.com' }, { first: 'Alan' }],
			continueOnFail: true,
		});
		expect(result.items[0].json.primary_email).toBe('ada@example.com');
		expect(result.items[1].json.error).toMatch(/Email.*\[item 1\]/);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(writes()).toHaveLength(1);
	});

	it('never reads raw parameters or wraps n8n\'s context: getNodeParameter is the only way in', () => {
		const root = join(__dirname, '../../nodes');
		const offending = sourceFiles(root).flatMap((file) => {
			const text = readFileSync(file, 'utf8');
			return /getNode\(\)\.parameters|Object\.create\(\s*(context|this)\b/.test(text) ? [file.slice(root.length + 1)] : [];
		});
		expect(offending).toEqual([]);
	});
});
