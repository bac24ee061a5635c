/**
 * Which resource a property names. A stack links resources two ways: by a physical name or ARN
 * written into a property, or by an output of one flowing into another (which the engine records
 * as a dependency). At preview the names are often unknown while the dependencies are not, so
 * both are read; a known name decides first.
 */
import { PolicyResource } from "@pulumi/policy";
import { dependsOn, Relation } from "./inventory";
import { isUnknown, Unknown } from "./unknowns";

/**
 * How `from` relates to `target` through `value` (a name or ARN property of `from`).
 * - `parse` turns the value into the physical name it designates, or undefined when the value is
 *   not in that form (for example an ARN format the mocks or another partition produce).
 * - `targetName` is the target's physical name: undefined when auto-named (so no literal can name
 *   it), `UNKNOWN` when computed from another output.
 * - `otherNames`: the physical names of the target's siblings of the same type in the stack.
 *
 * A name that designates the target is a "yes"; one that designates a sibling is a "no". Otherwise
 * a dependency on the target is a "yes": the value came from it, or the program ordered `from`
 * after it. That also covers values the mocks give in a form the real provider does not (a
 * bucket's id is its name in AWS but `<logical name>-id` under mocks); the price is that a
 * resource that depends on a bucket while naming a bucket outside the stack counts as the
 * former's, which no real program does on purpose.
 */
export function refersTo(
    from: PolicyResource,
    value: string | Unknown | undefined,
    parse: (value: string) => string | undefined,
    target: PolicyResource,
    targetName: string | Unknown | undefined,
    otherNames: string[],
): Relation {
    const dependency = dependsOn(from, target);
    if (typeof value === "string") {
        const named = parse(value);
        if (named !== undefined && typeof targetName === "string" && named === targetName) return "yes";
        if (named !== undefined && otherNames.includes(named)) return "no";
        if (dependency) return "yes";
        // A literal may name a target whose name is only known after the update.
        return named !== undefined && isUnknown(targetName) ? "maybe" : "no";
    }
    // An unknown value is some resource's output, and the engine lists that resource as a dependency.
    if (isUnknown(value)) return dependency ? "yes" : "no";
    return "no";
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`, split; undefined when not an ARN. */
export function arnParts(arn: string): { service: string; region: string; account: string; resource: string } | undefined {
    const parts = arn.split(":");
    if (parts.length < 6 || parts[0] !== "arn") return undefined;
    return { service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

/** The bucket an S3 bucket ARN (`arn:aws:s3:::name`) designates. */
export function bucketOfArn(arn: string): string | undefined {
    const p = arnParts(arn);
    if (!p || p.service !== "s3" || p.region !== "" || p.account !== "" || p.resource.includes("/")) return undefined;
    return p.resource || undefined;
}

/** The stream a Firehose ARN (`arn:aws:firehose:region:account:deliverystream/name`) designates. */
export function deliveryStreamOfArn(arn: string): string | undefined {
    const p = arnParts(arn);
    if (!p || p.service !== "firehose" || !p.resource.startsWith("deliverystream/")) return undefined;
    return p.resource.slice("deliverystream/".length) || undefined;
}

/** A bucket name as written: any non-empty string (S3 checks the rules, not us). */
export function bucketName(value: string): string | undefined {
    return value === "" ? undefined : value;
}
