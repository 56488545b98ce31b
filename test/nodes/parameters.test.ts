/**
 * The router reads parameters through a context that skips n8n's expression machinery for two
 * kinds of value (no expression at all; a plain read of one input field). Whatever it skips, the
 * operations must read exactly what n8n itself would resolve, item by item.
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';

import { inputFieldOf, withResolvedParameters } from '../../nodes/FreshserviceProvisioning/actions/router';
import { FreshserviceProvisioning } from '../../nodes/FreshserviceProvisioning/FreshserviceProvisioning.node';
import { executeContextFor, runNode } from '../harness/source';
import { createRequester, useSimulator } from './fixtures';

const { sim, credentials, writes } = useSimulator();

/** Each item's `v`, as the expressions below read it; `undefined` leaves the field out. */
const VALUES: unknown[] = ['Jane', '', '  padded  ', '={{ 1 + 1 }}', 42, 0, -1.5, true, false, null, undefined, { a: 1 }, [1, 'two'], 'x'.repeat(300)];

const EXPRESSIONS = [
	'={{ $json.v }}',
	'={{$json.v}}',
	'={{ $json["v"] }}',
	"={{ $json['v'] }}",
	'={{ $json . v }}',
	// Not a plain field read: resolved by n8n, and must still agree.
	'={{ $json.v }} ',
	'=name: {{ $json.v }}',
	'={{ $json.v || "none" }}',
	'={{ $json.constructor }}',
	'={{ $json.toString }}',
	'={{ $json.missing }}',
	// Names n8n refuses to read, even when the item holds them.
	'={{ $json.arguments }}',
	'={{ $json["__proto__"] }}',
];

function outcome(read: () => unknown): { value?: unknown; error?: string } {
	try {
		const value = read();
		return { value: typeof value === 'function' ? `function ${value.name}` : value };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

describe('parameters as the operations read them', () => {
	it('recognises only a plain read of one input field', () => {
		expect(inputFieldOf('={{ $json.email }}')).toBe('email');
		expect(inputFieldOf('={{$json["work email"]}}')).toBe('work email');
		expect(inputFieldOf("={{ $json['e-mail'] }}")).toBe('e-mail');
		expect(inputFieldOf('={{ $json.person.email }}')).toBeUndefined();
		expect(inputFieldOf('={{ $json.email.trim() }}')).toBeUndefined();
		expect(inputFieldOf('={{ $json.email }} ')).toBeUndefined();
		expect(inputFieldOf('{{ $json.email }}')).toBeUndefined();
		expect(inputFieldOf('={{ $("HR").item.json.email }}')).toBeUndefined();
		expect(inputFieldOf('={{ $json["a\\"b"] }}')).toBeUndefined();
		expect(inputFieldOf('={{ $json.constructor }}')).toBeUndefined();
		expect(inputFieldOf(42)).toBeUndefined();
	});

	it.each(EXPRESSIONS)('%s reads, item by item, what n8n resolves', (expression) => {
		const parameters: INodeParameters = { ...createRequester(expression, 'static@example.com'), additionalFields: { jobTitle: expression } };
		const input = VALUES.map((v) => (v === undefined ? {} : (JSON.parse(JSON.stringify({ v, arguments: v, ['__proto__']: v })) as IDataObject)));
		const context = executeContextFor(credentials(), parameters, input);
		const node = withResolvedParameters(context);
		for (let item = 0; item < input.length; item++) {
			for (const name of ['firstName', 'email', 'additionalFields', 'additionalFields.jobTitle']) {
				expect({ item, name, ...outcome(() => node.getNodeParameter(name, item)) }).toEqual({
					item,
					name,
					...outcome(() => context.getNodeParameter(name, item)),
				});
			}
		}
	});

	it('holds for n8n because no parameter asks n8n to validate or convert its value', () => {
		const withValidation = (properties: INodeProperties[]): string[] =>
			properties.flatMap((property) => [
				...(property.validateType ? [property.name] : []),
				...(property.options ?? []).flatMap((option) =>
					'values' in option ? withValidation(option.values) : 'displayName' in option ? withValidation([option as INodeProperties]) : [],
				),
			]);
		expect(withValidation(new FreshserviceProvisioning().description.properties)).toEqual([]);
	});

	it('creates each person from their own fields, read by plain expressions and by one that is not', async () => {
		const result = await runNode({
			credentials: credentials(),
			parameters: createRequester('={{ $json["first name"] }}', '={{ $json.email }}', { jobTitle: '={{ $json.title }}', lastName: '={{ $json.last.toUpperCase() }}' }),
			input: [
				{ 'first name': 'Ada', last: 'Lovelace', email: 'ada@example.com', title: 'Analyst' },
				{ 'first name': 'Alan', last: 'Turing', email: 'alan@example.com', title: 'Cryptanalyst' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.first_name, item.json.last_name, item.json.primary_email, item.pairedItem])).toEqual([
			['Ada', 'LOVELACE', 'ada@example.com', { item: 0 }],
			['Alan', 'TURING', 'alan@example.com', { item: 1 }],
		]);
		expect(sim().control.requesterByEmail('alan@example.com')).toMatchObject({ first_name: 'Alan', last_name: 'TURING', job_title: 'Cryptanalyst' });
	});

	it('names the item and the parameter when an input field read that way is missing', async () => {
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
});
