export { PipedriveAdapter } from './adapter';
export { PIPEDRIVE_API_BASE_URL, type PipedriveConfig } from './api';
export { companySubdomain, personUrl } from './person';
