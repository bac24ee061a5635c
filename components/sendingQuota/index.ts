/**
 * The sending API poller: args, validation, alarm specs, its dashboard row and resources. The Lambda
 * handler (`handler.ts`) is not re-exported: it is packaged on its own and loads the AWS SDK.
 */
export { SendingQuotaArgs } from "./args";
export {
    DEFAULT_SENDING_QUOTA,
    LOG_RETENTION_DAYS,
    pollerNames,
    resolveSendingQuota,
    SendingQuotaSettings,
} from "./settings";
export { LAMBDA_NAMESPACE, PollerAlarmQuerySpec, PollerAlarmSpec, PollerMeasure, PollerMetricSpec, pollerAlarmSpecs } from "./alarms";
export {
    createSendingQuotaPoller,
    pollerCodeFiles,
    pollerPermissionPolicy,
    pollerTrustPolicy,
    POLLER_HANDLER,
    POLLER_RUNTIME,
    scheduleExpression,
    SendingQuotaPoller,
} from "./poller";
export { enforcementStatusLegend, sendingApiRow } from "./dashboard";
export * from "./metrics";
