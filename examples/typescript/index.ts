/**
 * A program of its own that composes SesMonitoring: its mail platform is a component of its own,
 * with its own pager topic, and the monitoring is a child of it whose critical alarms page that topic.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DimensionValueSource, SesMonitoring, SesMonitoringArgs } from "ses-monitoring";

export interface MailPlatformArgs {
    /** Who reads warnings. */
    teamEmail: string;
}

/** The consumer's own component: a pager topic, and SES monitoring that pages it. */
export class MailPlatform extends pulumi.ComponentResource {
    public readonly pagerTopicArn: pulumi.Output<string>;
    public readonly monitoring: SesMonitoring;

    constructor(name: string, args: MailPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("example:index:MailPlatform", name, {}, opts);
        const pager = new aws.sns.Topic(`${name}-pager`, {}, { parent: this });
        const monitoringArgs: SesMonitoringArgs = {
            configurationSets: {
                transactional: { snsDestination: {} },
                marketing: {
                    alarms: { complaintRate: { minimumSends: 50_000 } },
                    dimensions: [{ name: "campaign", source: DimensionValueSource.MESSAGE_TAG, defaultValue: "none" }],
                },
                legacy: { manage: false, reputationMetrics: false },
            },
            notifications: { criticalTopicArn: pager.arn, emails: [args.teamEmail] },
            eventArchive: { retentionDays: 400, transitionStorageClass: "GLACIER_IR" },
            namePrefix: "shop-prod",
            tags: { team: "mail" },
        };
        this.monitoring = new SesMonitoring(`${name}-ses`, monitoringArgs, { parent: this });
        this.pagerTopicArn = pager.arn;
        this.registerOutputs({ pagerTopicArn: this.pagerTopicArn });
    }
}

export const platform = new MailPlatform("mail", { teamEmail: "mail-team@example.com" });
export const alarmArns = platform.monitoring.alarmArns;
export const dashboardUrl = platform.monitoring.dashboardUrl;
// noUncheckedIndexedAccess: an index into the outputs is `string | undefined`, as it should be.
export const transactionalEventTopic = platform.monitoring.eventTopicArns.apply((arns) => arns["transactional"] ?? "none");
