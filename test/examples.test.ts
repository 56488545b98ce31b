/**
 * The shipped examples open in the editor without "Fields are outdated": every resource mapper
 * in them holds the field list its method loads from the demo tenant (what `npm start` serves).
 * The editor calls a saved list stale when its length differs or when any field differs in one of
 * the properties compared below (n8n's `isResourceMapperFieldListStale`).
 */
import type { INodeProperties, INodePropertyOptions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { listExamples, loadExample, NODE_TYPE as EXAMPLE_NODE_TYPE } from '../scripts/lib/examples';
import { FreshserviceProvisioning } from '../nodes/FreshserviceProvisioning/FreshserviceProvisioning.node';
import { loadOptions } from './harness/source';
import { useSimulator } from './nodes/fixtures';

const { credentials } = useSimulator({ demo: true });

/** What the editor compares, field by field, to decide that a saved list is stale. */
const COMPARED = ['id', 'displayName', 'required', 'defaultMatch', 'display', 'canBeUsedToMatch', 'type', 'description'] as const;

function comparable(fields: ResourceMapperField[]): Array<Record<string, unknown>> {
	return fields.map((field) => {
		const values = field as unknown as Record<string, unknown>;
		return Object.fromEntries(COMPARED.filter((key) => values[key] !== undefined).map((key) => [key, values[key]]));
	});
}

/** Whether a property is shown for these parameters (only `show` on top-level parameters is used here). */
function shown(property: INodeProperties, parameters: Record<string, unknown>): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, values]) => (values as unknown[]).includes(parameters[name]));
}

const description = new FreshserviceProvisioning().description;
const mappers = description.properties.filter((property) => property.type === 'resourceMapper');

const cases = listExamples().flatMap((file) =>
	loadExample(file)
		.nodes.filter((node) => node.type === EXAMPLE_NODE_TYPE)
		.flatMap((node) =>
			mappers
				.filter((property) => shown(property, node.parameters) && node.parameters[property.name] !== undefined)
				.map((property) => ({ file, node, property })),
		),
);

describe('the examples open without "Fields are outdated"', () => {
	it('some examples have resource mappers to check', () => {
		expect(cases.length).toBeGreaterThan(0);
	});

	it.each(cases.map((entry) => [`${entry.file}: ${entry.node.name} (${entry.property.displayName})`, entry] as const))('%s', async (_name, { node, property }) => {
		const method = property.typeOptions!.resourceMapper!.resourceMapperMethod!;
		const loaded = (await loadOptions(credentials(), node.parameters as never, { resourceMapping: method })) as ResourceMapperFields;
		const saved = (node.parameters[property.name] as { schema?: ResourceMapperField[] }).schema ?? [];
		expect(comparable(saved)).toEqual(comparable(loaded.fields));
		// A dropdown field's choices are what the demo tenant has, so the example shows them as saved.
		for (const field of saved.filter((candidate) => candidate.options !== undefined)) {
			const fresh = loaded.fields.find((candidate) => candidate.id === field.id);
			expect((field.options as INodePropertyOptions[]).map((option) => option.value)).toEqual((fresh?.options ?? []).map((option) => option.value));
		}
	});
});
