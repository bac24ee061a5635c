/**
 * The component provider's entry (PulumiPlugin.yaml `main`): serves SesMonitoring to programs in any
 * Pulumi language. What componentProviderHost does, with the provider that keeps type descriptions.
 */
import { main } from "@pulumi/pulumi/provider";
import { SesMonitoringProvider } from "./provider";

main(new SesMonitoringProvider(), process.argv.slice(2)).catch((err) => {
    console.error(err);
    process.exit(1);
});
