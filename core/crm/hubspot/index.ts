export { HubSpotAdapter } from './hubspot-adapter';
export { HUBSPOT_API_URL, HUBSPOT_RETRY_POLICY, type HubSpotApiConfig } from './hubspot-api';
