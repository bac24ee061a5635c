/**
 * The account's VDM attributes (`aws.sesv2.AccountVdmAttributes`), when the stack manages them.
 * Retained on delete: the provider's delete sets VDM to DISABLED for the whole account and region,
 * which may serve other stacks and teams; removing `deliverabilityManager`, or destroying the
 * stack, leaves VDM as this stack last set it (`enabled: false` turns it off).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { VdmAttributesSpec } from "./specs";

export function createDeliverabilityManager(name: string, spec: VdmAttributesSpec | undefined, parent: pulumi.Resource): aws.sesv2.AccountVdmAttributes | undefined {
    if (!spec) return undefined;
    return new aws.sesv2.AccountVdmAttributes(`${name}-deliverability-manager`, spec, { parent, retainOnDelete: true });
}
