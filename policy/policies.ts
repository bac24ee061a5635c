/**
 * Every policy of the pack, in the order the pack reports them. Import this (not index.ts, whose
 * PolicyPack starts the engine's policy server) to run the policies in-process.
 */
import { Policies } from "@pulumi/policy";
import { alarmPolicies } from "./alarms";
import { autoPausePolicies } from "./autoPause";
import { configurationSetPolicies } from "./configurationSets";
import { eventArchivePolicies } from "./eventArchive";
import { eventDestinationPolicies } from "./eventDestinations";
import { lambdaPolicies } from "./lambda";
import { notificationPolicies } from "./notifications";

export const policies: Policies = [
    ...configurationSetPolicies,
    ...alarmPolicies,
    ...notificationPolicies,
    ...eventArchivePolicies,
    ...eventDestinationPolicies,
    ...lambdaPolicies,
    ...autoPausePolicies,
];
