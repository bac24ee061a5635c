/**
 * The ses-monitoring policy pack, as `pulumi preview --policy-pack policy` runs it. Building the
 * PolicyPack starts the server the engine talks to, so nothing else belongs in this file.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";
import { PACK_ENFORCEMENT_LEVEL } from "./policyConfig";

new PolicyPack("ses-monitoring", {
    description: "Keeps stacks that send with Amazon SES honest: every configuration set publishes its events and is alarmed on, thresholds stay below AWS's review levels, alarms read metrics SES publishes and notify someone, notification topics are encrypted and scoped, the event archive bucket is encrypted, private and kept, SNS destination topics accept only SES, and Lambda logs expire.",
    // Policies without their own level; each of ours sets one.
    enforcementLevel: PACK_ENFORCEMENT_LEVEL,
    policies,
});
