/** Public entry of the ses-monitoring library. */
export { SesMonitoring, SES_MONITORING_TYPE, planSesMonitoring } from "./sesMonitoring";
export * from "./args";
export { alarmSpecs, rateExpression, AlarmSpec, AlarmQuerySpec, MetricStatSpec, Severity } from "./alarms";
export { resolveSettings, SesMonitoringArgsError, MonitoringSettings, DEFAULT_RATE_ALARMS, DEFAULT_REPUTATION_EVALUATION } from "./settings";
export * as catalog from "./catalog";
