/**
 * The ses-monitoring Pulumi program: one SesMonitoring per stack, configured from stack config
 * (`ses-monitoring:<key>`, keys mirroring SesMonitoringArgs; see README.md).
 */
import * as pulumi from "@pulumi/pulumi";
import { SesMonitoring } from "../components";
import { argsFromStackConfig, checkStackConfig } from "./stackConfig";

const config = new pulumi.Config();
const args = argsFromStackConfig((key) => config.get(key));
// Every key of the project's namespace must be an args field: a misspelt one fails here, by name.
checkStackConfig(Object.keys(pulumi.runtime.allConfig()), args, { project: pulumi.getProject(), stack: pulumi.getStack() });
const monitoring = new SesMonitoring("ses", args);

export const configurationSetNames = monitoring.configurationSetNames;
export const alarmArns = monitoring.alarmArns;
export const warningTopicArn = monitoring.warningTopicArn;
export const criticalTopicArn = monitoring.criticalTopicArn;
export const dashboardName = monitoring.dashboardName;
export const dashboardUrl = monitoring.dashboardUrl;
export const eventArchiveBucketName = monitoring.eventArchiveBucketName;
export const eventArchiveWorkgroup = monitoring.eventArchiveWorkgroup;
export const eventArchiveTable = monitoring.eventArchiveTable;
export const eventTopicArns = monitoring.eventTopicArns;
export const eventBusArn = monitoring.eventBusArn;
export const eventBridgePatterns = monitoring.eventBridgePatterns;
export const feedbackTopicArns = monitoring.feedbackTopicArns;
