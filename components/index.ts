/**
 * Public API of the ses-monitoring library: the component, its args, and the pure specs that the
 * offline plan, the backtest, the policy pack and users' own tests read. No side effects.
 *
 * The args come first, part by part, and the component after them: Pulumi's schema Analyzer walks
 * this file's imports in order, reads type descriptions only from the files it has walked, and
 * stops at the file that declares the component (tests/schema.test.ts fails on a missing description).
 */
export * from "./args";
export type { AccountReputationArgs, AlarmSettings, FastWindowSettings, RateAlarmSettings, ReputationAlarmSettings } from "./alarms/args";
export type { AutoPauseArgs } from "./autoPause/args";
export type { CanaryArgs } from "./canary/args";
export type { DashboardArgs } from "./dashboard/args";
export type { DeliverabilityManagerArgs } from "./deliverabilityManager/args";
export type { DimensionArgs } from "./configurationSets/args";
export { ArchiveStorageClass, EventArchiveArgs } from "./eventArchive/args";
export type { EventBridgeDestinationArgs, SnsDestinationArgs } from "./eventDestinations/args";
export type { IdentityFeedbackArgs } from "./feedbackNotifications/args";
export type { NotificationArgs } from "./notifications/args";
export type { SendingAtRiskArgs } from "./sendingAtRisk/args";
export type { SendingQuotaArgs } from "./sendingQuota/args";
export type { VolumeArgs } from "./volume/args";
export { MAX_EXPECTED_SEND_INTERVAL_MINUTES } from "./volume/settings";
export { DimensionValueSource, EventType } from "./shared/catalog";
export { SesMonitoring, SES_MONITORING_TYPE, planSesMonitoring, SesMonitoringPlan } from "./sesMonitoring";
export { resolveSettings, eventDestinationNames, ARGS_FIELDS, MonitoringSettings, ConfigurationSetSettings, ResolveContext } from "./settings";
export { SesMonitoringArgsError, ArgsIssue } from "./shared/checker";
export { AlarmSpec, AlarmQuerySpec, AlarmWindow, MetricStatSpec, Severity, SEVERITIES } from "./shared/alarmSpecs";
export * as catalog from "./shared/catalog";
export { alarmSpecs, rateExpression } from "./alarms/specs";
export { DEFAULT_RATE_ALARMS, DEFAULT_REPUTATION_EVALUATION, advisedBounceGuards, BOUNCE_GUARD_SHARE, MIN_ADVISED_BOUNCE_GUARD } from "./alarms/settings";
export { sendingAtRiskSpecs, CompositeAlarmSpec, COMPOSITE_LIMITS } from "./sendingAtRisk/specs";
export { dashboardLayout, DashboardLayout, DASHBOARD_LIMITS, MAX_DETAILED_SETS } from "./dashboard/layout";
export * as sendingQuota from "./sendingQuota";
export { resolveEventArchive, EventArchiveSettings } from "./eventArchive/settings";
export { resolveSnsDestination, resolveEventBridgeDestination } from "./eventDestinations/settings";
export { eventBridgeEventPattern } from "./eventDestinations/specs";
export { resolveIdentities, IdentityFeedbackSettings } from "./feedbackNotifications/settings";
export { AUTO_PAUSE_ENV, AUTO_PAUSE_REARM_NOTE, pauseCommand, resumeCommand } from "./autoPause/contract";
export { AutoPauseSpec } from "./autoPause/specs";
export { CANARY_ENV, SIMULATOR_DOMAIN, isSimulatorAddress } from "./canary/contract";
export { CanarySpec, CanaryAlarmSpec, CANARY_ROLE_TAG, CANARY_EVENT_TYPES, canaryConfigurationSetName } from "./canary/specs";
