/**
 * Public API of the ses-monitoring library: the component, its args, and the pure specs that the
 * offline plan, the backtest, the policy pack and users' own tests read. No side effects.
 */
export { SesMonitoring, SES_MONITORING_TYPE, planSesMonitoring, SesMonitoringPlan } from "./sesMonitoring";
export * from "./args";
export { resolveSettings, eventDestinationNames, ARGS_FIELDS, MonitoringSettings, ConfigurationSetSettings, ResolveContext } from "./settings";
export { SesMonitoringArgsError, ArgsIssue } from "./shared/checker";
export { AlarmSpec, AlarmQuerySpec, AlarmWindow, MetricStatSpec, Severity, SEVERITIES } from "./shared/alarmSpecs";
export * as catalog from "./shared/catalog";
export { alarmSpecs, rateExpression } from "./alarms/specs";
export { DEFAULT_RATE_ALARMS, DEFAULT_REPUTATION_EVALUATION } from "./alarms/settings";
export { sendingAtRiskSpecs, CompositeAlarmSpec, COMPOSITE_LIMITS } from "./sendingAtRisk/specs";
export { dashboardLayout, DashboardLayout, DASHBOARD_LIMITS, MAX_DETAILED_SETS } from "./dashboard/layout";
export * as sendingQuota from "./sendingQuota";
export { resolveEventArchive, EventArchiveSettings } from "./eventArchive/settings";
export { resolveSnsDestination, resolveEventBridgeDestination } from "./eventDestinations/settings";
export { eventBridgeEventPattern } from "./eventDestinations/specs";
export { resolveIdentities, IdentityFeedbackSettings } from "./feedbackNotifications/settings";
export { AUTO_PAUSE_ENV, pauseCommand, resumeCommand } from "./autoPause/contract";
export { AutoPauseSpec } from "./autoPause/specs";
