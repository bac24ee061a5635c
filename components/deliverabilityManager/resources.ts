/** The account's VDM attributes (`aws.sesv2.AccountVdmAttributes`), when the stack manages them. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { VdmAttributesSpec } from "./specs";

export function createDeliverabilityManager(name: string, spec: VdmAttributesSpec | undefined, parent: pulumi.Resource): aws.sesv2.AccountVdmAttributes | undefined {
    if (!spec) return undefined;
    return new aws.sesv2.AccountVdmAttributes(`${name}-deliverability-manager`, spec, { parent });
}
