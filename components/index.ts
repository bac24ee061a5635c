/** Public entry of the ses-monitoring library. */
export { SesMonitoring, SES_MONITORING_TYPE, planSesMonitoring, SesMonitoringPlan } from "./sesMonitoring";
export * from "./args";
export { alarmSpecs, rateExpression, AlarmSpec, AlarmQuerySpec, AlarmWindow, MetricStatSpec, Severity } from "./alarms";
export { resolveSettings, SesMonitoringArgsError, MonitoringSettings, DEFAULT_RATE_ALARMS, DEFAULT_REPUTATION_EVALUATION } from "./settings";
export * as catalog from "./shared/catalog";
export { sendingAtRiskSpecs, CompositeAlarmSpec, COMPOSITE_LIMITS } from "./compositeAlarms";
export { dashboardLayout, DashboardLayout, DASHBOARD_LIMITS, MAX_DETAILED_SETS } from "./dashboardLayout";
export { eventDestinationNames } from "./sesMonitoring";
export * as sendingQuota from "./sendingQuota";
export { resolveEventArchive, EventArchiveSettings } from "./eventArchive";
export { resolveSnsDestination, resolveEventBridgeDestination, eventBridgeEventPattern } from "./eventDestinations";
export { resolveIdentities, IdentityFeedbackSettings } from "./feedbackNotifications";
