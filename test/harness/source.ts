// The harness bound to the package's TypeScript sources (jest compiles them).
import { FreshserviceProvisioningApi } from '../../credentials/FreshserviceProvisioningApi.credentials';
import { FreshserviceProvisioning } from '../../nodes/FreshserviceProvisioning/FreshserviceProvisioning.node';
import { usePackage } from './n8n';

usePackage({ nodeType: new FreshserviceProvisioning(), credentialType: new FreshserviceProvisioningApi() });

export * from './n8n';
