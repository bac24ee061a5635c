/**
 * The canary function's contract: the environment it reads and the addresses it sends to. Plain
 * data with no imports, because the Lambda handler (packaged together with this file), the
 * resources, the cost estimate, the policy pack and the docs must agree on it.
 */

/** Environment variables the handler reads (set by the Pulumi resources). */
export const CANARY_ENV = {
    /** The canary's own configuration set. Also how the policy pack and the plan recognise the function. */
    configurationSet: "SES_CANARY_CONFIGURATION_SET",
    /** The verified sender address. */
    from: "SES_CANARY_FROM",
    /** Comma-separated recipients: mailbox simulator addresses only. */
    recipients: "SES_CANARY_RECIPIENTS",
    /** Minutes between runs: what the plan prices the messages from. */
    scheduleMinutes: "SES_CANARY_SCHEDULE_MINUTES",
} as const;

/** The SES mailbox simulator's domain (SES Developer Guide, "Using the mailbox simulator manually"). */
export const SIMULATOR_DOMAIN = "simulator.amazonses.com";

/**
 * The simulator scenarios the canary sends each run, and the event each proves: `success@` is
 * delivered (a Delivery event), `bounce@` is refused with an SMTP 550 5.1.1 hard bounce (a Bounce
 * event). A label (`success+<label>@`) is allowed and names the stack in the recipient.
 */
export const CANARY_SCENARIOS = [
    { mailbox: "success", event: "DELIVERY" },
    { mailbox: "bounce", event: "BOUNCE" },
] as const;

/** `<mailbox>+<label>@simulator.amazonses.com`. */
export function simulatorAddress(mailbox: string, label: string): string {
    return `${mailbox}+${label}@${SIMULATOR_DOMAIN}`;
}

/** Whether an address is one of the simulator's (any mailbox, any label). */
export function isSimulatorAddress(address: string): boolean {
    return address.toLowerCase().endsWith(`@${SIMULATOR_DOMAIN}`);
}
