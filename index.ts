/**
 * The ses-monitoring Pulumi program: one SesMonitoring per stack, configured from stack config
 * (`ses-monitoring:<key>`, keys mirroring SesMonitoringArgs; see README.md).
 */
import * as pulumi from "@pulumi/pulumi";
import { SesMonitoring, SesMonitoringArgs } from "./components";

const config = new pulumi.Config();

const args: SesMonitoringArgs = {
    configurationSets: config.requireObject("configurationSets"),
    alarms: config.getObject("alarms"),
    accountReputation: config.getObject("accountReputation"),
    notifications: config.getObject("notifications"),
    // An empty prefix (the project default) means `<project>-<stack>`.
    namePrefix: config.get("namePrefix") || undefined,
    tags: config.getObject("tags"),
};

const monitoring = new SesMonitoring("ses", args);

export const configurationSetNames = monitoring.configurationSetNames;
export const alarmArns = monitoring.alarmArns;
export const warningTopicArn = monitoring.warningTopicArn;
export const criticalTopicArn = monitoring.criticalTopicArn;
