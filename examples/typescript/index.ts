/**
 * A program of its own that composes SesMonitoring: its mail platform is a component of its own,
 * with its own pager topic, and the monitoring is a child of it whose critical alarms page that topic.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigurationSetArgs, DimensionValueSource, SesMonitoring, SesMonitoringArgs } from "ses-monitoring";

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

// A second SesMonitoring in the same stack and region: thirty sets of the marketing team. Optional
// args take `config.get(...)` as it is (`string | undefined`, under exactOptionalPropertyTypes);
// without `marketingNamePrefix` its prefix is the default `<project>-<stack>`, not the platform's.
const config = new pulumi.Config();
const campaigns: Record<string, ConfigurationSetArgs> = {};
for (let i = 0; i < 30; i++) campaigns[`campaign-${String(i).padStart(2, "0")}`] = { reputationMetrics: config.getBoolean("campaignReputation") };
export const marketing = new SesMonitoring("marketing-ses", {
    configurationSets: campaigns,
    namePrefix: config.get("marketingNamePrefix"),
    dashboard: { name: config.get("marketingDashboardName") },
    notifications: { emails: ["marketing-team@example.com"] },
});
// Runs after every resource of the marketing monitoring exists.
export const afterMarketing = new aws.sns.Topic("after-marketing", {}, { dependsOn: [marketing] });

// A third one in another region: the EU platform's component holds an eu-west-1 provider, which
// the monitoring inherits, and pages a topic of eu-west-1. The prefix may repeat under another
// provider: names that IAM, S3 and dashboards keep account-wide carry the region.
const euProvider = new aws.Provider("eu", { region: "eu-west-1" });
const euPlatform = new pulumi.ComponentResource("example:index:EuPlatform", "eu", {}, { providers: [euProvider] });
export const euPagerArn = "arn:aws:sns:eu-west-1:123456789012:eu-pager";
export const eu = new SesMonitoring("eu-ses", {
    configurationSets: { transactional: {} },
    namePrefix: "shop-prod",
    notifications: { criticalTopicArn: euPagerArn },
}, { parent: euPlatform });
