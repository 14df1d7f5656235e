export * from './contact-id';
export { rdStationComplaints, rdStationError } from './errors';
export { RdStationCrmAdapter, RD_STATION_CRM_BASE_URL, type RdStationCrmConfig } from './crm-adapter';
export { RdStationMarketingAdapter, RD_STATION_MARKETING_BASE_URL, type RdStationMarketingConfig } from './marketing-adapter';
export { CRM_CUSTOM_FIELD_PREFIX } from './crm-contact';
export { crmPhoneSearchForms } from './crm-phone-forms';
