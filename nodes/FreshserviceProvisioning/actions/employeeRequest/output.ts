import type { IDataObject } from 'n8n-workflow';

import type { EmployeeRequestKind } from '../../provisioning/onboardingForm';

/**
 * What the node did about an onboarding or offboarding request: part of the output contract,
 * documented in the README beside the users' `provisioning` object. There is no update and no
 * cancel for these requests, so the only write is `created` (`wouldCreate` under Dry Run).
 */
export type RequestAction = 'found' | 'created' | 'unchanged' | 'wouldCreate';

export interface RequestProvisioning {
	action: RequestAction;
	requestType: EmployeeRequestKind;
	dryRun: boolean;
	/** Why nothing was written, where that is not obvious from the action. */
	reason?: string;
}

/** The request as Freshservice answered it (or, under Dry Run, the body that would be sent), plus `provisioning`. */
export function requestItem(
	record: IDataObject,
	kind: EmployeeRequestKind,
	action: RequestAction,
	details: { dryRun?: boolean; reason?: string } = {},
): IDataObject {
	const provisioning: RequestProvisioning = {
		action,
		requestType: kind,
		dryRun: details.dryRun ?? false,
		...(details.reason ? { reason: details.reason } : {}),
	};
	return { ...record, provisioning } as unknown as IDataObject;
}
