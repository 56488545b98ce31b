/**
 * What the editor shows under a resource mapper's matching selector: without a hint of the node's
 * own, n8n shows its generic "The field to use when matching rows ... Usually an ID.", which is
 * wrong for every mapper here (people are matched by email, a form field or an employee number).
 */
import type { INodeProperties } from 'n8n-workflow';

import { FreshserviceProvisioning } from '../../nodes/FreshserviceProvisioning/FreshserviceProvisioning.node';

const matchingMappers = new FreshserviceProvisioning().description.properties.filter(
	(property: INodeProperties) => property.type === 'resourceMapper' && ['upsert', 'update'].includes(property.typeOptions?.resourceMapper?.mode ?? ''),
);

describe('resource mappers that match records say how they match', () => {
	it('there are such mappers', () => {
		expect(matchingMappers.length).toBeGreaterThanOrEqual(3);
	});

	it.each(matchingMappers.map((property) => [`${property.displayName} (${JSON.stringify(property.displayOptions?.show)})`, property] as const))(
		'%s has its own title, tooltip and hint',
		(_name, property) => {
			const labels = property.typeOptions!.resourceMapper!.matchingFieldsLabels;
			expect(labels?.title).toBeTruthy();
			expect(labels?.description).toBeTruthy();
			expect(labels?.hint).toBeTruthy();
			expect(labels?.hint).not.toMatch(/usually an id/i);
		},
	);
});
