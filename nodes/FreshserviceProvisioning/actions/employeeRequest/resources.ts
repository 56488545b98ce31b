import type { EmployeeRequestKind } from '../../provisioning/onboardingForm';

/** The Resource values: part of users' saved workflows. */
export const RESOURCES = { onboarding: 'onboardingRequest', offboarding: 'offboardingRequest' } as const satisfies Record<EmployeeRequestKind, string>;

export function kindOfResource(resource: unknown): EmployeeRequestKind | undefined {
	return resource === RESOURCES.onboarding ? 'onboarding' : resource === RESOURCES.offboarding ? 'offboarding' : undefined;
}
